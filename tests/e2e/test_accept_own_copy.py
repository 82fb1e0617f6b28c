"""`kommunvakt discover --accept` on the bundled registry: the first accept copies it into the working folder.

Subprocesses on a real SQLite file; the bundled registry in the installed package is never written.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from crawler.discover.proposals import latest_proposals, save_proposals
from crawler.discover.scoring import Proposal
from crawler.registry import OWN_COPY, bundled_sites_path, load_sites
from storage.db import make_engine, session_factory
from storage.migrate import upgrade

from support import run_cli

FOUND = {
    "upplands-vasby": "https://www.upplandsvasby.se/kommun-och-politik/internationellt-arbete/",
    "vallentuna": "https://www.vallentuna.se/kommun-och-politik/vanorter/",
}


def propose(db: Path) -> None:
    """Proposals for two municipalities the bundled registry does not locate, stored as discover stores them."""
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    found = [Proposal(site, url, 0.9, True, ("title",), ()) for site, url in FOUND.items()]
    save_proposals(session_factory(engine), found, load_sites(None), now=datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    engine.dispose()


def listed(result_stdout: str) -> dict[str, str | None]:
    return {s["id"]: s["url"] for s in json.loads(result_stdout)}


def test_accept_on_the_bundled_registry_copies_it_once_and_reads_the_copy(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    propose(db)
    before = bundled_sites_path().read_bytes()
    assert all(s.url is None for s in load_sites(None) if s.id in FOUND)

    first = run_cli("discover", "--db", str(db), "--accept", "upplands-vasby", cwd=tmp_path)
    own = tmp_path / OWN_COPY
    assert first.returncode == 0, first.stderr
    assert f"copied the bundled registry to {own}" in first.stderr  # the path is said once, where it is made
    assert f"upplands-vasby: wrote {FOUND['upplands-vasby']} into {own}" in first.stdout
    assert "# discovered" in own.read_text(encoding="utf-8")
    assert bundled_sites_path().read_bytes() == before

    # commands run in this folder read the copy; a folder without one still reads the bundled registry
    shown = run_cli("sites", "--db", str(db), "--format", "json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert listed(shown.stdout)["upplands-vasby"] == FOUND["upplands-vasby"]
    (tmp_path / "elsewhere").mkdir()
    elsewhere = run_cli("sites", "--db", str(db), "--format", "json", cwd=tmp_path / "elsewhere")
    assert listed(elsewhere.stdout)["upplands-vasby"] is None

    # the next accept writes into the same copy, without copying again
    second = run_cli("discover", "--db", str(db), "--accept-confident", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "copied" not in second.stderr
    assert {
        site: url
        for site, url in listed(run_cli("sites", "--format", "json", cwd=tmp_path).stdout).items()
        if site in FOUND
    } == FOUND
    engine = make_engine(f"sqlite:///{db}")
    assert {site: p["status"] for site, p in latest_proposals(session_factory(engine)).items()} == {
        "upplands-vasby": "accepted",
        "vallentuna": "accepted",
    }
    engine.dispose()
    assert bundled_sites_path().read_bytes() == before


def test_a_chosen_sites_file_is_written_where_it_is_and_no_copy_is_made(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    propose(db)
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(bundled_sites_path().read_bytes())
    out = run_cli("discover", "--db", str(db), "--sites", str(mine), "--accept", "vallentuna", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert {s.id: s.url for s in load_sites(mine)}["vallentuna"] == FOUND["vallentuna"]
    assert not (tmp_path / OWN_COPY).exists()
