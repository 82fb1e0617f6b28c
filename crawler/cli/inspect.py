"""Looking at what kommunvakt knows: ``sites``, ``history``, ``show``, ``diff``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

from crawler.cli.common import EXIT_BAD_INPUT, App, CliError, app_options, emit_rows, parse_when
from crawler.cli.sitestable import export_command, import_command
from crawler.clock import as_utc, local_text
from crawler.vocab import CRAWLED_STATES, SiteState, outcome_word
from storage import queries
from storage.documents import blocks_of
from storage.models import DocumentRow, DocumentVersion, Page, Snapshot

if TYPE_CHECKING:
    from crawler.registry import SiteEntry

FORMATS = click.Choice(["table", "json", "csv"])


#: What ``kommunvakt sites`` says of a municipality, in tally order: its url's state (the registry's, or what the
#: crawl learnt of a candidate: verified or invalid), else whether discover proposes one, else not located.
SHOWN_STATES = tuple(SiteState)


def _waiting_proposals(app: App) -> dict[str, dict[str, Any]] | None:
    """Site id -> the newest discover proposal still waiting; None when there is no database to read."""
    if not app.database_exists():
        return None  # listing the registry must not create a database as a side effect
    try:
        from crawler.discover import latest_proposals
    except ImportError:  # discovery not installed in this build
        return {}
    return {sid: p for sid, p in latest_proposals(app.factory).items() if p["status"] == "proposed" and p["url"]}


def _crawled_states(app: App) -> dict[str, tuple[str, str]]:
    """Site id -> (the url it was crawled as, what the crawl made of it: ``storage.models.URL_STATES``)."""
    if not app.database_exists():
        return {}
    with app.factory() as session:
        return queries.url_states(session)


def _shown_state(site: SiteEntry, proposal: dict[str, Any] | None, crawled: tuple[str, str] | None = None) -> SiteState:
    if site.url:
        if crawled is not None and crawled[0] == site.url:
            return SiteState(crawled[1])  # a candidate the crawl verified or found invalid (or the file's state)
        return SiteState(site.state or "confirmed")
    return SiteState.PROPOSED if proposal else SiteState.NOT_LOCATED


@click.group("sites", invoke_without_command=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@app_options
def sites_command(app: App, fmt: str) -> None:
    """List the registry: each municipality's page state (confirmed, candidate, proposed, not located), its source.

    `sites export` and `sites import` move the registry to and from a CSV or XLSX table.
    """
    context = click.get_current_context()
    if context.invoked_subcommand is not None:
        context.obj = app  # `sites --sites F export`: the subcommand takes what it was not told itself
        return
    sites = app.sites  # a bad sites file is refused (one line) before anything else is said
    proposals = _waiting_proposals(app)
    if proposals is not None:
        from crawler.discover.proposals import with_discovered

        sites = with_discovered(app.factory, sites)  # what the crawl's own discovery watches, as the crawl sees it
    if proposals is None:
        click.echo(f"no database at {app.db_url}: discover proposals are not shown", err=True)
    crawled = _crawled_states(app)
    if fmt == "json":
        emit_rows([_json_row(site, (proposals or {}).get(site.id), crawled.get(site.id)) for site in sites], fmt, [])
        return
    rows = [_table_row(site, (proposals or {}).get(site.id), crawled.get(site.id)) for site in sites]
    emit_rows(rows, fmt, ["id", "name", "code", "state", "url", "source", "seen"])
    if fmt == "table":
        shown = [row["state"] for row in rows]
        counts = ", ".join(
            f"{shown.count(state.word)} {state.word}"
            for state in SHOWN_STATES
            if state not in CRAWLED_STATES or state.word in shown
        )
        click.echo(f"{len(rows)} municipalities: {counts}")


def _json_row(site: SiteEntry, proposal: dict[str, Any] | None, crawled: tuple[str, str] | None) -> dict[str, Any]:
    """The sites-file entry as it is (``state`` is the file's), plus ``status``, ``address`` (what the crawl
    made of the url: confirmed, candidate, verified, invalid) and a waiting proposal."""
    row = site.as_json()
    shown = _shown_state(site, proposal, crawled)
    row["address"] = str(shown) if site.url else None
    row["status"] = "located" if site.url else str(shown)  # located, proposed or not_located
    if shown is SiteState.PROPOSED and proposal:
        row["proposal"] = {"url": proposal["url"], "score": proposal["score"], "created_at": proposal["created_at"]}
    return row


def _table_row(site: SiteEntry, proposal: dict[str, Any] | None, crawled: tuple[str, str] | None) -> dict[str, Any]:
    """One line per municipality: its shown state, the page and where the address comes from."""
    shown = _shown_state(site, proposal, crawled)
    row: dict[str, Any] = {"id": site.id, "name": site.name, "code": site.code, "state": shown.word}
    if shown is SiteState.PROPOSED and proposal:
        row.update(url=proposal["url"], source=f"kommunvakt discover, {proposal['created_at'][:10]}", seen=None)
    else:
        row.update(url=site.url, source=site.source, seen=site.seen)
    return row


def _require_page(app: App, session: Any, site_id: str) -> Page:
    if site_id not in {s.id for s in app.sites}:
        raise CliError(f"unknown site id: {site_id}", EXIT_BAD_INPUT)
    page = queries.page_of(session, site_id)
    if page is None:
        raise CliError(f"{site_id}: nothing stored yet (not located, or never crawled)", EXIT_BAD_INPUT)
    return page


DOCUMENT_OPTION = click.option(
    "--document", "document", metavar="URL", help="A document the page links to, instead of the page itself."
)


@click.command("history")
@click.argument("site", required=False)
@click.option("--limit", default=50, show_default=True, help="How many fetches to show.")
@DOCUMENT_OPTION
@app_options
def history(app: App, site: str | None, limit: int, document: str | None) -> None:
    """Versions (numbered #1, #2, … per municipality) and fetch outcomes of a site's page, oldest first;
    with --document, the versions and changes of a linked document."""
    if document is not None:
        _document_history(app, site, document)
        return
    site = _required_site(site)
    with app.factory() as session:
        page = _require_page(app, session, site)
        click.echo(f"{site}: {page.url}" + ("  (gone)" if page.gone else ""))
        click.echo("versions:")
        for number, snap in enumerate(queries.snapshots(session, page.id), 1):
            click.echo(f"  #{number}  {_when(app, snap.taken_at)}  run {snap.run_id}  {snap.content_hash[:12]}")
        click.echo("fetches:")
        for fetch in queries.fetches(session, page.id, limit):
            status = fetch.status if fetch.status is not None else "-"
            extra = f"  {fetch.error}" if fetch.error else ""
            moved = f"  -> {fetch.final_url}" if fetch.final_url else ""
            click.echo(
                f"  {_when(app, fetch.fetched_at)}  run {fetch.run_id}  {outcome_word(fetch.outcome):<15} "
                f"{status}{extra}{moved}"
            )


@click.command("show")
@click.argument("site", required=False)
@click.option("--at", "at", metavar="DATE|#N", help="The version current at this date (a day: its end), or version #N.")
@DOCUMENT_OPTION
@app_options
def show(app: App, site: str | None, at: str | None, document: str | None) -> None:
    """Print the stored normalised text of a site's page (or, with --document, of a linked document)."""
    if document is not None:
        with app.factory() as session:
            row, doc_versions = _document_versions(app, session, site, document)
            version = _pick(app, doc_versions, at, "--at") if at else doc_versions[-1]
            click.echo(f"# version #{_number(doc_versions, version)} of {row.url}, {_when(app, version.taken_at)}")
            click.echo(_document_text(version), nl=False)
        return
    site = _required_site(site)
    with app.factory() as session:
        page = _require_page(app, session, site)
        versions = queries.snapshots(session, page.id)
        if not versions:
            raise CliError(f"{site}: no version stored", EXIT_BAD_INPUT)
        snap = _pick(app, versions, at, "--at") if at else versions[-1]
        click.echo(f"# version #{_number(versions, snap)} of {snap.url}, {_when(app, snap.taken_at)}")
        click.echo(snap.text, nl=False)


@click.command("diff")
@click.argument("site", required=False)
@click.option("--from", "from_", metavar="DATE|#N", help="Older version (default: the one before --to).")
@click.option("--to", "to", metavar="DATE|#N", help="Newer version (default: the newest).")
@DOCUMENT_OPTION
@app_options
def diff(app: App, site: str | None, from_: str | None, to: str | None, document: str | None) -> None:
    """A readable diff of two stored versions of a site's page, or with --document of a linked document
    (#N as `history` numbers them)."""
    with app.factory() as session:
        if document is not None:
            _, doc_versions = _document_versions(app, session, site, document)
            older_doc, newer_doc = _pair(app, doc_versions, from_, to, document)
            _print_diff(app, doc_versions, older_doc, newer_doc, _document_text(older_doc), _document_text(newer_doc))
            return
        site = _required_site(site)
        page = _require_page(app, session, site)
        versions = queries.snapshots(session, page.id)
        if not versions:
            raise CliError(f"{site}: no version stored", EXIT_BAD_INPUT)
        older, newer = _pair(app, versions, from_, to, site)
        _print_diff(app, versions, older, newer, older.text, newer.text)


def _pair(app: App, versions: list[Version], from_: str | None, to: str | None, what: str) -> tuple[Version, Version]:
    """The two versions --from and --to name (by default the newest and the one before it)."""
    newer = _pick(app, versions, to, "--to") if to else versions[-1]
    if from_:
        return _pick(app, versions, from_, "--from"), newer
    position = _number(versions, newer) - 1
    if position <= 0:
        raise CliError(f"{what}: only one version stored, nothing to compare", EXIT_BAD_INPUT)
    return versions[position - 1], newer


def _print_diff(app: App, versions: list[Version], older: Version, newer: Version, old: str, new: str) -> None:
    lines = difflib.unified_diff(
        old.splitlines(),
        new.splitlines(),
        fromfile=f"#{_number(versions, older)} {_when(app, older.taken_at)}",
        tofile=f"#{_number(versions, newer)} {_when(app, newer.taken_at)}",
        lineterm="",
    )
    for line in lines:
        color = "green" if line.startswith("+") else "red" if line.startswith("-") else None
        click.secho(line, fg=color)


def _required_site(site: str | None) -> str:
    if not site:  # optional only beside --document: the same usage error click gives a missing argument
        raise click.MissingParameter(ctx=click.get_current_context(), param_type="argument", param_hint="'SITE'")
    return site


def _document_versions(app: App, session: Any, site: str | None, url: str) -> tuple[DocumentRow, list[DocumentVersion]]:
    """The stored document at ``url`` and its versions; a SITE given must be the one that links it."""
    row = queries.document_of(session, url.strip())
    if row is None:
        raise CliError(
            f"--document: nothing stored for {url} (not linked from a watched page, or never crawled)", EXIT_BAD_INPUT
        )
    if site and site != row.site_id:
        raise CliError(f"--document: {url} is linked from {row.site_id}, not {site}", EXIT_BAD_INPUT)
    versions = queries.document_versions(session, row.id, with_text=True)
    if not versions:
        raise CliError(
            f"--document: no version of {url} could be read yet ({row.last_error or 'unknown'})", EXIT_BAD_INPUT
        )
    return row, versions


def _document_text(version: DocumentVersion) -> str:
    """A document version's normalised text: headings as ``## …``, one paragraph a line."""
    lines = [f"## {block.text}" if block.heading else block.text for block in blocks_of(version.text_z)]
    return "\n".join(lines) + ("\n" if lines else "")


def _document_history(app: App, site: str | None, url: str) -> None:
    with app.factory() as session:
        row, versions = _document_versions(app, session, site, url)
        click.echo(f"{row.url}  (linked from {row.site_id})")
        if row.checked_at is not None:
            click.echo(f"last checked {_when(app, row.checked_at)}")
        if row.last_error:
            since = f" since {_when(app, row.failing_since)}" if row.failing_since else ""
            click.echo(f"failing{since}: {row.last_error}")
        click.echo("versions:")
        for number, version in enumerate(versions, 1):
            pages = f"{version.pages} pages" if version.pages is not None else "- pages"
            title = f"  {version.title}" if version.title else ""
            click.echo(
                f"  #{number}  {_when(app, version.taken_at)}  run {version.run_id}  {version.kind:<4}  {pages:<9}  "
                f"{version.sha256[:12]}{title}"
            )
        click.echo("changes:")
        for change in queries.document_changes(session, row.page_id, row.url):
            detail = change.detail if isinstance(change.detail, dict) else {}
            counts = ", ".join(
                f"{detail.get(key, 0)} {word}"
                for key, word in (
                    ("paragraphs_added", "added"),
                    ("paragraphs_removed", "removed"),
                    ("paragraphs_rewritten", "rewritten"),
                )
            )
            click.echo(f"  {_when(app, change.detected_at)}  run {change.run_id}  {change.kind}  paragraphs: {counts}")


#: A stored version of a page or of a document: both have an id and a time taken.
Version = TypeVar("Version", Snapshot, DocumentVersion)


def _number(versions: Sequence[Version], snap: Version) -> int:
    """A version's number for people: its place among the municipality's versions, from #1."""
    return next(i for i, v in enumerate(versions, 1) if v.id == snap.id)


def _pick(app: App, versions: list[Version], value: str, option: str) -> Version:
    """``#N`` (the municipality's Nth version) or a date (the version current then; a bare day means its end)."""
    if value.lstrip("#").isdigit():
        wanted = int(value.lstrip("#"))
        if 1 <= wanted <= len(versions):
            return versions[wanted - 1]
        raise CliError(f"{option}: no version #{wanted} (this municipality has #1 to #{len(versions)})", EXIT_BAD_INPUT)
    moment = parse_when(value, option, app.config.schedule.timezone, end_of_day=True)
    assert moment is not None
    current = [v for v in versions if as_utc(v.taken_at) <= moment]
    if not current:
        raise CliError(f"{option}: no version at or before {value}", EXIT_BAD_INPUT)
    return current[-1]


def _when(app: App, value: datetime) -> str:
    """Local time in the config's zone, with the zone named, as everywhere kommunvakt shows times to people."""
    return local_text(value, app.config.schedule.timezone)


sites_command.add_command(export_command)
sites_command.add_command(import_command)

commands = [sites_command, history, show, diff]
