"""Static files served by blueprints."""

from conformance.paths import APPS_DIR

ROOT = APPS_DIR / "blueprints"


def _site(target):
    app = target.make_app("blueprints_site", root_path=str(ROOT))
    app.config.update(TESTING=True)
    return app


def _admin(target, **options):
    return target.Blueprint(
        "admin", __name__, root_path=str(ROOT / "admin"), static_folder="static", **options
    )


def test_blueprint_static_file_is_served_under_its_prefix(target):
    """A blueprint with ``static_folder`` serves its files at ``<url_prefix>/static/<filename>`` (Flask docs: Blueprints)."""
    app = _site(target)
    app.register_blueprint(_admin(target, url_prefix="/admin"))
    response = target.make_client(app).get("/admin/static/admin.css")
    assert response.status_code == 200
    assert response.data == b"admin css"
    response.close()


def test_url_for_blueprint_static_endpoint(target):
    """Calling ``url_for('<blueprint>.static', filename=...)`` builds the URL of a file in the blueprint's static folder (Flask docs: Blueprints)."""
    app = _site(target)
    app.register_blueprint(_admin(target, url_prefix="/admin"))
    with app.test_request_context():
        assert target.url_for("admin.static", filename="admin.css") == "/admin/static/admin.css"


def test_static_url_path_changes_the_url(target):
    """A blueprint's ``static_url_path`` replaces the ``/static`` part of its static files' URLs (Flask API: Blueprint)."""
    app = _site(target)
    app.register_blueprint(_admin(target, url_prefix="/admin", static_url_path="/assets"))
    client = target.make_client(app)
    response = client.get("/admin/assets/admin.css")
    assert response.data == b"admin css"
    response.close()
    assert client.get("/admin/static/admin.css").status_code == 404
    with app.test_request_context():
        assert target.url_for("admin.static", filename="a.css") == "/admin/assets/a.css"


def test_relative_static_endpoint_in_blueprint_request(target):
    """Inside a blueprint request, ``url_for('.static', filename=...)`` points into the blueprint's static folder (Flask docs: Blueprints)."""
    app = _site(target)
    bp = _admin(target, url_prefix="/admin")
    bp.add_url_rule("/", "index", lambda: target.url_for(".static", filename="admin.css"))
    app.register_blueprint(bp)
    assert target.make_client(app).get("/admin/").data == b"/admin/static/admin.css"


def test_missing_blueprint_static_file_is_404(target):
    """A file absent from the blueprint's static folder gives 404 Not Found (Flask docs: Blueprints)."""
    app = _site(target)
    app.register_blueprint(_admin(target, url_prefix="/admin"))
    assert target.make_client(app).get("/admin/static/nope.css").status_code == 404


def test_app_static_route_wins_without_prefix(target):
    """Without a URL prefix, a blueprint's static URLs collide with the application's and the application's static folder is served (Flask API: Blueprint)."""
    app = _site(target)
    app.register_blueprint(_admin(target))
    response = target.make_client(app).get("/static/shared.txt")
    assert response.data == b"app static"
    response.close()


def test_blueprint_without_static_folder_has_no_static_endpoint(target, app):
    """A blueprint created without ``static_folder`` registers no ``<name>.static`` endpoint (Flask API: Blueprint)."""
    app.register_blueprint(target.Blueprint("plain", __name__, url_prefix="/plain"))
    assert "plain.static" not in app.view_functions
    assert "static" in app.view_functions
