"""Conformance specs for building URLs with SERVER_NAME, APPLICATION_ROOT, schemes and trusted hosts."""
