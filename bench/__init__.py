"""Benchmarks (make bench-*): measured end to end on realistic data, never part of the runtime."""
