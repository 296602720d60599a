"""Template tags of the site-wide app."""
