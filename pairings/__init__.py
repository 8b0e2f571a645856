"""Pairing tables: schema, reading, validation, resolution to units, and the shipped data."""
