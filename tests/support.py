"""Helpers for tests that run kommunvakt as a real process (Scrapy's reactor runs once per process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, func, select

from storage.db import make_engine

FAST_CONFIG = """
[crawl]
contact = "test@example.se"
timeout = 5.0
retries = 2
retry_backoff = 0.05
"""


def write_config(directory: Path, text: str = FAST_CONFIG) -> Path:
    path = directory / "kommunvakt.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(
    *args: str, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``kommunvakt ARGS`` in a subprocess and return its result (never raises on exit codes)."""
    environment = {**os.environ, **(env or {})}
    environment.pop("KOMMUNVAKT_DB", None) if "KOMMUNVAKT_DB" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def count(engine: Engine, model: type, *where: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model).where(*where)).scalar_one())


def engine_for(url: str) -> Engine:
    return make_engine(url)
