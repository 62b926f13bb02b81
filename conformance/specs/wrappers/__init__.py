"""Specs for Flask's Request and Response wrappers."""
