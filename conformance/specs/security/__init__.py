"""Specs for how Flask answers hostile or broken input and what it keeps to itself."""
