"""Specs for streamed responses: generators, stream_with_context and stream_template."""
