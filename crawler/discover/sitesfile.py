"""Write accepted discoveries into the user's sites file, keeping its comments and order.

ruamel.yaml's round-trip mode keeps comments, key order and quoting, so the
analyst's file stays theirs. What discover writes carries an end-of-line
comment ``# discovered YYYY-MM-DD``; a ``url`` without it was set by hand and is
never overwritten.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from crawler.registry import SitesFileError, bundled_sites_path, load_sites, own_copy_path

MARK = "discovered"
_MARK_RX = re.compile(r"#\s*discovered\b")


@dataclass
class AcceptResult:
    written: dict[str, str] = field(default_factory=dict)  # site id -> url written
    kept_by_hand: list[str] = field(default_factory=list)  # a hand-set url was left alone
    unchanged: list[str] = field(default_factory=list)  # the same url was there already
    unknown: list[str] = field(default_factory=list)  # no such entry in the file


def is_bundled(path: str | Path | None) -> bool:
    return path is None or Path(path).resolve() == bundled_sites_path().resolve()


def writable_sites_file(path: str | Path | None) -> tuple[Path, bool]:
    """The sites file a write goes to, and whether it was made just now.

    A chosen file is written where it is. On the bundled registry, which is never written, the write goes to
    the own copy (:func:`crawler.registry.own_copy_path`), made from the bundled registry when it does not exist
    yet; two writers racing to make it get one copy (it is linked into place only if nothing is there).
    """
    if not is_bundled(path):
        assert path is not None
        return Path(path), False
    target = own_copy_path()
    if target.exists():
        return target, False
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise SitesFileError(f"{target}: cannot make a copy of the bundled registry here: {exc.strerror}") from exc
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(bundled_sites_path().read_bytes())
        os.link(tmp, target)
    except FileExistsError:
        return target, False
    except OSError as exc:
        raise SitesFileError(f"{target}: cannot make a copy of the bundled registry here: {exc.strerror}") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target, True


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    first = next((line for line in text.splitlines() if line.lstrip().startswith("- ")), "- ")
    offset = len(first) - len(first.lstrip())
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _eol_comment(entry: CommentedMap, key: str) -> str:
    item = entry.ca.items.get(key)
    if not item or len(item) < 3 or item[2] is None:
        return ""
    return str(item[2].value)


def url_set_by_hand(entry: Mapping[str, Any]) -> bool:
    """A url that is present and carries no discover mark was set by the analyst."""
    if not entry.get("url"):
        return False
    return not (isinstance(entry, CommentedMap) and _MARK_RX.search(_eol_comment(entry, "url")))


def accept_urls(path: str | Path | None, chosen: Mapping[str, str], today: dt.date) -> AcceptResult:
    """Write ``chosen`` (site id -> url) into the sites file at ``path``; never the bundled registry."""
    if is_bundled(path):
        raise SitesFileError(
            "refusing to write into the bundled registry: copy it (kommunvakt sites --format yaml, or cp) "
            "and pass your own file with --sites FILE"
        )
    assert path is not None
    file = Path(path)
    load_sites(file)  # a broken file is reported before it is touched
    text = file.read_text(encoding="utf-8")
    yaml = _yaml(text)
    data = yaml.load(text)
    result = AcceptResult()
    by_id = {e.get("id"): e for e in data if isinstance(e, CommentedMap)}
    for site_id, url in chosen.items():
        entry = by_id.get(site_id)
        if entry is None:
            result.unknown.append(site_id)
        elif url_set_by_hand(entry):
            result.kept_by_hand.append(site_id)
        elif entry.get("url") == url:
            result.unchanged.append(site_id)
        else:
            _set_url(entry, url, f"{MARK} {today.isoformat()}")
            result.written[site_id] = url
    if result.written:
        out = io.StringIO()
        yaml.dump(data, out)
        write_atomically(file, out.getvalue())
        load_sites(file)  # what we wrote must still be a valid sites file
    return result


def _set_url(entry: CommentedMap, url: str, comment: str) -> None:
    if "url" in entry:
        entry["url"] = url
        entry.ca.items.pop("url", None)
    else:
        keys = list(entry.keys())
        position = keys.index("home") + 1 if "home" in keys else len(keys)
        entry.insert(position, "url", url)
    entry.yaml_add_eol_comment(comment, "url")


def write_atomically(file: Path, text: str | bytes) -> None:
    """Readers (the crawl, the CLI, the web app) see the old file or the new one, never half of one.

    The new file keeps the old one's permissions (a new file gets the umask's), not the temporary file's
    0600, which would lock the scheduler's or the web app's user out of a registry another user wrote.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    try:
        os.fchmod(fd, _mode_for(file))
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(file: Path) -> int:
    try:
        return stat.S_IMODE(file.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without setting it (``os.umask`` sets it, for every thread at once)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
