"""Specs for Flask's test client, EnvironBuilder and CLI runner."""
