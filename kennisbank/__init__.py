"""Kennisbank Herstel Groningen: the Django project and its site-wide parts."""
