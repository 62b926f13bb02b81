"""What the errors raised for a wrong error handler registration say."""

import pytest


def test_registering_an_exception_instance_says_it_is_an_instance(app):
    """``register_error_handler`` given an exception instance raises ``TypeError`` whose message says it got an instance, not a class (Flask API: Flask.register_error_handler)."""
    with pytest.raises(TypeError) as caught:
        app.register_error_handler(KeyError("missing"), lambda error: ("never", 500))

    assert "instance" in str(caught.value)
    assert "KeyError" in str(caught.value)


def test_registering_a_class_outside_exception_names_it(app):
    """``errorhandler`` given a class that does not derive from ``Exception`` raises ``ValueError`` naming that class (Flask API: Flask.errorhandler)."""

    class Outcome:
        pass

    with pytest.raises(ValueError) as caught:
        app.errorhandler(Outcome)(lambda error: ("never", 500))

    assert "Outcome" in str(caught.value)


@pytest.mark.parametrize("key", ["404", None, 4.5], ids=["numeric-string", "none", "float"])
def test_registering_something_neither_code_nor_class_is_a_type_error(app, key):
    """``errorhandler`` given a key that is neither an int status code nor a class (a string, ``None``, a float) raises ``TypeError`` (Flask API: Flask.errorhandler)."""
    with pytest.raises(TypeError):
        app.errorhandler(key)(lambda error: ("never", 500))
