"""SMTP settings and transport, and the `report` command end to end against aiosmtpd on loopback."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from report_support import Authenticator, SmtpSink, add_run, contact, login_required, seeded, serve_smtp

from crawler.cli import main
from crawler.cli.common import parse_when
from crawler.mail import MailError, SmtpSettings, SmtpTransport, build_message, redact

from support import run_cli, write_config

PASSWORD = "Hemlig-L0sen/42"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
QUOTED = "Hemlig-L0sen%2F42"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.se", ("mail.example.se", 25, "plain", None, None)),
        ("smtp+starttls://u%40x:p%2Fw@mail.example.se", ("mail.example.se", 587, "starttls", "u@x", "p/w")),
        ("smtps://u:p@mail.example.se:2465", ("mail.example.se", 2465, "ssl", "u", "p")),
    ],
)
def test_smtp_url_forms(url: str, expected: tuple) -> None:  # type: ignore[type-arg]
    s = SmtpSettings.from_url(url)
    assert (s.host, s.port, s.security, s.username, s.password) == expected
    assert "p/w" not in repr(s) and "p%2Fw" not in s.describe()


@pytest.mark.parametrize("url", ["http://u:x@h", "smtp://", "", None])
def test_bad_smtp_urls_are_refused_without_the_secret(url: str | None) -> None:
    with pytest.raises(MailError) as info:
        SmtpSettings.from_url(url)
    assert ":x@" not in str(info.value)


def test_redact() -> None:
    assert redact(f"smtp://anna:{QUOTED}@h:25") == "smtp://anna:***@h:25"


@pytest.fixture
def auth_smtp() -> Iterator[tuple[SmtpSink, int]]:
    with serve_smtp(**login_required(Authenticator("anna", PASSWORD))) as server:
        yield server


def test_login_and_send(auth_smtp) -> None:  # type: ignore[no-untyped-def]
    sink, port = auth_smtp
    transport = SmtpTransport.from_url(f"smtp://anna:{QUOTED}@127.0.0.1:{port}", timeout=5)
    message = build_message(
        subject="Å ä ö", sender="k@example.se", recipients=["b@example.se"], text="hej", html="<p>hej</p>"
    )
    transport.send(message)
    (got,) = sink.messages
    assert got.message["Subject"] == "Å ä ö" and got.part("plain").strip() == "hej"


def _write_config(tmp_path: Path, *emails: str) -> Path:
    lines = ['[mail]\nfrom = "kommunvakt@example.se"\n']
    for address in emails:
        lines.append(f'[[subscribers]]\nemail = "{address}"\n')
    return write_config(tmp_path, "\n".join(lines))


def test_auth_failure_never_shows_the_password(tmp_path: Path, auth_smtp) -> None:  # type: ignore[no-untyped-def]
    sink, port = auth_smtp
    db = f"sqlite:///{tmp_path / 'k.db'}"
    add_run(seeded(db), [("amal", "contact_added", None, contact("Eva", "eva@amal.se"), None)])
    wrong = "Fel-L0senord/99"
    config = _write_config(tmp_path, "a@example.se")
    env = {"KOMMUNVAKT_SMTP_URL": f"smtp://anna:{wrong.replace('/', '%2F')}@127.0.0.1:{port}"}
    done = run_cli("report", "--send", "--db", db, "--config", str(config), cwd=tmp_path, env=env, timeout=60)
    output = done.stdout + done.stderr
    print(output)
    assert done.returncode == 1, output
    assert "535" in output or "Authentication" in output, output  # the failure itself is explained
    secrets = [wrong, wrong.replace("/", "%2F"), base64.b64encode(wrong.encode()).decode()]
    secrets.append(base64.b64encode(f"\0anna\0{wrong}".encode()).decode())
    assert not [s for s in secrets if s in output], output
    assert sink.messages == []


def test_report_command_sends_once_then_nothing(tmp_path: Path, auth_smtp, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    sink, port = auth_smtp
    db = f"sqlite:///{tmp_path / 'k.db'}"
    factory = seeded(db)
    add_run(factory, [("amal", "contact_added", None, contact("Eva Ek", "eva@amal.se"), None)])
    add_run(factory, [("hylte", "document_added", None, {"url": "https://www.hylte.se/p.pdf", "title": "Plan"}, None)])
    monkeypatch.setenv("KOMMUNVAKT_SMTP_URL", f"smtp://anna:{QUOTED}@127.0.0.1:{port}")
    config = str(_write_config(tmp_path, "a@example.se", "b@example.se"))
    assert main(["report", "--send", "--db", db, "--config", config]) == 0
    assert sorted(m.recipients[0] for m in sink.messages) == ["a@example.se", "b@example.se"]
    for received in sink.messages:  # everything undelivered, across both runs
        assert "Eva Ek" in received.part("plain") and "Plan" in received.part("plain")
        assert "Eva Ek" in received.part("html") and "Plan" in received.part("html")
    assert main(["report", "--send", "--db", db, "--config", config]) == 0
    assert len(sink.messages) == 2
    err = capsys.readouterr().err
    assert "nothing for a@example.se: nothing new" in err and QUOTED not in err and PASSWORD not in err

    # --to sends to that address only; --dry-run prints and records nothing; default prints text of the last run
    assert main(["report", "--dry-run", "--to", "lead@example.se", "--db", db, "--config", config]) == 0
    out = capsys.readouterr().out
    assert "To: lead@example.se" in out and "multipart/alternative" in out
    assert "Subject: kommunvakt: " in out and "--- text/plain ---" in out and "Plan" in out  # decoded, readable
    assert "=?utf-8?" not in out and "Content-Transfer-Encoding: base64" not in out
    assert len(sink.messages) == 2
    assert main(["report", "--db", db, "--config", config]) == 0
    out = capsys.readouterr().out
    assert out.startswith("kommunvakt: 1 ändring i 1 kommun,") and "Plan" in out and "Eva Ek" not in out
    target = tmp_path / "r.html"
    assert main(["report", "--since", "2020-01-01", "--output", str(target), "--db", db, "--config", config]) == 0
    written = target.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and "Eva Ek" in written and "Plan" in written


def test_report_command_usage_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path / 'k.db'}"
    seeded(db)
    assert main(["report", "--since", "2026-01-01", "--run", "1", "--db", db]) == 2
    assert main(["report", "--send", "--db", db, "--config", str(_write_config(tmp_path))]) == 2
    assert main(["report", "--to", "not an address", "--db", db]) == 2


def test_since_a_local_date_finds_a_run_started_the_evening_before_in_utc(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """23:30 UTC on 21 November is 00:30 on the 22nd in Stockholm: `--since 2026-11-22` includes it."""
    db = f"sqlite:///{tmp_path / 'k.db'}"
    late = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
    add_run(seeded(db), [("amal", "contact_added", None, contact("Eva Ek", "eva@amal.se"), None)], at=late)
    assert parse_when("2026-11-22", "--since", "Europe/Stockholm") == datetime(2026, 11, 21, 23, 0, tzinfo=UTC)
    assert main(["report", "--since", "2026-11-22", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("kommunvakt: 1 ändring i 1 kommun, 2026-11-22") and "Eva Ek" in out
    assert main(["report", "--since", "2026-11-22T00:45", "--db", db]) == 0
    assert "Eva Ek" not in capsys.readouterr().out
