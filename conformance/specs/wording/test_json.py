"""Flask's sentences from its JSON support."""

import pytest


def test_json_response_with_args_and_kwargs_message(app):
    """``app.json.response`` given both positional and keyword data raises TypeError with exactly Flask's sentence (Flask API: JSONProvider.response)."""
    with app.app_context(), pytest.raises(TypeError) as raised:
        app.json.response([1], extra=2)
    assert str(raised.value) == "app.json.response() takes either args or kwargs, not both"


def test_json_unserializable_object_message(app):
    """Serializing an object the default provider does not know raises TypeError with exactly Flask's sentence naming the type (Flask API: DefaultJSONProvider.default)."""

    class Gadget:
        pass

    with app.app_context(), pytest.raises(TypeError) as raised:
        app.json.dumps({"item": Gadget()})
    assert str(raised.value) == "Object of type Gadget is not JSON serializable"


def test_tagged_json_duplicate_tag_message(target):
    """Registering a second tag under a taken key raises KeyError whose argument is exactly Flask's sentence naming the key (Flask API: TaggedJSONSerializer.register)."""
    tag_module = target.json.tag

    class Duplicate(tag_module.JSONTag):
        key = " t"

    serializer = tag_module.TaggedJSONSerializer()
    with pytest.raises(KeyError) as raised:
        serializer.register(Duplicate)
    assert raised.value.args == ("Tag ' t' is already registered.",)
