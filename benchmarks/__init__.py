"""Benchmarks: every figure is printed with a ratio against a baseline of the same run."""
