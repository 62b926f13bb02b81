"""Specs for class-based views: View, MethodView and as_view."""
