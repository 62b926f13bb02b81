"""``python -m flask``: the package run as a script."""

import subprocess
import sys


def _version_lines_of(module: str, folder) -> list[str]:
    """The first word of each line ``python -m MODULE --version`` prints, run in *folder*."""
    completed = subprocess.run(
        [sys.executable, "-m", module, "--version"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return [line.split()[0] for line in completed.stdout.splitlines()]


def test_running_the_package_as_a_module_runs_the_flask_command(target, tmp_path):
    """Running the package with ``python -m`` runs the ``flask`` command with the process's arguments (Flask docs: Command Line Interface)."""
    package = target.cli.__name__.rpartition(".")[0]

    assert _version_lines_of(package, tmp_path) == ["Python", "Flask", "Werkzeug"]


def test_running_the_cli_module_as_a_script_runs_the_flask_command(target, tmp_path):
    """Running the ``cli`` module itself with ``python -m`` also runs the ``flask`` command with the process's arguments (Flask API: cli.main)."""
    assert _version_lines_of(target.cli.__name__, tmp_path) == ["Python", "Flask", "Werkzeug"]
