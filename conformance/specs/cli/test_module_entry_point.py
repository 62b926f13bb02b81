"""``python -m flask``: the package run as a script."""

import subprocess
import sys


def test_running_the_package_as_a_module_runs_the_flask_command(target, tmp_path):
    """Running the package with ``python -m`` runs the ``flask`` command with the process's arguments (Flask docs: Command Line Interface)."""
    package = target.cli.__name__.rpartition(".")[0]

    completed = subprocess.run(
        [sys.executable, "-m", package, "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["Python", "Flask", "Werkzeug"]


def test_running_the_cli_module_as_a_script_runs_the_flask_command(target, tmp_path):
    """Running the ``cli`` module itself with ``python -m`` also runs the ``flask`` command with the process's arguments (Flask API: cli.main)."""
    completed = subprocess.run(
        [sys.executable, "-m", target.cli.__name__, "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["Python", "Flask", "Werkzeug"]
