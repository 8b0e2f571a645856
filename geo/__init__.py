"""Boundaries of China and the gazetteer: administrative units, datum, simplification, names."""
