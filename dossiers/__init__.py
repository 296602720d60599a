"""Curated dossiers for bestuurders: a sourced synthesis of lessons on one question, with print and
PDF export.
"""
