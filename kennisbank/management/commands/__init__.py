"""Management commands of the site-wide app."""
