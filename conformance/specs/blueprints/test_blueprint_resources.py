"""A blueprint's own files: resources, static files and their cache lifetime."""

from datetime import timedelta

import pytest

from conformance.paths import APPS_DIR

ADMIN_ROOT = APPS_DIR / "blueprints" / "admin"


@pytest.fixture
def admin(target):
    return target.Blueprint(
        "admin", "conformance_bp", static_folder="static", root_path=str(ADMIN_ROOT)
    )


def test_blueprint_open_resource_reads_bytes_relative_to_its_root(admin):
    """``Blueprint.open_resource`` opens a file relative to the blueprint's root path, in binary mode by default (Flask API: Blueprint.open_resource)."""
    with admin.open_resource("static/admin.css") as resource:
        assert resource.read() == b"admin css"


def test_blueprint_open_resource_in_text_mode(admin):
    """``Blueprint.open_resource(name, "r")`` returns the file's text (Flask API: Blueprint.open_resource)."""
    with admin.open_resource("static/admin.css", "r") as resource:
        assert resource.read() == "admin css"


def test_blueprint_open_resource_refuses_writing(admin):
    """``Blueprint.open_resource`` raises ValueError for a mode other than reading (Flask API: Blueprint.open_resource)."""
    with pytest.raises(ValueError):
        admin.open_resource("static/admin.css", "w")


def test_blueprint_send_static_file_serves_its_static_folder(target, admin):
    """``Blueprint.send_static_file`` answers with a file of the blueprint's static folder (Flask API: Blueprint.send_static_file)."""
    app = target.Flask("conformance_bp")
    app.register_blueprint(admin)
    with app.test_request_context():
        response = admin.send_static_file("admin.css")
        response.direct_passthrough = False
        assert response.status_code == 200
        assert response.get_data() == b"admin css"
        response.close()


def test_blueprint_send_static_file_without_static_folder_raises(target):
    """``Blueprint.send_static_file`` raises RuntimeError when the blueprint has no static folder (Flask API: Blueprint.send_static_file)."""
    app = target.Flask("conformance_bp")
    bare = target.Blueprint("bare", "conformance_bp")
    app.register_blueprint(bare)
    with app.test_request_context(), pytest.raises(RuntimeError):
        bare.send_static_file("admin.css")


@pytest.mark.parametrize(
    ("configured", "expected"),
    [(None, None), (120, 120), (timedelta(hours=1), 3600)],
    ids=["none", "seconds", "timedelta"],
)
def test_blueprint_send_file_max_age_follows_the_config(target, admin, configured, expected):
    """``Blueprint.get_send_file_max_age`` gives ``SEND_FILE_MAX_AGE_DEFAULT`` in seconds, or None (Flask API: Blueprint.get_send_file_max_age)."""
    app = target.Flask("conformance_bp")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = configured
    app.register_blueprint(admin)
    with app.app_context():
        assert admin.get_send_file_max_age("admin.css") == expected


def test_blueprint_static_route_sends_the_configured_max_age(target, admin):
    """A blueprint's static route sets ``Cache-Control`` from ``SEND_FILE_MAX_AGE_DEFAULT`` (Flask API: Blueprint.get_send_file_max_age)."""
    app = target.Flask("conformance_bp")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60
    app.register_blueprint(admin, url_prefix="/admin")
    response = app.test_client().get("/admin/static/admin.css")

    assert response.status_code == 200
    assert "max-age=60" in response.headers["Cache-Control"]
    response.close()
