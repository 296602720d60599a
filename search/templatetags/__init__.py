"""Template tags of the search page."""
