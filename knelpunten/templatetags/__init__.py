"""Template tags of knelpunten."""
