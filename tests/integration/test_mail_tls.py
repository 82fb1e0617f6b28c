"""STARTTLS and SMTPS against aiosmtpd on loopback, with a CA and server certificate made by the test.

The client verifies certificates for real: the test CA is trusted only through
``KOMMUNVAKT_SMTP_CAFILE``; without it the same server is refused.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from report_support import Authenticator, SmtpSink, add_run, contact, engine_of, seeded, serve_smtp

from crawler.config import Config, Subscriber
from crawler.mail import CAFILE_ENV, MailError, SmtpTransport, build_message
from crawler.report.deliver import send_reports

from support import run_cli, write_config

PASSWORD = "Tls-L0sen/7"


@dataclass
class Pki:
    ca: Path
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_pki(directory: Path, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> Pki:
    """A throwaway CA and a server certificate it signed for ``hosts`` (IPs and DNS names)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("kommunvakt test CA"))
        .issuer_name(_name("kommunvakt test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),  # cert + CRL signing
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pki = Pki(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    pki.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    pki.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pki.key.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return pki


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path)


@pytest.fixture
def starttls_server(pki: Pki) -> Iterator[tuple[SmtpSink, int]]:
    """STARTTLS required before anything else; AUTH only over TLS (aiosmtpd's default)."""
    auth = Authenticator("anna", PASSWORD)
    context = pki.server_context()
    with serve_smtp(tls_context=context, require_starttls=True, authenticator=auth, auth_required=True) as server:
        yield server


@pytest.fixture
def smtps_server(pki: Pki) -> Iterator[tuple[SmtpSink, int]]:
    with serve_smtp(ssl_context=pki.server_context()) as server:
        yield server


def message(to: str = "bo@example.se"):  # type: ignore[no-untyped-def]
    return build_message(
        subject="kommunvakt: prov", sender="k@example.se", recipients=[to], text="hej", html="<p>hej</p>"
    )


def test_starttls_with_login_verified_against_the_test_ca(starttls_server, pki: Pki) -> None:  # type: ignore[no-untyped-def]
    sink, port = starttls_server
    url = f"smtp+starttls://anna:Tls-L0sen%2F7@127.0.0.1:{port}"
    SmtpTransport.from_url(url, timeout=5, cafile=str(pki.ca)).send(message())
    (received,) = sink.messages
    assert received.recipients == ["bo@example.se"] and received.part("plain").strip() == "hej"


def test_smtps_verified_against_the_test_ca(smtps_server, pki: Pki) -> None:  # type: ignore[no-untyped-def]
    sink, port = smtps_server
    SmtpTransport.from_url(f"smtps://127.0.0.1:{port}", timeout=5, cafile=str(pki.ca)).send(message())
    assert len(sink.messages) == 1


@pytest.mark.parametrize("scheme", ["smtp+starttls", "smtps"])
def test_unknown_ca_is_refused_by_default(scheme: str, starttls_server, smtps_server) -> None:  # type: ignore[no-untyped-def]
    sink, port = starttls_server if scheme == "smtp+starttls" else smtps_server
    with pytest.raises(MailError, match="CERTIFICATE_VERIFY_FAILED"):
        SmtpTransport.from_url(f"{scheme}://anna:Tls-L0sen%2F7@127.0.0.1:{port}", timeout=5, cafile=None).send(
            message()
        )
    assert sink.messages == []


def test_certificate_for_another_host_is_refused(tmp_path: Path) -> None:
    other = make_pki(tmp_path, hosts=("mail.example.se",))
    mismatch = "IP address mismatch|doesn't match|CERTIFICATE_VERIFY_FAILED"
    with serve_smtp(ssl_context=other.server_context()) as (sink, port), pytest.raises(MailError, match=mismatch):
        SmtpTransport.from_url(f"smtps://127.0.0.1:{port}", timeout=5, cafile=str(other.ca)).send(message())
    assert sink.messages == []


def test_starttls_never_falls_back_to_plain_text(smtp_server, pki: Pki) -> None:  # type: ignore[no-untyped-def]
    sink, port = smtp_server
    with pytest.raises(MailError, match="STARTTLS"):
        SmtpTransport.from_url(f"smtp+starttls://127.0.0.1:{port}", timeout=5, cafile=str(pki.ca)).send(message())
    assert sink.messages == []


def test_unreadable_ca_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MailError, match=CAFILE_ENV):
        SmtpTransport.from_url("smtps://127.0.0.1:1", cafile=str(tmp_path / "missing.pem"))


def test_ca_file_from_the_environment_reaches_send_reports(
    smtps_server, pki: Pki, sqlite_url: str, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    sink, port = smtps_server
    factory = seeded(sqlite_url)
    add_run(factory, [("amal", "contact_added", None, contact("Eva Lind", "eva@amal.se"), None)])
    config = Config(subscribers=(Subscriber("bo@example.se"),), mail_from="k@example.se")
    monkeypatch.setenv("KOMMUNVAKT_SMTP_URL", f"smtps://127.0.0.1:{port}")
    monkeypatch.setenv(CAFILE_ENV, str(pki.ca))
    result = send_reports(engine_of(factory), config)
    assert result.ok and result.sent == 1
    assert "Eva Lind" in sink.to("bo@example.se")[0].part("plain")


def test_report_command_over_starttls(starttls_server, pki: Pki, tmp_path: Path, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    sink, port = starttls_server
    factory = seeded(sqlite_url)
    add_run(factory, [("amal", "contact_added", None, contact("Eva Lind", "eva@amal.se"), None)])
    write_config(tmp_path, '[mail]\nfrom = "k@example.se"\n[[subscribers]]\nemail = "bo@example.se"\n')
    env = {"KOMMUNVAKT_SMTP_URL": f"smtp+starttls://anna:Tls-L0sen%2F7@127.0.0.1:{port}"}
    refused = run_cli("report", "--send", "--db", sqlite_url, cwd=tmp_path, env=env, timeout=60)
    assert refused.returncode == 1 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr
    assert PASSWORD not in refused.stderr + refused.stdout and sink.messages == []
    sent = run_cli("report", "--send", "--db", sqlite_url, cwd=tmp_path, env={**env, CAFILE_ENV: str(pki.ca)})
    assert sent.returncode == 0, sent.stderr
    assert len(sink.to("bo@example.se")) == 1
