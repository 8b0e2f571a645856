"""Command-line entry points of pairmap."""
