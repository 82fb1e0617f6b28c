"""An admin's edit of one municipality in the sites file: watched url, ``main`` and ``ignore``.

Round-trip YAML (ruamel) keeps the file's comments, order and quoting; the edited data is validated by
the very parser that loads the file (``parse_sites``) before anything is written, and written atomically.
A url set here is a url set by hand, so a later `discover --accept` leaves it alone.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from crawler.discover.sitesfile import write_atomically
from crawler.registry import REASONS, SitesFileError, bundled_sites_path, load_sites, parse_sites
from crawler.web.http import HttpProblem

#: The sites file's field -> the edit form's field (a refused ``home`` is about removing the only address).
FORM_FIELDS = {"url": "url", "home": "url", "main": "main", "ignore": "ignore"}
#: The form field -> the key of its label in crawler/web/i18n.py.
LABELS = {"url": "field_url", "main": "field_main", "ignore": "field_ignore"}
#: A refused value is quoted in the message, up to this many characters.
SHOWN_VALUE = 80


def edit_site(path: str | Path | None, site_id: str, url: str | None, main: str | None, ignore: Sequence[str]) -> None:
    """Set (when empty: remove) ``url``, ``main`` and ``ignore`` of ``site_id``; SitesFileError names a bad field."""
    if path is None or Path(path).resolve() == bundled_sites_path().resolve():
        raise SitesFileError(
            "refusing to write into the bundled registry: start `kommunvakt web --sites FILE`",
            reason="bundled_registry",
        )
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(text)
    entry = next((e for e in data or [] if isinstance(e, CommentedMap) and e.get("id") == site_id), None)
    if entry is None:
        raise SitesFileError(f"{file}: no entry '{site_id}'", reason="no_entry", value=site_id)
    if (url or None) != entry.get("url"):
        entry.ca.items.pop("url", None)  # no longer "# discovered": a person chose it
        for said_of_the_old_url in ("state", "source", "seen"):
            entry.pop(said_of_the_old_url, None)  # a url set by hand is confirmed (the file's default)
    for key, value in (("url", url or None), ("main", main or None), ("ignore", list(ignore) or None)):
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    parse_sites(data, file)  # the same checks as loading the file, before it is touched
    out = io.StringIO()
    yaml.dump(data, out)
    write_atomically(file, out.getvalue())
    load_sites(file)


def form_field(exc: SitesFileError) -> str | None:
    """The edit form's field a refusal is about (None: the registry as a whole)."""
    return FORM_FIELDS.get(exc.field or "")


def registry_problem(status: int, exc: SitesFileError) -> HttpProblem:
    """A refused registry write as the app's error: the sites file's line for JSON, and for a person the
    field named by its label in the form, the value quoted and what to do, in the page's language."""
    field = form_field(exc)
    value = exc.value if len(exc.value) <= SHOWN_VALUE else exc.value[: SHOWN_VALUE - 1] + "…"
    fallback = "registry_field" if field else "registry_unusable"
    words = f"registry_{exc.reason}" if exc.reason in REASONS else fallback
    label = LABELS.get(field or "", exc.field or "")
    return HttpProblem(status, str(exc), words, label=label, value=value, detail=str(exc))
