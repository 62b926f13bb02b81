"""Conformance specs for logging."""
