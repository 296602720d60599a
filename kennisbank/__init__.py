"""Kennisbank Herstel Groningen: the Django project and its site-wide parts (home, taxonomy, roles)."""
