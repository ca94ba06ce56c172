"""Docs kept honest by tests: every command is documented in README, and the README's two
commands are the ones the scripts and CI use."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from ceasewatch.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    ctx = click.Context(group)
    names = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        names.append(prefix + name)
        if isinstance(cmd, click.Group):
            names += _commands(cmd, prefix + name + " ")
    return names


def test_every_command_is_documented_in_readme():
    missing = [c for c in _commands(cli) if f"`ceasewatch {c}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_every_command_has_help():
    runner = CliRunner()
    for name in _commands(cli):
        result = runner.invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "ceasewatch" in result.output


def test_readme_commands_match_scripts_and_ci():
    assert "./scripts/demo.sh" in README and "./scripts/test.sh" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci
