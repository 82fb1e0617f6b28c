"""``kommunvakt demo``: two nights against the simulated municipal web, then the change report.

Everything runs on loopback: the five seed municipalities are served by
``simweb.municipal.SimulatedWeb`` in this process; each night's crawl is a
``kommunvakt crawl`` child process (Scrapy's reactor runs once per process).
Between the nights the web moves on: page noise (rotating news, tokens,
markup shuffles) that must NOT be reported, and four edits that must be.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from simweb.municipal import DocLink, PageContent, Person, SimulatedWeb, content

CLI = [sys.executable, "-m", "crawler.cli"]

DEMO_CONFIG = """\
# Written by `kommunvakt demo`: a fast, polite crawl of the simulated web on loopback.
[crawl]
contact = "demo@example.se"
timeout = 10.0
retries = 1
retry_backoff = 0.1
"""


@dataclass(frozen=True)
class Edit:
    """A real change an analyst should be told about."""

    site: str
    says: str
    apply: Callable[[PageContent], PageContent]


EDITS: tuple[Edit, ...] = (
    Edit(
        "trollhattan",
        "a new international coordinator replaces the old one; the review stamp moves",
        content.chain(
            lambda c: content.replace_contact(
                c,
                0,
                Person(
                    "Sara Lindberg", ("Internationell samordnare",), "sara.lindberg@trollhattan.se", "0520-49 70 00"
                ),
            ),
            lambda c: content.bump_stamp(c, days=30),
        ),
    ),
    Edit(
        "amal",
        "a new strategy document is linked",
        lambda c: content.add_document(
            c,
            DocLink(
                "Handlingsplan för internationellt arbete 2026",
                "/download/18.1a2b/handlingsplan-2026.pdf",
                "pdf 212 KB",
            ),
        ),
    ),
    Edit(
        "hylte",
        "a paragraph about a new twin-town partnership",
        lambda c: content.add_paragraph(c, "Hylte har tecknat ett nytt vänortsavtal med Ełk i Polen."),
    ),
)


def run_demo(db: str | None, out: TextIO, err: TextIO, lang: str | None = None) -> int:
    """Run the demo; returns the exit code (0 when both nights and the report worked)."""
    with tempfile.TemporaryDirectory(prefix="kommunvakt-demo-") as tmp:
        work = Path(tmp)
        db_url = db or f"sqlite:///{work / 'demo.db'}"
        (work / "kommunvakt.toml").write_text(DEMO_CONFIG, encoding="utf-8")
        began = time.monotonic()
        with SimulatedWeb.from_seeds() as web:
            web.write_sites_file(work / "sites.yaml")
            names = ", ".join(f"{s} ({web.address(s)})" for s in web.site_ids)
            print(f"demo: simulated web on loopback: {names}", file=err)
            options = ["--db", db_url, "--sites", str(work / "sites.yaml"), "--config", str(work / "kommunvakt.toml")]
            first = _night(1, options, work, err)
            if first != 0:
                return first
            web.advance()  # the next night: noise everywhere
            for edit in EDITS:
                web.edit(edit.site, edit.apply)
                print(f"demo: {edit.site}: {edit.says}", file=err)
            second = _night(2, options, work, err)
            if second != 0:
                return second
        print(f"demo: two nights in {time.monotonic() - began:.1f} s; the report of the second night:\n", file=err)
        err.flush()
        report = subprocess.run(
            [*CLI, "report", "--format", "text", *(["--lang", lang] if lang else []), *options],
            cwd=work,
            capture_output=True,
            text=True,
        )
        out.write(report.stdout if report.stdout.endswith("\n") or not report.stdout else report.stdout + "\n")
        out.flush()
        if report.returncode != 0:
            err.write(report.stderr)
        elif db is None:
            print("demo: the database was temporary; give --db FILE to keep it and explore", file=err)
        return report.returncode


def _night(number: int, options: list[str], work: Path, err: TextIO) -> int:
    crawl = subprocess.run([*CLI, "crawl", *options], cwd=work, capture_output=True, text=True)
    summary = crawl.stdout.strip().splitlines()[-1] if crawl.stdout.strip() else ""
    print(f"demo: night {number}: {summary or 'no summary'}", file=err)
    if crawl.returncode != 0:
        err.write(crawl.stderr)
    return crawl.returncode
