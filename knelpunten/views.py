"""Views of knelpunten."""
