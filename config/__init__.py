"""Project wiring: settings, URLs, WSGI and the API router. Nothing below imports it."""
