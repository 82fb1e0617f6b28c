"""The sites file: which municipalities kommunvakt watches, validated before anything is crawled.

ruamel.yaml is used (not PyYAML) because it keeps line numbers for error
messages and does not turn an unquoted ``0114`` into the octal number 76.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

ALLOWED_KEYS = ("id", "name", "code", "county", "home", "url", "state", "source", "seen", "aliases", "main", "ignore")
#: How sure the registry is of a ``url``: a confirmed page, or a candidate to verify on the first crawl.
URL_STATES = ("confirmed", "candidate")
SEEN_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST_PATTERN = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})+$")
ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
CODE_PATTERN = re.compile(r"^\d{4}$")


#: A registry of all 290 municipalities with provenance is well under 200 KB; a file far larger is a mistake
#: (and parsing it for minutes before saying so helps nobody).
MAX_SITES_FILE_BYTES = 5_000_000

_SHOW = reprlib.Repr()
_SHOW.maxstring, _SHOW.maxother = 80, 80


def shown(value: Any) -> str:
    """A bad value as it may appear in one error line: short, and bounded even for a YAML alias bomb.

    A list or a mapping is named, not printed (the round-trip loader's own types print themselves
    whole, which for a billion-laughs value never ends).

    >>> shown(["0114"]), len(shown("x" * 200)), shown(114)
    ('a list', 80, '114')
    """
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return _SHOW.repr(value)


class SitesFileError(ValueError):
    """A sites file that cannot be used; the message is one line naming file, entry and field.

    ``field`` and ``reason`` (a word from :data:`REASONS`, with the offending ``value``) say the same for a
    program, so the web app can tell an admin in their own language which field of a form was refused.
    """

    def __init__(self, message: str, *, field: str | None = None, reason: str | None = None, value: str = ""):
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.value = value


#: The reasons a field can be refused for, where a person editing one entry may meet them.
REASONS = ("not_http_url", "bad_selector", "empty_selector", "needs_address", "bundled_registry", "no_entry")


@dataclass(frozen=True)
class SiteEntry:
    """One municipality as the sites file describes it."""

    id: str
    name: str
    code: str | None = None
    county: str | None = None
    home: str | None = None
    url: str | None = None
    #: "confirmed" or "candidate" (see :data:`URL_STATES`); None when there is no ``url``
    state: str | None = None
    #: where the address was seen (free text, e.g. "stored public copy of the page")
    source: str | None = None
    #: when it was seen there, as YYYY, YYYY-MM or YYYY-MM-DD, when known
    seen: str | None = None
    #: other host names the municipality serves its pages from (lower-case, no scheme)
    aliases: tuple[str, ...] = field(default_factory=tuple)
    main: str | None = None
    ignore: tuple[str, ...] = field(default_factory=tuple)

    @property
    def located(self) -> bool:
        """Whether we know which page to watch (else `discover` has to find it)."""
        return self.url is not None

    @property
    def own_hosts(self) -> tuple[str, ...]:
        """The home page's host and the aliases, without a leading ``www.``: where this municipality's pages live."""
        hosts = [_bare_host(urlsplit(self.home).hostname)] if self.home else []
        hosts += [_bare_host(alias) for alias in self.aliases]
        return tuple(dict.fromkeys(h for h in hosts if h))

    def is_own_address(self, url: str) -> bool:
        """Whether ``url`` is on the municipality's home host or an alias, or on a sub-domain of one of them.

        A plain suffix rule rather than the public-suffix list: the registry names the hosts it trusts
        (``home`` plus ``aliases``), so ``international.stad.se`` passes under ``www.stad.se`` while a
        sibling such as ``www.varnamo.se`` under ``kommun.varnamo.se`` needs its alias written down.
        """
        raw = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
        # the host as written and without its "www.": a site whose name itself begins "www." stays its own
        hosts = {raw, _bare_host(raw)} - {""}
        return any(host == own or host.endswith("." + own) for host in hosts for own in self.own_hosts)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "code": self.code,
            "county": self.county,
            "home": self.home,
            "url": self.url,
            "state": self.state,
            "source": self.source,
            "seen": self.seen,
            "aliases": list(self.aliases),
        }
        if self.main:
            data["main"] = self.main
        if self.ignore:
            data["ignore"] = list(self.ignore)
        data["located"] = self.located
        return data


def _bare_host(host: str | None) -> str:
    return (host or "").lower().rstrip(".").removeprefix("www.")


def bundled_sites_path() -> Path:
    """The registry of all 290 municipalities shipped with kommunvakt."""
    return Path(str(resources.files("crawler") / "data" / "sites.yaml"))


#: The user's own copy of the bundled registry, in the working folder beside ``./kommunvakt.db`` and
#: ``./kommunvakt.toml``. It is made on the first write (accepting a proposal, editing a site) by a kommunvakt
#: running on the bundled registry, which is never written, and read from then on instead of the bundled one.
OWN_COPY = "kommunvakt-sites.yaml"


def own_copy_path() -> Path:
    """Where the own copy of the bundled registry is (or would be) kept: :data:`OWN_COPY` in the working folder."""
    return Path.cwd() / OWN_COPY


def sites_file_in_use(chosen: str | None) -> str | None:
    """The sites file to read: the one chosen (``--sites``, ``KOMMUNVAKT_SITES``, ``[sites] file``), else the
    own copy once made, else None (the bundled registry)."""
    if chosen:
        return chosen
    own = own_copy_path()
    return str(own) if own.is_file() else None


def load_sites(path: str | Path | None = None) -> list[SiteEntry]:
    """Read and validate a sites file (the bundled registry when ``path`` is None)."""
    file = Path(path) if path else bundled_sites_path()
    try:
        if file.stat().st_size > MAX_SITES_FILE_BYTES:
            limit = MAX_SITES_FILE_BYTES // 1_000_000
            raise SitesFileError(f"{file}: the sites file is over {limit} MB, too large for a registry")
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise SitesFileError(f"{file}: cannot read the sites file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SitesFileError(f"{file}: the sites file is not UTF-8 text ({exc.reason})") from exc
    try:
        # The C-accelerated safe loader reads the 290-entry registry ~8x faster than the round-trip one...
        return parse_sites(_load_yaml(text, file, "safe"), file)
    except SitesFileError:
        # ...which keeps no line numbers: read it again the slow way to say where the problem is.
        return parse_sites(_load_yaml(text, file, "rt"), file)


def _load_yaml(text: str, file: Path, typ: str) -> Any:
    try:
        return YAML(typ=typ).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{file}:{mark.line + 1}" if mark else str(file)
        raise SitesFileError(f"{where}: not valid YAML: {exc.problem}") from exc
    except YAMLError as exc:  # the reader's errors (a control character, a NUL) carry no line mark
        line = text.count("\n", 0, getattr(exc, "position", 0)) + 1
        reason = str(getattr(exc, "reason", "") or "unreadable")
        raise SitesFileError(f"{file}:{line}: not valid YAML: {reason}") from exc
    except RecursionError as exc:
        raise SitesFileError(f"{file}: not valid YAML: nested too deeply") from exc


def parse_sites(data: Any, file: str | Path = "<sites>", rows: Sequence[int] | None = None) -> list[SiteEntry]:
    """Validate parsed YAML (a list of mappings) into sites; raise on the first problem.

    ``rows`` are the entries' row numbers in a table (``kommunvakt sites import``): errors then name
    the row instead of the YAML line.
    """
    if data is None:
        return []
    if not isinstance(data, list):
        raise SitesFileError(f"{file}: the sites file must be a list of entries (- id: ...)")
    sites: list[SiteEntry] = []
    seen_ids: dict[str, int] = {}
    seen_codes: dict[str, str] = {}
    for index, entry in enumerate(data):
        row = rows[index] if rows is not None else None
        site = _parse_entry(entry, index, file, row)
        if site.id in seen_ids:
            where = _where(file, entry, index, site.id, "id", row)
            raise SitesFileError(f"{where}: field 'id': duplicate id (entry #{seen_ids[site.id] + 1} has it too)")
        if site.code and site.code in seen_codes:
            where = _where(file, entry, index, site.id, "code", row)
            raise SitesFileError(
                f"{where}: field 'code': duplicate code {site.code} (also on '{seen_codes[site.code]}')"
            )
        seen_ids[site.id] = index
        if site.code:
            seen_codes[site.code] = site.id
        sites.append(site)
    return sites


def _where(
    file: str | Path, entry: Any, index: int, site_id: str | None, key: str | None = None, row: int | None = None
) -> str:
    name = f"'{site_id}'" if site_id else f"#{index + 1}"
    if row is not None:
        return f"{file}: row {row}: entry {name}"
    line = _line_of(entry, key)
    location = f"{file}:{line}" if line else str(file)
    return f"{location}: entry {name}"


def _line_of(entry: Any, key: str | None) -> int | None:
    lc = getattr(entry, "lc", None)
    if lc is None:
        return None
    try:
        if key is not None and key in entry:
            return int(lc.key(key)[0]) + 1
        return int(lc.line) + 1
    except (KeyError, TypeError, AttributeError):
        return None


def _parse_entry(entry: Any, index: int, file: str | Path, row: int | None = None) -> SiteEntry:
    if not isinstance(entry, dict):
        raise SitesFileError(f"{_where(file, entry, index, None, None, row)}: must be a mapping (id: ..., name: ...)")
    raw_id = entry.get("id")
    site_id = raw_id if isinstance(raw_id, str) else None

    def fail(key: str, problem: str, reason: str | None = None, value: Any = "") -> SitesFileError:
        where = _where(file, entry, index, site_id, key, row)
        return SitesFileError(f"{where}: field '{key}': {problem}", field=key, reason=reason, value=str(value))

    for key in entry:
        if key not in ALLOWED_KEYS:
            raise fail(str(key), f"unknown key (allowed: {', '.join(ALLOWED_KEYS)})")
    if site_id is None or not ID_PATTERN.match(site_id):
        raise fail("id", "required, a slug of lower-case letters, digits and '-'")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "required, a non-empty string")
    code = entry.get("code")
    if code is not None and not (isinstance(code, str) and CODE_PATTERN.match(code)):
        raise fail("code", f'must be a 4-digit string in quotes, like "0114" (got {shown(code)})')
    county = entry.get("county")
    if county is not None and not isinstance(county, str):
        raise fail("county", "must be a string")
    home = _url_field(entry, "home", fail)
    url = _url_field(entry, "url", fail)
    if home is None and url is None:
        raise fail("home", "an entry needs at least one of 'home' and 'url'", "needs_address")
    source = entry.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise fail("source", "must be a non-empty string")
    aliases = _listed(entry, "aliases", "host names like www.example.se", fail, _is_host)
    main = entry.get("main")
    if main is not None:
        main = _selector(main, "main", fail)
    ignore = tuple(_selector(s, "ignore", fail) for s in _listed(entry, "ignore", "CSS selectors", fail))
    return SiteEntry(
        id=site_id,
        name=name.strip(),
        code=code,
        county=county,
        home=home,
        url=url,
        state=_state(entry, url, fail),
        source=source.strip() if source else None,
        seen=_seen(entry, fail),
        aliases=aliases,
        main=main,
        ignore=ignore,
    )


def _state(entry: dict[str, Any], url: str | None, fail: Any) -> str | None:
    state = entry.get("state")
    if state is not None and state not in URL_STATES:
        raise fail("state", f"must be one of {', '.join(URL_STATES)} (got {shown(state)})")
    if state is not None and url is None:
        raise fail("state", "only an entry with a 'url' has a state")
    if url is not None and state is None:
        return "confirmed"  # a hand-written sites file names pages its owner knows
    return state


def _seen(entry: dict[str, Any], fail: Any) -> str | None:
    seen = entry.get("seen")
    if seen is None:
        return None
    seen = str(seen)  # YAML reads an unquoted 2024-05-17 as a date
    if not SEEN_PATTERN.match(seen):
        raise fail("seen", f"must be a date as YYYY, YYYY-MM or YYYY-MM-DD (got {shown(seen)})")
    return seen


def _is_host(value: Any) -> bool:
    return isinstance(value, str) and HOST_PATTERN.match(value) is not None


def _listed(
    entry: dict[str, Any], key: str, what: str, fail: Any, valid: Callable[[Any], bool] = lambda _: True
) -> tuple[Any, ...]:
    """A field that is a list (one string stands for a list of one) whose items are all ``valid``."""
    raw = entry.get(key) or []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(valid(item) for item in raw):
        raise fail(key, f"must be a list of {what}")
    return tuple(raw)


def _url_field(entry: dict[str, Any], key: str, fail: Any) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not is_http_url(value):
        raise fail(key, f"not an http(s) URL: {shown(value)}", "not_http_url", value if isinstance(value, str) else "")
    return value.strip()


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL a crawl can fetch: a host, a port that exists, no spaces or control characters.

    >>> is_http_url("https://www.amal.se:99999/x"), is_http_url("http://[::1/x"), is_http_url("https://amal.se/")
    (False, False, True)
    """
    text = value.strip()
    if not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _selector(value: Any, key: str, fail: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(key, "must be a non-empty CSS selector", "empty_selector")
    # the very check extraction applies the selector with (soupsieve); imported here so that
    # loading a registry without overrides does not pay for the extraction stack
    from crawler.extract import validate_selector

    try:
        validate_selector(value)
    except ValueError as exc:
        raise fail(key, str(exc), "bad_selector", value) from exc
    return value


def select_sites(sites: Sequence[SiteEntry], only: Iterable[str] | None) -> list[SiteEntry]:
    """The sites named by ``--only`` (all when empty); an unknown id is bad input."""
    wanted = [i for i in (only or ()) if i]
    if not wanted:
        return list(sites)
    by_id = {s.id: s for s in sites}
    unknown = [i for i in wanted if i not in by_id]
    if unknown:
        raise SitesFileError(f"--only: unknown site id(s): {', '.join(unknown)}")
    return [by_id[i] for i in dict.fromkeys(wanted)]
