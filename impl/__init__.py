"""impl: a Flask-compatible web framework built on Werkzeug, Jinja2, itsdangerous, Click and Blinker.

The framework itself arrives with its own issue; until then this package is
importable and empty, and fails the conformance specs visibly.
"""
