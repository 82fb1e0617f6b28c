"""Write the watched pages into the bundled registry from public data, with where each address was seen.

    python -m crawler.data.build_registry --intl /work/shared/data/intl_pages.csv

Inputs: the registry itself (names, codes, counties, home pages: kept as they are), ``intl_pages.csv``
(addresses of pages about international work found in stored public copies; only role ``primary`` is used,
as a ``candidate`` since the copies are undated), and ``located.csv`` beside this file (addresses entered by
hand: the pages checked before and those found by searching stored public copies; it wins over
``intl_pages.csv``). Every run rebuilds the ``url``, ``state``, ``source``, ``seen`` and ``aliases`` fields of
every entry from these inputs, so running it twice gives the same file. An address off the municipality's
own hosts, a code that is not in the registry, or two municipalities with one address stops the run with one
line (exit 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from crawler.registry import URL_STATES, SiteEntry, SitesFileError, load_sites

HERE = Path(__file__).resolve().parent
URL_KEYS = ("url", "state", "source", "seen", "aliases")
SEARCHED = ("code", "queries", "outcome")
INTL_SOURCE = "shared/data/intl_pages.csv (stored public copies, undated)"


class BuildError(ValueError):
    """One line naming the input file, the row and the field."""


@dataclass(frozen=True)
class Found:
    """An address for one municipality and where it was seen."""

    code: str
    url: str
    state: str
    source: str
    seen: str | None
    aliases: tuple[str, ...]
    where: str  # file:line, for messages


def read_intl(path: Path) -> dict[str, Found]:
    """The ``primary`` rows of intl_pages.csv: one address per municipality, a candidate to verify."""
    found: dict[str, Found] = {}
    for line, row in _rows(path, ("code", "role", "url")):
        if row["role"].strip() != "primary":
            continue
        code = row["code"].strip()
        if code in found:
            raise BuildError(f"{path}:{line}: field 'role': a second primary row for code {code}")
        found[code] = Found(code, row["url"].strip(), "candidate", INTL_SOURCE, None, (), f"{path}:{line}")
    return found


def read_located(path: Path) -> dict[str, Found]:
    """Addresses entered by hand (code,url,state,source,seen,aliases; aliases separated by ';')."""
    found: dict[str, Found] = {}
    for line, row in _rows(path, ("code", "url", "state", "source", "seen", "aliases")):
        where = f"{path}:{line}"
        code = row["code"].strip()
        if code in found:
            raise BuildError(f"{where}: field 'code': {code} is in the file twice")
        state = row["state"].strip()
        if state not in URL_STATES:
            raise BuildError(f"{where}: field 'state': must be one of {', '.join(URL_STATES)} (got {state!r})")
        source = row["source"].strip()
        if not source:
            raise BuildError(f"{where}: field 'source': required (where the address was seen)")
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        seen = row["seen"].strip() or None
        found[code] = Found(code, row["url"].strip(), state, source, seen, aliases, where)
    return found


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise BuildError(f"{path}: missing column(s): {', '.join(missing)}")
    return [(index + 2, {k: v or "" for k, v in row.items()}) for index, row in enumerate(reader)]


def merge(sites: list[SiteEntry], located: dict[str, Found], intl: dict[str, Found]) -> dict[str, Found]:
    """Site id -> the address it gets: ``located.csv`` first, then the primary of intl_pages.csv."""
    by_code = {s.code: s for s in sites if s.code}
    for table in (located, intl):
        for code, entry in table.items():
            if code not in by_code:
                raise BuildError(f"{entry.where}: field 'code': {code} is not a municipality in the registry")
    chosen: dict[str, Found] = {}
    owner_of: dict[str, str] = {}
    for site in sites:
        found = located.get(site.code or "") or intl.get(site.code or "")
        if found is None:
            continue
        own = SiteEntry(site.id, site.name, home=site.home, aliases=found.aliases)
        if not own.is_own_address(found.url):
            raise BuildError(
                f"{found.where}: field 'url': {found.url} is not on {site.id}'s own hosts "
                f"({', '.join(own.own_hosts)}); add the host to 'aliases' if the page is clearly theirs"
            )
        key = found.url.rstrip("/").lower()
        if key in owner_of:
            raise BuildError(f"{found.where}: field 'url': {found.url} is already {owner_of[key]}'s address")
        owner_of[key] = site.id
        chosen[site.id] = found
    return chosen


def rewrite(text: str, chosen: dict[str, Found]) -> str:
    """The sites file with every entry's url fields replaced by ``chosen`` (comments and order kept)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    data = yaml.load(text)
    for entry in data:
        if not isinstance(entry, CommentedMap):
            continue
        for key in URL_KEYS:
            if key in entry:
                del entry[key]
        item = chosen.get(str(entry.get("id")))
        if item is None:
            continue
        keys = list(entry.keys())
        position = keys.index("home") + 1 if "home" in keys else len(keys)
        fields: list[tuple[str, object]] = [("url", item.url), ("state", item.state), ("source", item.source)]
        if item.seen:
            fields.append(("seen", DoubleQuotedScalarString(item.seen)))  # a string, not a YAML date
        if item.aliases:
            aliases = CommentedSeq(item.aliases)
            aliases.fa.set_flow_style()  # aliases: [a.se, b.se], one line like the rest of the entry
            fields.append(("aliases", aliases))
        for offset, (key, value) in enumerate(fields):
            entry.insert(position + offset, key, value)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def read_searched(path: Path) -> dict[str, tuple[str, str]]:
    """code -> (queries, outcome): what was looked up for a municipality, for the unlocated list."""
    return {row["code"].strip(): (row["queries"].strip(), row["outcome"].strip()) for _, row in _rows(path, SEARCHED)}


