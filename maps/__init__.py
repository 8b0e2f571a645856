"""Interactive flow maps: layers, legend, offline single-file HTML, static images, the map book."""
