"""A site's furniture as the crawl keeps it between nights: the fingerprints of its home page's boxes
(:func:`crawler.extract.furniture.site_furniture`), where they came from and the validators to ask again.

Plain data, shared by the crawl and storage. A record is always compared with one read with the same
furniture: :func:`furniture_digest` names a set of fingerprints, and each stored version keeps the digest
it was read with, so the judge can tell when the stored version must be read again with tonight's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


def furniture_digest(prints: Iterable[str]) -> str | None:
    """A short name for a set of fingerprints; None for the empty set (a page read without furniture).

    >>> furniture_digest([]) is None
    True
    >>> furniture_digest(["b", "a"]) == furniture_digest(["a", "b"])
    True
    """
    ordered = sorted(set(prints))
    if not ordered:
        return None
    return hashlib.blake2b(" ".join(ordered).encode("ascii"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class HomeFurniture:
    """The last furniture read from a site's home page, and the validators that home answer carried."""

    home_url: str
    prints: frozenset[str] = frozenset()
    etag: str | None = None
    last_modified: str | None = None

    @property
    def digest(self) -> str | None:
        return furniture_digest(self.prints)
