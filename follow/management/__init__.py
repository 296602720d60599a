"""Management commands of follow."""
