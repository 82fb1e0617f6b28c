"""Configuration: a TOML file plus environment variables (which win); secrets only from the environment.

Looked up in this order: ``--config FILE``, ``KOMMUNVAKT_CONFIG``, ``kommunvakt.toml``
in the working directory; no file at all is fine (defaults).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "kommunvakt.toml"


class ConfigError(ValueError):
    """Bad configuration; the message is one line naming the file and the field."""


@dataclass(frozen=True)
class CrawlSettings:
    contact: str = "kommunvakt@example.se"
    concurrency: int = 32
    per_host: int = 2
    timeout: float = 30.0
    retries: int = 2
    retry_backoff: float = 2.0
    max_bytes: int = 5_000_000
    gone_after: int = 2  # consecutive 404/410 runs before `page_gone`
    autothrottle: bool = True

    @property
    def user_agent(self) -> str:
        """Honest: who we are and whom to write to."""
        return f"kommunvakt/0.1 (+change monitor of municipal pages; contact: {self.contact})"


@dataclass(frozen=True)
class Subscriber:
    email: str
    counties: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    daily_note: bool = False  # mail "no changes" when nothing matched


@dataclass(frozen=True)
class ScheduleSettings:
    time: str = "04:00"
    timezone: str = "Europe/Stockholm"
    misfire_grace: int = 6 * 3600


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    subscribers: tuple[Subscriber, ...] = ()
    db: str | None = None
    sites: str | None = None
    mail_from: str = "kommunvakt@localhost"
    report_lang: str = "sv"

    @property
    def smtp_url(self) -> str | None:
        """Read at use, never stored or printed: it may hold a password."""
        return os.environ.get("KOMMUNVAKT_SMTP_URL") or None


def load_config(path: str | Path | None = None, environ: dict[str, str] | None = None) -> Config:
    env = os.environ if environ is None else environ
    file = _config_file(path, env)
    data: dict[str, Any] = {}
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{file}: cannot read the config file: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from exc
    return _build(data, file, env)


def _config_file(path: str | Path | None, env: dict[str, str] | os._Environ[str]) -> Path | None:
    if path:
        return Path(path)
    if env.get("KOMMUNVAKT_CONFIG"):
        return Path(env["KOMMUNVAKT_CONFIG"])
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.exists() else None


_TOP_KEYS = {"crawl", "schedule", "subscribers", "database", "mail", "report", "sites"}


def _build(data: dict[str, Any], file: Path | None, env: dict[str, str] | os._Environ[str]) -> Config:
    where = str(file or "<environment>")

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}: field '{key}': {problem}")

    for key in data:
        if key not in _TOP_KEYS:
            raise fail(key, f"unknown section (allowed: {', '.join(sorted(_TOP_KEYS))})")
    crawl = _section(data, "crawl", CrawlSettings, fail)
    if env.get("KOMMUNVAKT_CONTACT"):
        crawl = CrawlSettings(**{**crawl.__dict__, "contact": env["KOMMUNVAKT_CONTACT"]})
    if crawl.per_host < 1 or crawl.concurrency < 1:
        raise fail("crawl.concurrency", "concurrency and per_host must be at least 1")
    schedule = _section(data, "schedule", ScheduleSettings, fail)
    subscribers = tuple(_subscriber(raw, i, fail) for i, raw in enumerate(data.get("subscribers", [])))
    database = data.get("database", {})
    mail = data.get("mail", {})
    report = data.get("report", {})
    sites = data.get("sites", {})
    for name, value in (("database", database), ("mail", mail), ("report", report), ("sites", sites)):
        if not isinstance(value, dict):
            raise fail(name, "must be a table")
    lang = str(env.get("KOMMUNVAKT_LANG") or report.get("lang", "sv"))
    if lang not in ("sv", "en"):
        raise fail("report.lang", f"must be 'sv' or 'en' (got {lang!r})")
    if "password" in mail:
        raise fail("mail.password", "secrets come only from the environment (KOMMUNVAKT_SMTP_URL)")
    return Config(
        path=file,
        crawl=crawl,
        schedule=schedule,
        subscribers=subscribers,
        db=env.get("KOMMUNVAKT_DB") or database.get("url"),
        sites=env.get("KOMMUNVAKT_SITES") or sites.get("file"),
        mail_from=env.get("KOMMUNVAKT_MAIL_FROM") or mail.get("from", "kommunvakt@localhost"),
        report_lang=lang,
    )


def _section(data: dict[str, Any], name: str, cls: type, fail: Any) -> Any:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise fail(name, "must be a table")
    defaults = cls()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if not hasattr(defaults, key):
            raise fail(f"{name}.{key}", "unknown key")
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise fail(f"{name}.{key}", f"must be {expected.__name__} (got {value!r})")
        values[key] = value
    return cls(**values)


def _subscriber(raw: Any, index: int, fail: Any) -> Subscriber:
    key = f"subscribers[{index}]"
    if not isinstance(raw, dict):
        raise fail(key, "must be a table with at least 'email'")
    email = raw.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise fail(f"{key}.email", f"required, an e-mail address (got {email!r})")
    allowed = {"email", "counties", "sites", "kinds", "daily_note", "name"}
    for k in raw:
        if k not in allowed:
            raise fail(f"{key}.{k}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
    lists = {}
    for k in ("counties", "sites", "kinds"):
        value = raw.get(k, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key}.{k}", "must be a list of strings")
        lists[k] = tuple(value)
    from crawler.record import CHANGE_KINDS

    bad = [k for k in lists["kinds"] if k not in CHANGE_KINDS]
    if bad:
        raise fail(f"{key}.kinds", f"unknown change kind(s): {', '.join(bad)}")
    return Subscriber(email=email.strip().lower(), daily_note=bool(raw.get("daily_note", False)), **lists)
