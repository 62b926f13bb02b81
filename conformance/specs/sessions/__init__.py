"""Conformance specs."""
