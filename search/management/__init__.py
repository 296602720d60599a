"""Management commands of the search app."""