def unlocated_markdown(sites: list[SiteEntry], chosen: dict[str, Found], searched: dict[str, tuple[str, str]]) -> str:
    """The municipalities still without an address, with what was searched for each."""
    left = [s for s in sites if s.id not in chosen]
    lines = [
        "# Municipalities without a located page",
        "",
        f"{len(left)} of {len(sites)} municipalities have no `url` in the bundled registry yet; `kommunvakt discover`",
        "proposes pages for them. Written by `crawler/data/build_registry.py` from `searched.csv`: the queries made",
        "in stored public web pages for each, none of which found a page about the municipality's international",
        "work on its own site.",
        "",
        "| code | municipality | county | searched | outcome |",
        "| --- | --- | --- | --- | --- |",
    ]
    if any(s.code not in searched for s in left):
        lines[6:6] = ["", '"not searched yet": no query was made for it (the search budget ran out first).']
    for site in left:
        queries, outcome = searched.get(site.code or "", ("", "not searched yet"))
        cells = [site.code or "", site.name, site.county or "", queries or "-", outcome]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def build(
    sites_path: Path, intl_path: Path, located_path: Path, searched_path: Path, unlocated_path: Path
) -> dict[str, Found]:
    """Rebuild the url fields of ``sites_path`` in place and the unlocated list; nothing is written on bad input."""
    sites = load_sites(sites_path)
    chosen = merge(sites, read_located(located_path), read_intl(intl_path))
    searched = read_searched(searched_path)
    new_text = rewrite(sites_path.read_text(encoding="utf-8"), chosen)
    _install(sites_path, new_text, check=load_sites)  # what we install must be a valid sites file
    _install(unlocated_path, unlocated_markdown(sites, chosen, searched))
    return chosen


def _install(path: Path, text: str, check: Callable[[str], object] | None = None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if check:
            check(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intl", type=Path, required=True, help="intl_pages.csv (shared/data, not in the repo)")
    parser.add_argument("--located", type=Path, default=HERE / "located.csv", help="addresses entered by hand")
    parser.add_argument("--sites", type=Path, default=HERE / "sites.yaml", help="the registry to rewrite")
    parser.add_argument("--searched", type=Path, default=HERE / "searched.csv", help="what was searched, per code")
    parser.add_argument("--unlocated", type=Path, default=HERE / "UNLOCATED.md", help="the list to write")
    args = parser.parse_args(argv)
    try:
        chosen = build(args.sites, args.intl, args.located, args.searched, args.unlocated)
    except (BuildError, SitesFileError) as exc:
        print(f"build_registry: {exc}", file=sys.stderr)
        return 2
    states = [item.state for item in chosen.values()]
    counts = ", ".join(f"{states.count(s)} {s}" for s in URL_STATES)
    print(f"{args.sites}: {len(chosen)} municipalities with an address ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
