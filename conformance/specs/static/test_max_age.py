"""Cache lifetimes of sent files: ``max_age``, ``SEND_FILE_MAX_AGE_DEFAULT`` and ``get_send_file_max_age``."""

from datetime import timedelta

import pytest


def _get(app, target, url):
    response = target.make_client(app).get(url)
    response.close()
    return response


def test_default_is_no_cache_without_max_age(target, site):
    """By default a static file is sent with ``Cache-Control: no-cache`` and no ``max-age`` or ``Expires`` (Flask API: Flask.get_send_file_max_age)."""
    response = _get(site, target, "/static/hello.txt")

    assert site.config["SEND_FILE_MAX_AGE_DEFAULT"] is None
    assert response.cache_control.no_cache is True
    assert response.cache_control.max_age is None
    assert response.expires is None


@pytest.mark.parametrize("value", [60, timedelta(minutes=1)], ids=["int", "timedelta"])
def test_config_max_age_applies_to_static_files(target, site, value):
    """``SEND_FILE_MAX_AGE_DEFAULT`` as seconds or a ``timedelta`` becomes a public ``max-age`` of static files (Flask API: Flask.get_send_file_max_age)."""
    site.config["SEND_FILE_MAX_AGE_DEFAULT"] = value

    response = _get(site, target, "/static/hello.txt")

    assert response.cache_control.max_age == 60
    assert response.cache_control.public is True
    assert response.cache_control.no_cache is None
    assert response.expires is not None


def test_config_max_age_applies_to_send_file(target, site):
    """``SEND_FILE_MAX_AGE_DEFAULT`` also sets the ``max-age`` of files sent by ``send_file`` (Flask API: send_file)."""
    site.config["SEND_FILE_MAX_AGE_DEFAULT"] = 30
    site.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt"))

    assert _get(site, target, "/f").cache_control.max_age == 30


def test_max_age_argument_wins_over_config(target, site):
    """A ``max_age`` argument of ``send_file`` overrides ``SEND_FILE_MAX_AGE_DEFAULT`` (Flask API: send_file)."""
    site.config["SEND_FILE_MAX_AGE_DEFAULT"] = 30
    site.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt", max_age=90))

    assert _get(site, target, "/f").cache_control.max_age == 90


def test_max_age_zero_keeps_no_cache(target, site):
    """``max_age=0`` sends ``max-age=0`` while keeping ``no-cache`` and not marking the file public (Flask API: send_file)."""
    site.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt", max_age=0))

    response = _get(site, target, "/f")

    assert response.cache_control.max_age == 0
    assert response.cache_control.no_cache is True
    assert response.cache_control.public is False


def test_callable_max_age_gets_the_path(target, site):
    """A callable ``max_age`` is called with the file's path and its result is the ``max-age`` (Flask API: send_file)."""
    seen = []

    def by_path(path):
        seen.append(path)
        return 5

    site.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt", max_age=by_path))

    assert _get(site, target, "/f").cache_control.max_age == 5
    assert seen == [str(site.root_path) + "/static/hello.txt"]


def test_overridden_get_send_file_max_age_is_used(target, make_site):
    """A ``Flask`` subclass overriding ``get_send_file_max_age`` chooses the ``max-age`` per file name for static files (Flask API: Flask.get_send_file_max_age)."""
    seen = []

    class Site(target.Flask):
        def get_send_file_max_age(self, filename):
            seen.append(filename)
            return 600 if filename.endswith(".css") else None

    app = Site("static_site", root_path=make_site().root_path)

    assert _get(app, target, "/static/style.css").cache_control.max_age == 600
    assert seen == ["style.css"]
    assert _get(app, target, "/static/hello.txt").cache_control.max_age is None
    assert seen[1] == "hello.txt"


def test_static_max_age_none_asks_again_with_the_full_path(target, make_site):
    """When ``get_send_file_max_age`` returns ``None`` for a static file name, ``send_file`` asks it again with the file's full path (Flask API: Flask.send_static_file)."""
    seen = []

    class Site(target.Flask):
        def get_send_file_max_age(self, filename):
            seen.append(filename)
            return None if len(seen) == 1 else 77

    app = Site("static_site", root_path=make_site().root_path)

    assert _get(app, target, "/static/hello.txt").cache_control.max_age == 77
    assert seen == ["hello.txt", app.static_folder + "/hello.txt"]


def test_overridden_get_send_file_max_age_applies_to_send_file(target, make_site):
    """``send_file`` without ``max_age`` asks the app's ``get_send_file_max_age`` with the full path (Flask API: Flask.get_send_file_max_age)."""
    seen = []

    class Site(target.Flask):
        def get_send_file_max_age(self, filename):
            seen.append(filename)
            return 42

    app = Site("static_site", root_path=make_site().root_path)
    app.add_url_rule("/f", "f", lambda: target.send_file("static/hello.txt"))

    assert _get(app, target, "/f").cache_control.max_age == 42
    assert seen == [app.root_path + "/static/hello.txt"]
