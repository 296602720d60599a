"""Migrations of follow."""
