"""The error ``open_resource`` raises for a mode that would write."""

import pytest


def test_open_resource_refuses_writing_with_its_reason(site):
    """``open_resource`` in a writing mode raises ``ValueError`` whose message says resources are for reading (Flask API: Flask.open_resource)."""
    with pytest.raises(ValueError) as caught:
        site.open_resource("resources/never-written.txt", "w")

    assert "reading" in str(caught.value)
