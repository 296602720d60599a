"""Lessons (lessen): the lesson page, its import/export format, and the channels that show it."""
