"""``app.logger``: its name, identity and level."""

import logging
import sys


def test_logger_is_named_after_the_app(target, logger_name):
    """``app.logger`` is named after ``app.name``, the application's import name (Flask API: Flask.logger)."""
    app = target.Flask(logger_name)

    assert app.name == logger_name
    assert app.logger.name == logger_name


def test_logger_is_the_standard_logger_of_that_name(target, logger_name):
    """``app.logger`` is the same object as ``logging.getLogger(app.name)`` (Flask docs: Logging)."""
    app = target.Flask(logger_name)

    assert app.logger is logging.getLogger(logger_name)
    assert isinstance(app.logger, logging.Logger)


def test_logger_is_created_once(target, logger_name):
    """Every access to ``app.logger`` returns the same logger object (Flask API: Flask.logger)."""
    app = target.Flask(logger_name)

    assert app.logger is app.logger


def test_dotted_import_name_gives_a_dotted_logger(target, logger_name):
    """An app with a dotted import name gets the logger of that dotted name, a child of the package logger (Flask docs: Logging)."""
    parent = logging.getLogger(logger_name)
    app = target.Flask(f"{logger_name}.app")

    assert app.logger.name == f"{logger_name}.app"
    assert app.logger.parent is parent


def test_level_is_left_unset_outside_debug(target, logger_name, monkeypatch):
    """Outside debug mode ``app.logger`` keeps the level ``NOTSET``, deferring to its ancestors (Flask API: Flask.logger)."""
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = target.Flask(logger_name)

    assert app.logger.level == logging.NOTSET


def test_debug_mode_sets_level_debug(target, logger_name):
    """In debug mode, an ``app.logger`` without a level gets level ``DEBUG`` (Flask API: Flask.logger)."""
    app = target.Flask(logger_name)
    app.debug = True

    assert app.logger.level == logging.DEBUG


def test_flask_debug_variable_sets_level_debug(target, logger_name, monkeypatch):
    """An app created with ``FLASK_DEBUG=1`` in the environment gets a logger at level ``DEBUG`` (Flask docs: Logging)."""
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = target.Flask(logger_name)

    assert app.logger.level == logging.DEBUG


def test_debug_mode_keeps_a_configured_level(target, logger_name):
    """In debug mode a level already set on the logger is kept (Flask API: Flask.logger)."""
    logging.getLogger(logger_name).setLevel(logging.WARNING)
    app = target.Flask(logger_name)
    app.debug = True

    assert app.logger.level == logging.WARNING


def test_level_is_decided_on_first_access(target, logger_name):
    """Turning debug on after ``app.logger`` was first used does not change the logger's level (Flask API: Flask.logger)."""
    app = target.Flask(logger_name)
    assert app.logger.level == logging.NOTSET

    app.debug = True

    assert app.logger.level == logging.NOTSET


def test_create_logger_returns_the_named_logger(target, logger_name):
    """``create_logger(app)`` returns the logger named after the app, set to ``DEBUG`` when the app is in debug mode (Flask API: flask.logging.create_logger)."""
    app = target.Flask(logger_name)
    app.config["DEBUG"] = True

    logger = target.logging.create_logger(app)

    assert logger is logging.getLogger(logger_name)
    assert logger.level == logging.DEBUG


def test_main_module_app_is_named_after_the_script(target, logger_name, monkeypatch):
    """An app with import name ``__main__`` takes its name, and its logger's name, from the main script's file name (Flask API: Flask.name)."""
    monkeypatch.setattr(
        sys.modules["__main__"], "__file__", f"/srv/{logger_name}.py", raising=False
    )

    app = target.Flask("__main__", root_path="/srv")

    assert app.name == logger_name
    assert app.logger.name == logger_name


def test_main_module_without_a_file_keeps_the_name_main(target, monkeypatch):
    """An app with import name ``__main__`` is named ``__main__`` when the main module has no ``__file__``, as in an interactive session (Flask API: Flask.name)."""
    monkeypatch.delattr(sys.modules["__main__"], "__file__", raising=False)

    app = target.Flask("__main__", root_path="/srv")

    assert app.name == "__main__"
