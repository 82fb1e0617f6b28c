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
    """A real change an analyst should be told about; ``says`` in Swedish and English."""

    site: str
    says: dict[str, str]
    apply: Callable[[PageContent], PageContent]


#: The demo's own narration, in the language of the report it ends with: ``--lang``, else the configured
#: ``[report] lang`` (``KOMMUNVAKT_LANG``, the config file), Swedish by default.
NARRATION: dict[str, dict[str, str]] = {
    "sv": {
        "web": "demo: simulerad webb på loopback: {names}",
        "night": "demo: natt {number}: {summary}",
        "night_done": "körning {run} klar: {figures}",
        "night_broke": "körningen avslutades inte ({status})",
        "no_summary": "ingen sammanfattning",
        "figures": "{fetched} sidor hämtade ({new} nya), {unchanged} oförändrade, {changed} ändrade",
        "report": "demo: två nätter på {seconds} s; rapporten efter den andra natten:\n",
        "temporary": "demo: databasen var tillfällig; ange --db FIL för att behålla den och utforska",
        "web_app": "demo: webbappen: http://{host}:{port}/  logga in som {email} med lösenordet {password}",
        "unfinished": "demon blev inte klar (se ovan)",
    },
    "en": {
        "web": "demo: simulated web on loopback: {names}",
        "night": "demo: night {number}: {summary}",
        "night_done": "run {run} completed: {figures}",
        "night_broke": "the run did not complete ({status})",
        "no_summary": "no summary",
        "figures": "{fetched} pages fetched ({new} new), {unchanged} unchanged, {changed} changed",
        "report": "demo: two nights in {seconds} s; the report of the second night:\n",
        "temporary": "demo: the database was temporary; give --db FILE to keep it and explore",
        "web_app": "demo: the web app: http://{host}:{port}/  log in as {email} with password {password}",
        "unfinished": "the demo did not finish (see above)",
    },
}


EDITS: tuple[Edit, ...] = (
    Edit(
        "trollhattan",
        {
            "sv": "en ny internationell samordnare ersätter den förra; granskningsdatumet flyttas",
            "en": "a new international coordinator replaces the old one; the review stamp moves",
        },
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
        {"sv": "ett nytt strategidokument länkas", "en": "a new strategy document is linked"},
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
        {"sv": "ett stycke om ett nytt vänortssamarbete", "en": "a paragraph about a new twin-town partnership"},
        lambda c: content.add_paragraph(c, "Hylte har tecknat ett nytt vänortsavtal med Ełk i Polen."),
    ),
)


def run_demo(db: str | None, out: TextIO, err: TextIO, lang: str = "sv") -> int:
    """Run the demo, narrated in ``lang`` and ending with the report in it; returns the exit code (0 when both
    nights and the report worked)."""
    says = NARRATION[lang]
    with tempfile.TemporaryDirectory(prefix="kommunvakt-demo-") as tmp:
        work = Path(tmp)
        db_url = db or f"sqlite:///{work / 'demo.db'}"
        (work / "kommunvakt.toml").write_text(DEMO_CONFIG, encoding="utf-8")
        began = time.monotonic()
        with SimulatedWeb.from_seeds() as web:
            web.write_sites_file(work / "sites.yaml")
            names = ", ".join(f"{s} ({web.address(s)})" for s in web.site_ids)
            print(says["web"].format(names=names), file=err)
            options = ["--db", db_url, "--sites", str(work / "sites.yaml"), "--config", str(work / "kommunvakt.toml")]
            first = _night(1, options, work, err, db_url, says)
            if first != 0:
                return first
            web.advance()  # the next night: noise everywhere
            for edit in EDITS:
                web.edit(edit.site, edit.apply)
                print(f"demo: {edit.site}: {edit.says[lang]}", file=err)
            second = _night(2, options, work, err, db_url, says)
            if second != 0:
                return second
        seconds = f"{time.monotonic() - began:.1f}"
        if lang == "sv":
            seconds = seconds.replace(".", ",")  # a Swedish decimal comma
        print(says["report"].format(seconds=seconds), file=err)
        err.flush()
        report = subprocess.run(
            [*CLI, "report", "--format", "text", "--lang", lang, *options],
            cwd=work,
            capture_output=True,
            text=True,
        )
        out.write(report.stdout if report.stdout.endswith("\n") or not report.stdout else report.stdout + "\n")
        out.flush()
        if report.returncode != 0:
            err.write(report.stderr)
        elif db is None:
            print(says["temporary"], file=err)
        return report.returncode


def _night(number: int, options: list[str], work: Path, err: TextIO, db_url: str, says: dict[str, str]) -> int:
    crawl = subprocess.run([*CLI, "crawl", "--quiet", *options], cwd=work, capture_output=True, text=True)
    print(says["night"].format(number=number, summary=_night_summary(db_url, says)), file=err)
    if crawl.returncode != 0:
        err.write(crawl.stderr)
    return crawl.returncode


def _night_summary(db_url: str, says: dict[str, str]) -> str:
    """The night's run as stored, in the narration's language (the crawl's own summary is the CLI's English)."""
    from crawler.ops.runs import recent_runs
    from storage.db import make_engine, session_factory

    engine = make_engine(db_url)
    try:
        runs = recent_runs(session_factory(engine), limit=1)
    finally:
        engine.dispose()
    if not runs:
        return says["no_summary"]
    run = runs[0]
    if run.status != "completed":
        return says["night_broke"].format(status=run.status)
    return says["night_done"].format(run=run.id, figures=says["figures"].format(**run.figures))
