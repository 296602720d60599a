"""Models of leerloop."""
