"""Proposals in the database: what discover found, and which sites need it again.

The ``proposals`` table keeps every discovery (score, reasons, candidates,
date); the newest row per site is the current proposal. A watched page that
disappeared (``page_gone``) or moved to another host (``page_moved``) after
the newest proposal puts its site back on discover's list.

A proposal the crawl's own discovery made confidently for a municipality with
no usable address is stored as ``watched``: :func:`with_discovered` gives the
crawl its url as a candidate address (verified on its first fetch), without
touching the sites file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crawler.clock import utcnow
from crawler.discover.scoring import Proposal
from crawler.registry import SiteEntry
from crawler.vocab import LOST_KINDS, ChangeKind, SiteState
from storage.db import transaction
from storage.discovered import WATCHED, with_discovered
from storage.discovered import invalid_addresses as _invalid_addresses
from storage.models import ChangeRow, ProposalRow
from storage.queries import as_utc
from storage.repository import sync_sites


def save_proposals(
    factory: sessionmaker[Session],
    found: Sequence[Proposal],
    sites: Sequence[SiteEntry],
    now: datetime | None = None,
    *,
    watched: Collection[str] = (),
) -> list[int]:
    """Store one proposal row per site (also when nothing was found: url '' and score 0).

    The proposals of the sites in ``watched`` that have a url are stored as :data:`WATCHED`.
    """
    when = now or utcnow()
    sync_sites(factory, with_discovered(factory, sites))  # the file's view would reset the pages the crawl watches
    ids: list[int] = []
    with transaction(factory) as session:
        for p in found:
            row = ProposalRow(
                site_id=p.site,
                url=p.url or "",
                score=round(p.score, 4),
                confident=p.confident,
                reasons=list(p.reasons),
                candidates=[{"url": c.url, "score": round(c.score, 4)} for c in p.candidates[:10]],
                created_at=when,
                status=(WATCHED if p.site in watched else "proposed") if p.url else "none",
            )
            session.add(row)
            session.flush()
            ids.append(row.id)
    return ids


def _json_list(value: object) -> list[Any]:
    """A JSON column that holds a list (None or anything else reads as empty)."""
    return list(value) if isinstance(value, list) else []


def _as_dict(row: ProposalRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "site": row.site_id,
        "url": row.url or None,
        "score": row.score,
        "confident": row.confident,
        "reasons": _json_list(row.reasons),
        "candidates": _json_list(row.candidates),
        "created_at": as_utc(row.created_at).isoformat(),
        "status": row.status,
    }


def _latest_rows(session: Session, site_ids: Iterable[str] | None) -> dict[str, ProposalRow]:
    newest = select(ProposalRow.site_id, func.max(ProposalRow.id).label("id")).group_by(ProposalRow.site_id)
    if site_ids is not None:
        newest = newest.where(ProposalRow.site_id.in_(list(site_ids)))
    sub = newest.subquery()
    rows = session.scalars(select(ProposalRow).join(sub, ProposalRow.id == sub.c.id))
    return {r.site_id: r for r in rows}


def latest_proposals(
    factory: sessionmaker[Session], site_ids: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """The newest proposal per site, as plain dicts (see ``_as_dict`` for the keys)."""
    with factory() as session:
        return {sid: _as_dict(row) for sid, row in _latest_rows(session, site_ids).items()}


def proposal_status(factory: sessionmaker[Session]) -> dict[str, str]:
    """Per site that discover has looked at: "proposed", "accepted", "rejected" or "not_located" (nothing found:
    ``crawler.vocab.SiteState``, the word ``kommunvakt sites`` uses; "missing" is a page that answered 404).

    Sites discover never looked at are absent; ``kommunvakt sites`` shows them
    as located (the sites file has a url) or not located.
    """
    with factory() as session:
        rows = _latest_rows(session, None)
    return {sid: (SiteState.NOT_LOCATED.value if row.status == "none" else row.status) for sid, row in rows.items()}


def mark(factory: sessionmaker[Session], site_ids: Iterable[str], status: str) -> None:
    """Record the analyst's decision ("accepted" or "rejected") on the newest proposal of each site."""
    with transaction(factory) as session:
        for row in _latest_rows(session, list(site_ids)).values():
            row.status = status


