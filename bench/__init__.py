"""Benchmarks of the dashboard: ``python -m bench`` (single user) and ``python -m bench load``."""
