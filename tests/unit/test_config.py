"""Configuration: TOML plus environment, one line per problem, secrets never from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kommunvakt.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config.path is None and config.crawl.per_host == 2 and config.schedule.timezone == "Europe/Stockholm"
    assert config.discovery.auto and config.discovery.max_per_night == 20  # the first crawl looks for what is missing


def test_file_and_environment(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[crawl]\ncontact = "analys@example.se"\ntimeout = 10\n'
        '[[subscribers]]\nemail = "Anna@Example.se"\ncounties = ["Västra Götalands län"]\n'
        'kinds = ["contact_added", "review_date_changed"]\n',
    )
    config = load_config(path, environ={"KOMMUNVAKT_DB": "postgresql://x@h/db", "KOMMUNVAKT_CONTACT": "ops@example.se"})
    assert config.crawl.contact == "ops@example.se"  # the environment wins
    assert config.crawl.timeout == 10.0
    assert config.db == "postgresql://x@h/db"
    (anna,) = config.subscribers
    assert anna.email == "anna@example.se" and anna.counties == ("Västra Götalands län",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[crawl]\nspeed = 3\n", "field 'crawl.speed': unknown key"),
        ('[crawl]\ntimeout = "fast"\n', "field 'crawl.timeout': must be float"),
        ("[mail]\npassword = 'x'\n", "secrets come only from the environment"),
        ("[[subscribers]]\ncounties = []\n", "field 'subscribers[0].email'"),
        ('[[subscribers]]\nemail = "a@b.se"\nkinds = ["everything"]\n', "unknown change kind"),
        ("[crawl\n", "not valid TOML"),
        ("[wat]\n", "field 'wat': unknown section"),
        ("[discovery]\nauto = 'yes'\n", "field 'discovery.auto': must be bool"),
        ("[crawl]\nsite_furniture = 'yes'\n", "field 'crawl.site_furniture': must be bool"),
        ("[discovery]\nmax_per_night = -1\n", "field 'discovery.max_per_night': must be between 0 and 290"),
        ("[discovery]\nmax_requests = 2\n", "field 'discovery.max_requests': must be between 3 and 1000"),
        ("[discovery]\nevery_night = true\n", "field 'discovery.every_night': unknown key"),
    ],
)
def test_bad_config_names_file_and_field(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text), environ={})
    assert "kommunvakt.toml" in str(caught.value) and expected in str(caught.value)
    assert "\n" not in str(caught.value)