def _lost_pages(session: Session, site_ids: Iterable[str] | None) -> dict[str, ChangeRow]:
    """The newest change per site that says its page went away (``LOST_KINDS``; page_moved only off-site)."""
    query = select(ChangeRow).where(ChangeRow.kind.in_(LOST_KINDS), ChangeRow.superseded.is_(False))
    if site_ids is not None:
        query = query.where(ChangeRow.site_id.in_(list(site_ids)))
    lost: dict[str, ChangeRow] = {}
    for change in session.scalars(query.order_by(ChangeRow.detected_at, ChangeRow.id)):
        if change.kind == ChangeKind.PAGE_MOVED and not _moved_off_site(change.old, change.new):
            continue
        lost[change.site_id] = change
    restored = select(ChangeRow.site_id, func.max(ChangeRow.detected_at)).where(
        ChangeRow.kind == ChangeKind.PAGE_RESTORED
    )
    for site_id, when in session.execute(restored.group_by(ChangeRow.site_id)):
        if site_id in lost and as_utc(when) >= as_utc(lost[site_id].detected_at):
            del lost[site_id]
    return lost


def _moved_off_site(old: object, new: object) -> bool:
    if not isinstance(old, str) or not isinstance(new, str):
        return False
    return (urlsplit(old).hostname or "") != (urlsplit(new).hostname or "")


def sites_needing_discovery(factory: sessionmaker[Session], sites: Sequence[SiteEntry]) -> list[str]:
    """Ids (in file order) of sites without a url, or whose page went away since the newest proposal."""
    with factory() as session:
        lost = _lost_pages(session, [s.id for s in sites])
        latest = _latest_rows(session, list(lost))
    wanted: list[str] = []
    for site in sites:
        change = lost.get(site.id)
        proposal = latest.get(site.id)
        page_lost = change is not None and (
            proposal is None or as_utc(proposal.created_at) < as_utc(change.detected_at)
        )
        if not site.located or page_lost:
            wanted.append(site.id)
    return wanted


@dataclass(frozen=True)
class ReplacementCandidate:
    """The newest proposal for a site whose watched page went away, made after it went (what a report shows)."""

    site_id: str
    url: str
    score: float
    confident: bool
    lost_url: str  # the page that went away
    proposal_id: int


def replacement_candidates(session: Session, site_ids: Iterable[str]) -> dict[str, ReplacementCandidate]:
    """For sites whose page went away: the newest proposal made after that. Sites with none are absent.

    Reads in the caller's session, so a report sees the same snapshot for its changes and their candidates.
    """
    lost = _lost_pages(session, list(site_ids))
    latest = _latest_rows(session, list(lost))
    result: dict[str, ReplacementCandidate] = {}
    for site_id, change in lost.items():
        row = latest.get(site_id)
        if row is None or not row.url or as_utc(row.created_at) < as_utc(change.detected_at):
            continue
        lost_url = change.old if isinstance(change.old, str) else change.url
        result[site_id] = ReplacementCandidate(site_id, row.url, row.score, row.confident, lost_url, row.id)
    return result


def refused_urls(factory: sessionmaker[Session], site_ids: Iterable[str]) -> dict[str, set[str]]:
    """Site id -> addresses never to watch by itself again: reported invalid, or a rejected proposal's."""
    wanted = list(site_ids)
    with factory() as session:
        refused = _invalid_addresses(session, wanted)
        rejected = select(ProposalRow.site_id, ProposalRow.url).where(
            ProposalRow.status == "rejected", ProposalRow.site_id.in_(wanted)
        )
        for site_id, url in session.execute(rejected):
            refused.setdefault(site_id, set()).add(url)
    return refused


def sites_to_discover_tonight(
    factory: sessionmaker[Session], sites: Sequence[SiteEntry], limit: int
) -> list[SiteEntry]:
    """Up to ``limit`` of ``sites`` (as :func:`with_discovered` gives them) with no usable address, for the
    crawl's own discovery.

    A site qualifies when it has no url, or its url was reported ``address_invalid`` after its newest
    proposal. A site whose newest proposal waits for an analyst ("proposed") is left to them. Sites never
    searched come first, then the longest ago, so a bounded night works through all of them in turn.
    """
    if limit <= 0:
        return []
    with factory() as session:
        latest = _latest_rows(session, [s.id for s in sites])
        query = (
            select(ChangeRow.site_id, func.max(ChangeRow.detected_at))
            .where(ChangeRow.kind == ChangeKind.ADDRESS_INVALID, ChangeRow.superseded.is_(False))
            .group_by(ChangeRow.site_id)
        )
        invalid_at = {site_id: as_utc(when) for site_id, when in session.execute(query)}
    wanted: list[tuple[datetime | None, int, SiteEntry]] = []
    for position, site in enumerate(sites):
        row = latest.get(site.id)
        tried = as_utc(row.created_at) if row is not None else None
        if row is not None and row.status == "proposed":
            continue
        lost = site.id in invalid_at and (tried is None or tried < invalid_at[site.id])
        if site.located and not lost:
            continue
        if not site.home:
            continue
        wanted.append((tried, position, site))
    never = datetime.min.replace(tzinfo=UTC)
    wanted.sort(key=lambda item: (item[0] is not None, item[0] or never, item[1]))
    return [site for _, _, site in wanted[:limit]]
