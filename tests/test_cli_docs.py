"""Every command has help text with an example, and every group is documented in the README."""

from pathlib import Path

import typer.main

from rasd.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(group, prefix=()):
    for name, cmd in getattr(group, "commands", {}).items():
        path = (*prefix, name)
        if getattr(cmd, "commands", None):
            yield from _commands(cmd, path)
        else:
            yield " ".join(path), cmd


def test_every_command_has_help_with_example():
    root = typer.main.get_command(app)
    found = dict(_commands(root))
    assert "version" in found
    for name, cmd in found.items():
        assert cmd.help and cmd.help.strip(), f"rasd {name} has no help"
        assert "Example:" in cmd.help, f"rasd {name}'s help has no Example:"


def test_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for name, _ in _commands(root):
        assert f"rasd {name}" in text, f"README does not mention 'rasd {name}'"


def test_library_errors_are_one_line(tmp_path):
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "rasd", "export", "--db", "postgresql://nobody@127.0.0.1:1/none"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert r.stderr.startswith("error: postgresql://nobody@127.0.0.1:1/none") and "Traceback" not in r.stderr
