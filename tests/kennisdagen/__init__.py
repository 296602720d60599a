"""Tests of the kennisdagen app: page tree, permissions, calendar, uploads, extraction."""
