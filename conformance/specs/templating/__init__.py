"""Templates: Jinja environment, rendering, context and template loading."""
