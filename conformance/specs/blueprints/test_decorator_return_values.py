"""A blueprint's app-wide registration decorators hand the function back."""

import pytest

DECORATORS = {
    "app_context_processor": lambda bp: bp.app_context_processor,
    "app_errorhandler": lambda bp: bp.app_errorhandler(404),
    "app_url_value_preprocessor": lambda bp: bp.app_url_value_preprocessor,
    "app_url_defaults": lambda bp: bp.app_url_defaults,
    "before_app_request": lambda bp: bp.before_app_request,
    "after_app_request": lambda bp: bp.after_app_request,
    "teardown_app_request": lambda bp: bp.teardown_app_request,
    "app_template_filter": lambda bp: bp.app_template_filter(),
    "app_template_test": lambda bp: bp.app_template_test(),
    "app_template_global": lambda bp: bp.app_template_global(),
}


@pytest.mark.parametrize("decorator", sorted(DECORATORS))
def test_app_wide_blueprint_decorators_return_the_function(target, decorator):
    """A blueprint's app-wide registration decorators (``app_context_processor``, ``before_app_request``, ``app_template_filter()``, ...) return the decorated function unchanged (Flask API: Blueprint)."""
    blueprint = target.Blueprint("decorated", __name__)

    def function(*args):
        return args[0] if args else {}

    assert DECORATORS[decorator](blueprint)(function) is function
