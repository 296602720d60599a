"""Models of follow."""
