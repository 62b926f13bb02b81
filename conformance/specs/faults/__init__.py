"""Faults seen at the WSGI boundary."""
