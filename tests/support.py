"""Helpers for tests that run kommunvakt as a real process (Scrapy's reactor runs once per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, select

from storage.db import make_engine

#: The repository's root, wherever in tests/ the test that asks for it lives.
REPO = Path(__file__).resolve().parent.parent
if TYPE_CHECKING:
    from crawler.fetch import FetchResult
    from crawler.registry import SiteEntry
    from crawler.verdict import Verdict
    from simweb.municipal import SimulatedWeb

FAST_CONFIG = """
[crawl]
contact = "test@example.se"
timeout = 5.0
retries = 2
retry_backoff = 0.05

# The crawl's own discovery has its own tests (tests/e2e/test_auto_discovery.py); the crawl tests watch the crawl.
[discovery]
auto = false
"""


def write_config(directory: Path, text: str = FAST_CONFIG) -> Path:
    path = directory / "kommunvakt.toml"
    path.write_text(text, encoding="utf-8")
    return path


def workdir_with_roles(
    directory: Path,
    web: SimulatedWeb,
    roles: dict[str, str],
    faults: dict[str, str | int | None],
    entry: Callable[[str, dict[str, Any]], None],
    comment: str,
) -> Path:
    """A working folder for ``web`` whose sites play roles (role -> site id): ``entry(role, entry)`` edits each
    sites-file entry, and each role's fault (if any) is set on the web. Returns the folder."""
    from ruamel.yaml import YAML

    from simweb.municipal.builders import dump_sites

    write_config(directory)
    path = web.write_sites_file(directory / "sites.yaml")
    role_of = {site: role for role, site in roles.items()}
    entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    for item in entries:
        entry(role_of[item["id"]], item)
    dump_sites(path, entries, comment)
    for role, fault in faults.items():
        if fault is not None:
            web.fault(roles[role], fault)
    return directory


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    """This process's environment plus ``env``; KOMMUNVAKT_DB only if ``env`` sets it (tests pass --db)."""
    environment = {**os.environ, **(env or {})}
    if "KOMMUNVAKT_DB" not in (env or {}):
        environment.pop("KOMMUNVAKT_DB", None)
    return environment


def run_cli(
    *args: str, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``kommunvakt ARGS`` in a subprocess and return its result (never raises on exit codes)."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=cwd,
        env=_environment(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``kommunvakt ARGS`` in the background (to signal or race it); output is captured."""
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=cwd,
        env=_environment(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def changes_of(workdir: Path, db_url: str, *extra: str) -> list[dict]:
    """``kommunvakt changes --format json`` for the sites file in ``workdir``."""
    result = run_cli("changes", "--sites", "sites.yaml", "--db", db_url, "--format", "json", *extra, cwd=workdir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def count(engine: Engine, model: type, *where: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model).where(*where)).scalar_one())


def engine_for(url: str) -> Engine:
    return make_engine(url)


def store_fetch(factory: Any, run_id: int, site: SiteEntry, fetch: FetchResult, *, gone_after: int = 2) -> Verdict:
    """One page through the crawl's own steps (:func:`crawler.check.check_page`), read in this process by the
    crawl's read path (:func:`crawler.extract.reading.read_fetch`) instead of its reader process."""
    from crawler.check import check_page
    from crawler.extract.reading import read_fetch
    from crawler.verdict import needs_reading

    reading = None
    if needs_reading(fetch):
        reading = read_fetch(fetch, home_url=site.home, main=site.main, ignore=site.ignore)
    return check_page(factory, run_id, site, fetch, reading, gone_after=gone_after)
