"""Signals (knelpunten) from practice: professionals report what is stuck, editors triage and link
the lessons that answer it.
"""
