"""Conformance specs for configuration."""
