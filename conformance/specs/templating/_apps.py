"""The application the templating specs render with, rooted in ``fixtures/apps/templating``."""

from conformance.paths import APPS_DIR

ROOT = APPS_DIR / "templating"


def templating_app(target, app_class=None, **options):
    """A testing app whose ``templates`` folder is ``fixtures/apps/templating/templates``."""
    if app_class is None:
        app = target.make_app("templating_app", root_path=str(ROOT), **options)
    else:
        app = app_class("templating_app", root_path=str(ROOT), **options)
    app.config.update(TESTING=True, SECRET_KEY="templating-secret")
    return app
