"""One word per state in every command that prints one (issue 16): a small crawl on loopback, then ``sites``,
``status``, ``runs`` and ``history``, each read as a person reads it.

A page that answered 404 is *not found*, a municipality without an address *not located*, a candidate that is
not the page an *invalid address*: the words of ``crawler.vocab``, never the stored strings (``missing``,
``not_located``, ``unreached``) and never one state's word for another.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.vocab import Outcome, SiteState, figure_word
from simweb.municipal import SimulatedWeb

from support import run_cli, workdir_with_roles

pytestmark = pytest.mark.slow

#: role -> (its fault on the night, its entry's state); "unlocated" has no url at all
ROLES = {"ok": (None, None), "gone": (404, None), "wrong": (404, "candidate"), "down": (503, None), "unlocated": None}
#: stored strings a person must never read as a word
STORED_ONLY = re.compile(r"\b(missing|not_located|unreached|not_modified)\b|unch\.")


@pytest.fixture
def setting(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A working folder whose sites file has one municipality in each state, and role -> site id."""

    def play(role: str, entry: dict) -> None:
        if ROLES[role] is None:
            del entry["url"]
        elif ROLES[role][1]:
            entry.update(state=ROLES[role][1], source="stored public copy of the page", seen="2024-05")

    faults = {role: spec[0] if spec else None for role, spec in ROLES.items()}
    with SimulatedWeb.municipalities(n=len(ROLES), page_kb=8, latency=0.0) as web:
        roles = dict(zip(ROLES, web.site_ids, strict=True))
        yield workdir_with_roles(tmp_path, web, roles, faults, play, "one municipality in each state"), roles


def _run(sdir: Path, *args: str, for_people: bool = True) -> str:
    result = run_cli(*args, "--sites", "sites.yaml", "--db", "sqlite:///k.db", cwd=sdir)
    assert result.returncode == 0, result.stderr + result.stdout
    if for_people:  # JSON is for programs: it keeps the stored strings
        assert not STORED_ONLY.search(result.stdout), f"{args[0]} printed a stored string:\n{result.stdout}"
    return result.stdout


def test_every_command_says_the_same_word_for_the_same_state(setting: tuple[Path, dict[str, str]]) -> None:
    sdir, roles = setting
    not_found, not_located = Outcome.MISSING.word, SiteState.NOT_LOCATED.word
    assert (not_found, not_located, Outcome.INVALID.word) == ("not found", "not located", "invalid address")

    summary = _run(sdir, "crawl")
    assert f"{figure_word('missing')} 1" in summary and f"{figure_word('not_located')} 1" in summary
    assert f"{figure_word('invalid')} 1" in summary and "failed 1" in summary
    assert f"  {not_found}: {roles['gone']} (HTTP 404)" in summary.splitlines()
    assert f"  {Outcome.INVALID.word}: {roles['wrong']} (" in summary
    assert f"  failed: {roles['down']} (" in summary

    listed = _run(sdir, "sites")
    states = {line.split()[0]: line for line in listed.splitlines()[1:-1]}
    assert f" {not_located} " in states[roles["unlocated"]] + " "
    assert f" {SiteState.INVALID.word} " in states[roles["wrong"]]
    assert listed.splitlines()[-1].endswith(f"0 proposed, 1 {not_located}")
    assert not_found not in listed  # a municipality is never "not found": that is a page's answer

    rows = {row["id"]: row for row in json.loads(_run(sdir, "sites", "--format", "json", for_people=False))}
    assert rows[roles["unlocated"]]["status"] == SiteState.NOT_LOCATED == "not_located"  # JSON: the stored value

    status = _run(sdir, "status")
    assert f"{not_found} 1" in status and f"{not_located} 1" in status

    runs = _run(sdir, "runs")
    header = runs.splitlines()[0]
    assert not_found in header and "unchanged" in header and "404" not in header
    assert re.search(r"\b1\s+1\s*$", runs.splitlines()[1])  # not found 1, failed 1: the last two columns

    history = _run(sdir, "history", roles["gone"])
    assert re.search(rf"run 1\s+{not_found}\s+404", history), history
