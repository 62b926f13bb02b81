"""The instance folder of an application whose package is installed."""

import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "import_name",
    [
        pytest.param("click", id="installed-package"),
        pytest.param("py", id="installed-module"),  # the module pytest installs beside itself
    ],
)
def test_installed_application_instance_folder_is_under_the_prefix_var(target, import_name):
    """An application whose import name is an installed module or package has its instance folder at ``<sys.prefix>/var/<name>-instance`` (Flask docs: Instance Folders)."""
    app = target.Flask(import_name)

    assert Path(app.instance_path) == Path(sys.prefix) / "var" / f"{import_name}-instance"


def test_package_in_a_virtualenv_site_packages_uses_the_virtualenv_var(
    target, tmp_path, monkeypatch
):
    """An application whose package sits in a virtualenv's ``lib/pythonX.Y/site-packages`` outside ``sys.prefix`` has its instance folder at ``<virtualenv>/var/<name>-instance`` (Flask docs: Instance Folders)."""
    site_packages = tmp_path / "venv" / "lib" / "python3.x" / "site-packages"
    package = site_packages / "conformance_venv_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site_packages))

    app = target.Flask("conformance_venv_pkg")

    assert Path(app.instance_path) == tmp_path / "venv" / "var" / "conformance_venv_pkg-instance"
