"""The pages the crawl's own discovery watches, laid over the sites file (:func:`with_discovered`).

Here in storage, not in ``crawler.discover``, because both entry points of a crawl use it: ``kommunvakt crawl``
and ``scrapy crawl municipal`` (through ``spiders.context``), and the spiders sit below discovery.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crawler.vocab import ChangeKind
from storage.models import ChangeRow, ProposalRow
from storage.queries import as_utc

if TYPE_CHECKING:  # only named in annotations: storage does not load the registry (and its extraction check)
    from crawler.registry import SiteEntry

#: The status of a proposal the crawl watches by itself (see crawler/discover/proposals.py).
WATCHED = "watched"


def invalid_addresses(session: Session, site_ids: Iterable[str] | None = None) -> dict[str, set[str]]:
    """Site id -> the addresses the crawl reported ``address_invalid`` (never the page, whenever it was)."""
    query = select(ChangeRow).where(ChangeRow.kind == ChangeKind.ADDRESS_INVALID)
    if site_ids is not None:
        query = query.where(ChangeRow.site_id.in_(list(site_ids)))
    found: dict[str, set[str]] = {}
    for change in session.scalars(query):
        urls = {u for u in (change.old, change.url) if isinstance(u, str) and u}
        found.setdefault(change.site_id, set()).update(urls)
    return found


def newest_watched(session: Session) -> dict[str, ProposalRow]:
    newest = (
        select(ProposalRow.site_id, func.max(ProposalRow.id).label("id"))
        .where(ProposalRow.status == WATCHED, ProposalRow.url != "")
        .group_by(ProposalRow.site_id)
        .subquery()
    )
    return {r.site_id: r for r in session.scalars(select(ProposalRow).join(newest, ProposalRow.id == newest.c.id))}


def with_discovered(factory: sessionmaker[Session], sites: Sequence[SiteEntry]) -> list[SiteEntry]:
    """The sites as the crawl watches them: where the file gives no usable address (none, or a candidate
    reported invalid) and the crawl's discovery watches a page, that page's url as a candidate address.

    A url in the file that is usable always wins, so an analyst's own choice is never overridden.
    """
    with factory() as session:
        watched = newest_watched(session)
        invalid = invalid_addresses(session, list(watched))
    result: list[SiteEntry] = []
    for site in sites:
        row = watched.get(site.id)
        usable = site.url is not None and site.url not in invalid.get(site.id, set())
        if row is None or usable:
            result.append(site)
            continue
        seen = as_utc(row.created_at).date().isoformat()
        source = f"kommunvakt discover, during the crawl (proposal {row.id})"
        result.append(replace(site, url=row.url, state="candidate", source=source, seen=seen))
    return result
