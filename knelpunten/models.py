"""Models of knelpunten."""
