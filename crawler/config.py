"""Configuration: a TOML file plus environment variables (which win); secrets only from the environment.

Looked up in this order: ``--config FILE``, ``KOMMUNVAKT_CONFIG``, ``kommunvakt.toml``
in the working directory; no file at all is fine (defaults).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.clock import DEFAULT_TIMEZONE as DEFAULT_TIMEZONE  # [schedule] timezone unless configured
from crawler.clock import zone
from crawler.documents.settings import DocumentSettings, DocumentSettingsError
from crawler.documents.settings import from_table as documents_from_table
from crawler.vocab import CHANGE_KINDS

DEFAULT_CONFIG_FILE = "kommunvakt.toml"

#: ``[schedule] time``: HH:MM on a 24-hour clock.
SCHEDULE_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(value: str) -> tuple[int, int]:
    """``"04:00"`` -> ``(4, 0)``; anything else is a ValueError naming the expected form."""
    match = SCHEDULE_TIME_RE.match(value.strip())
    if not match:
        raise ValueError(f"schedule.time must be HH:MM on a 24-hour clock (got {value!r})")
    return int(match.group(1)), int(match.group(2))


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
    # Fetch each site's home page once a night and drop the boxes a page repeats from it (crawler/home.py). Off
    # by default until its cost fits the crawl benchmark's targets: one more request per site whose page answers 200.
    site_furniture: bool = False

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
    timezone: str = DEFAULT_TIMEZONE
    misfire_grace: int = 6 * 3600


@dataclass(frozen=True)
class DiscoverySettings:
    """``[discovery]``: what the crawl does for municipalities it has no usable address for.

    ``auto``: after each ``kommunvakt crawl``, run discovery for up to ``max_per_night`` municipalities
    without an address (or whose candidate address was found invalid), ``max_requests`` requests each; a
    confident answer is watched from the next crawl, any other waits for an analyst as a proposal.
    """

    auto: bool = True
    max_per_night: int = 20
    max_requests: int = 30


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    subscribers: tuple[Subscriber, ...] = ()
    db: str | None = None
    sites: str | None = None
    mail_from: str = "kommunvakt@localhost"
    #: what a report whose delivery the SMTP server never confirmed becomes (see DELIVERY_POLICIES)
    mail_delivery: str = "at-least-once"
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
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{file}: the config file is not UTF-8 text (byte {exc.start})") from exc
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


#: (key, lowest allowed value, how to say it): values that would fail every page or loop for ever.
_CRAWL_LIMITS = (
    ("concurrency", 1, "at least 1"),
    ("per_host", 1, "at least 1"),
    ("timeout", 0, "more than 0 seconds"),
    ("retries", 0, "0 or more"),
    ("retry_backoff", 0, "0 seconds or more"),
    ("max_bytes", 1, "at least 1 byte"),
    ("gone_after", 1, "at least 1 run"),
)

#: ``[mail] delivery``: "at-least-once" sends an unconfirmed report again (with the same Message-ID, so
#: mail clients show it once); "at-most-once" records it as delivered and never sends it again.
DELIVERY_POLICIES = ("at-least-once", "at-most-once")

_TOP_KEYS = {"crawl", "documents", "schedule", "discovery", "subscribers", "database", "mail", "report", "sites"}

#: (key, lowest, highest) of ``[discovery]``: a night's discovery must stay bounded.
_DISCOVERY_LIMITS = (("max_per_night", 0, 290), ("max_requests", 3, 1000))


def _build(data: dict[str, Any], file: Path | None, env: dict[str, str] | os._Environ[str]) -> Config:
    where = str(file or "<environment>")

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}: field '{key}': {problem}")

    for key in data:
        if key not in _TOP_KEYS:
            raise fail(key, f"unknown section (allowed: {', '.join(sorted(_TOP_KEYS))})")
    crawl = _crawl(data, env, fail)
    schedule = _schedule(data, fail)
    try:
        documents = documents_from_table(data.get("documents"))
    except DocumentSettingsError as exc:  # its message starts "field 'documents.…'", as ours do
        raise ConfigError(f"{where}: {exc}") from None
    discovery = _discovery(data, fail)
    subscribers = tuple(_subscriber(raw, i, fail) for i, raw in enumerate(data.get("subscribers", [])))
    database, mail, report, sites = _tables(data, fail)
    lang = str(env.get("KOMMUNVAKT_LANG") or report.get("lang", "sv"))
    if lang not in ("sv", "en"):
        raise fail("report.lang", f"must be 'sv' or 'en' (got {lang!r})")
    delivery = mail.get("delivery", "at-least-once")
    if delivery not in DELIVERY_POLICIES:
        raise fail("mail.delivery", f"must be one of {', '.join(DELIVERY_POLICIES)} (got {delivery!r})")
    if "password" in mail:
        raise fail("mail.password", "secrets come only from the environment (KOMMUNVAKT_SMTP_URL)")
    return Config(
        path=file,
        crawl=crawl,
        schedule=schedule,
        documents=documents,
        discovery=discovery,
        subscribers=subscribers,
        db=env.get("KOMMUNVAKT_DB") or database.get("url"),
        sites=env.get("KOMMUNVAKT_SITES") or sites.get("file"),
        mail_from=env.get("KOMMUNVAKT_MAIL_FROM") or mail.get("from", "kommunvakt@localhost"),
        mail_delivery=delivery,
        report_lang=lang,
    )


def _crawl(data: dict[str, Any], env: dict[str, str] | os._Environ[str], fail: Any) -> CrawlSettings:
    crawl: CrawlSettings = _section(data, "crawl", CrawlSettings, fail)
    if env.get("KOMMUNVAKT_CONTACT"):
        crawl = CrawlSettings(**{**crawl.__dict__, "contact": env["KOMMUNVAKT_CONTACT"]})
    for key, low, what in _CRAWL_LIMITS:
        value = getattr(crawl, key)
        if value < low or (key == "timeout" and value <= 0):
            raise fail(f"crawl.{key}", f"must be {what} (got {value!r})")
    return crawl


def _schedule(data: dict[str, Any], fail: Any) -> ScheduleSettings:
    schedule: ScheduleSettings = _section(data, "schedule", ScheduleSettings, fail)
    try:
        parse_time(schedule.time)
    except ValueError:
        raise fail("schedule.time", f"must be HH:MM on a 24-hour clock (got {schedule.time!r})") from None
    try:
        zone(schedule.timezone)
    except ValueError:
        raise fail("schedule.timezone", f"unknown time zone {schedule.timezone!r}") from None
    if schedule.misfire_grace < 1:
        raise fail("schedule.misfire_grace", f"must be at least 1 second (got {schedule.misfire_grace!r})")
    return schedule


def _discovery(data: dict[str, Any], fail: Any) -> DiscoverySettings:
    discovery: DiscoverySettings = _section(data, "discovery", DiscoverySettings, fail)
    for key, low, high in _DISCOVERY_LIMITS:
        value = getattr(discovery, key)
        if not low <= value <= high:
            raise fail(f"discovery.{key}", f"must be between {low} and {high} (got {value!r})")
    return discovery


def _tables(data: dict[str, Any], fail: Any) -> tuple[dict[str, Any], ...]:
    """The [database], [mail], [report] and [sites] tables, their string fields checked."""
    database, mail, report, sites = (data.get(name, {}) for name in ("database", "mail", "report", "sites"))
    for name, value in (("database", database), ("mail", mail), ("report", report), ("sites", sites)):
        if not isinstance(value, dict):
            raise fail(name, "must be a table")
    strings = (("database.url", database, "url"), ("sites.file", sites, "file"), ("mail.from", mail, "from"))
    for name, table, key in strings:
        if key in table and not (isinstance(table[key], str) and table[key].strip()):
            raise fail(name, f"must be a non-empty string (got {table[key]!r})")
    return database, mail, report, sites


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
    bad = [k for k in lists["kinds"] if k not in CHANGE_KINDS]
    if bad:
        raise fail(f"{key}.kinds", f"unknown change kind(s): {', '.join(bad)}")
    daily_note = raw.get("daily_note", False)
    if not isinstance(daily_note, bool):
        raise fail(f"{key}.daily_note", f"must be true or false (got {daily_note!r})")
    return Subscriber(email=email.strip().lower(), daily_note=daily_note, **lists)
