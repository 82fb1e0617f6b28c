"""End to end: two real crawls of the simulated web, then `kommunvakt report --send` as a process,
mailing through a real SMTP server on loopback; the ledger keeps a second send from repeating anything."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from report_support import SmtpSink

from simweb.municipal import Person, SimulatedWeb, content
from storage.models import Delivery

from support import FAST_CONFIG, count, engine_for, run_cli, write_config

pytestmark = pytest.mark.slow

WEST = "Västra Götalands län"
NEW_PARAGRAPH = "Åmål inleder ett nytt samarbete med Türi i Estland."
SUBSCRIBERS = f"""
[mail]
from = "kommunvakt@example.se"

[[subscribers]]
email = "anna@example.se"
counties = ["{WEST}"]

[[subscribers]]
email = "bo@example.se"
kinds = ["contact_added", "contact_removed"]

[[subscribers]]
email = "cia@example.se"
sites = ["amal", "hylte"]

[[subscribers]]
email = "dan@example.se"
sites = ["ljungby"]
"""


def cli(workdir: Path, db_url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args, "--sites", "sites.yaml", "--db", db_url, cwd=workdir, env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def test_two_nights_then_each_subscriber_mailed_its_changes_once(
    web: SimulatedWeb, smtp_server: tuple[SmtpSink, int], tmp_path: Path, db_url: str
) -> None:
    sink, port = smtp_server
    write_config(tmp_path, FAST_CONFIG + SUBSCRIBERS)
    web.write_sites_file(tmp_path / "sites.yaml")
    old_coordinator = web.content("trollhattan").contacts[0].name
    assert old_coordinator

    cli(tmp_path, db_url, "crawl")
    web.advance()
    sara = Person("Sara Lindberg", ("Internationell samordnare",), "sara.lindberg@trollhattan.se", "0520-49 70 00")
    web.edit(
        "trollhattan",
        content.chain(lambda c: content.replace_contact(c, 0, sara), lambda c: content.bump_stamp(c, days=30)),
    )
    web.edit("amal", lambda c: content.add_paragraph(c, NEW_PARAGRAPH))
    web.fault("hylte", 503, times=20)
    cli(tmp_path, db_url, "crawl")

    mail_env = {"KOMMUNVAKT_SMTP_URL": f"smtp://127.0.0.1:{port}"}
    sent = cli(tmp_path, db_url, "report", "--send", env=mail_env)
    assert "nothing for dan@example.se" in sent.stderr
    recipients = sorted(r for m in sink.messages for r in m.recipients)
    assert recipients == ["anna@example.se", "bo@example.se", "cia@example.se"]

    (anna,) = sink.to("anna@example.se")
    assert anna.message["Subject"].startswith("kommunvakt: 4 ändringar i 2 kommuner, ")
    (bo,) = sink.to("bo@example.se")
    assert bo.message["Subject"].startswith("kommunvakt: 2 ändringar i 1 kommun, ")
    (cia,) = sink.to("cia@example.se")
    assert cia.message["Subject"].startswith("kommunvakt: 1 ändring i 1 kommun, ")

    for part in ("plain", "html"):
        body = anna.part(part)
        for expected in ("Trollhättans stad", "Åmåls kommun", "Sara Lindberg", old_coordinator, "Türi"):
            assert expected in body, (part, expected)
        for label in ("Ny kontaktperson", "Kontaktperson borttagen", "Nytt granskningsdatum", "Ändrad text"):
            assert label in body, (part, label)
        assert "Hylte" not in body and "Kunde inte kontrolleras" not in body  # another county

        body = bo.part(part)
        assert "Sara Lindberg" in body and old_coordinator in body
        assert "Nytt granskningsdatum" not in body and "Ändrad text" not in body and "Türi" not in body
        assert "Kunde inte kontrolleras" in body and "Hylte kommun" in body and "503" in body

        body = cia.part(part)
        assert "Türi" in body and "Ändrad text" in body and "Trollhättan" not in body
        assert body.index("Kunde inte kontrolleras") < body.index("Hylte kommun")
    assert f"[+{NEW_PARAGRAPH}" in cia.part("plain").replace("\n", " ")
    assert "<ins" in cia.part("html") and "Türi i Estland." in cia.part("html")
    assert "sara.lindberg@trollhattan.se" in bo.part("plain")
    assert "0520-49 70 00" in bo.part("plain")  # the phone as Swedes write it

    engine = engine_for(db_url)
    assert count(engine, Delivery) == 4 + 2 + 1
    again = cli(tmp_path, db_url, "report", "--send", env=mail_env)
    assert "sent 0 report(s), 0 changes; 0 failed" in again.stderr
    assert len(sink.messages) == 3
    assert count(engine, Delivery) == 7
    engine.dispose()
