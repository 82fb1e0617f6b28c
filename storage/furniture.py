"""Each site's home-page furniture between nights, and a stored version's bytes when it must be read again.

The crawl reads every page with its site's furniture (:mod:`crawler.home`); a night whose home page answers
304 or fails uses what is kept here. A version stored with other furniture than tonight's is read again from
its bytes (:func:`stored_body`) so that the judge compares like with like.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.home import HomeFurniture
from storage.db import transaction
from storage.models import SiteFurnitureRow, Snapshot


def load_furniture(factory: sessionmaker[Session], site_ids: Iterable[str]) -> dict[str, HomeFurniture]:
    """The last furniture kept for these sites (a site never read has none)."""
    wanted = set(site_ids)
    with factory() as session:
        rows = session.scalars(select(SiteFurnitureRow).where(SiteFurnitureRow.site_id.in_(wanted)))
        return {
            row.site_id: HomeFurniture(
                home_url=row.home_url,
                prints=frozenset(row.prints.split()),
                etag=row.etag,
                last_modified=row.last_modified,
            )
            for row in rows
        }


def save_furniture(factory: sessionmaker[Session], site_id: str, furniture: HomeFurniture, read_at: datetime) -> None:
    """Keep the furniture just read from the site's home page (and its validators), replacing the last."""
    with transaction(factory) as session:
        row = session.get(SiteFurnitureRow, site_id) or SiteFurnitureRow(site_id=site_id)
        row.home_url = furniture.home_url
        row.prints = " ".join(sorted(furniture.prints))
        row.digest = furniture.digest
        row.etag, row.last_modified = furniture.etag, furniture.last_modified
        row.read_at = read_at
        session.add(row)


def stored_body(factory: sessionmaker[Session], snapshot_id: int) -> tuple[bytes, str | None, str] | None:
    """A stored version's bytes, the Content-Type they were served with and the address they were read at."""
    with factory() as session:
        snapshot = session.get(Snapshot, snapshot_id)
        if snapshot is None:
            return None
        return zlib.decompress(snapshot.html_z), snapshot.content_type, snapshot.url
