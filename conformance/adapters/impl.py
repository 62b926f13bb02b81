"""impl, this project's own Flask-compatible framework, seen as a target.

impl is laid out like ``flask``, so the plain module adapter reaches it; this
subclass only says what impl deliberately does not offer: Flask's exact
sentences. impl's messages are written in its own words and carry the same
facts (names, URLs, values, types) as Flask's, which the other areas check.
"""

from __future__ import annotations

from conformance.targets import ModuleAdapter


class ImplAdapter(ModuleAdapter):
    """impl: the module adapter, with Flask's wording declared unsupported."""

    unsupported = {
        "flask-wording": "impl writes its messages, warnings and help texts in its own "
        "sentences, carrying the facts Flask's carry (checked in the other areas)",
    }
