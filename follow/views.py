"""Views of follow."""
