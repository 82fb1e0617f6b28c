"""The command line as users meet it: help, contracts of `sites`, exit codes for bad usage."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import click
import pytest

import crawler.cli
from crawler.cli import COMMANDS, cli, main

from support import run_cli


def test_every_command_of_every_module_is_reachable_by_name() -> None:
    ctx = click.Context(cli)
    for info in pkgutil.iter_modules(crawler.cli.__path__):
        if info.name.startswith("_"):  # __main__ runs the CLI when imported
            continue
        module = importlib.import_module(f"crawler.cli.{info.name}")
        for command in getattr(module, "commands", []):
            assert cli.get_command(ctx, command.name) is command, f"{command.name} of {info.name} not in COMMANDS"
    assert set(cli.list_commands(ctx)) == set(COMMANDS)


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("crawl", "changes", "report", "sites", "discover", "schedule", "demo", "db"):
        assert f"  {name} " in out


def test_sites_json_is_the_registry_with_its_state(tmp_path: Path) -> None:
    result = run_cli("sites", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert len(entries) == 290
    amal = next(e for e in entries if e["id"] == "amal")
    assert amal["code"] == "1492" and amal["located"] is True and amal["status"] == "located"
    assert {"id", "name", "code", "county", "home", "url", "located"} <= set(amal)
    assert not (tmp_path / "kommunvakt.db").exists(), "listing the registry created a database"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nonsense"], "No such command"),
        (["crawl", "--only", "atlantis"], "unknown site id(s): atlantis"),
        (["changes", "--since", "last tuesday"], "--since: not a date"),
        (["crawl", "--config", "missing.toml"], "missing.toml: cannot read the config file"),
    ],
)
def test_bad_usage_exits_2_with_one_clear_line(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run_cli(*args, "--db", "k.db", cwd=tmp_path) if args[0] != "nonsense" else run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "k.db").exists()
