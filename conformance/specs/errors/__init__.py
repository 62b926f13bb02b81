"""Conformance specs for HTTP errors, aborting, error handlers and exception trapping."""
