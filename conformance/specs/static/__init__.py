"""Specs for static files, send_file, send_from_directory and resources."""
