"""Kennisdagen: programme, materials and harvest of the days where professionals share lessons."""
