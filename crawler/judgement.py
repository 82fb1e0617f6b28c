"""The values the judge (:func:`crawler.verdict.evaluate`) is given and gives back.

Plain data, kept apart from the judge itself: storage loads a :class:`PageState` and records a
:class:`Verdict` without importing the crawl's decisions (``storage`` never imports ``crawler.verdict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.record import Change, PageRecord
from crawler.vocab import Outcome


@dataclass(frozen=True)
class PageState:
    """What storage knew of the page before this fetch."""

    url: str
    home: str | None = None
    missing_count: int = 0
    gone: bool = False
    last_record: PageRecord | None = None  # loaded only when the fetch is compared with it
    # The versions stored before the last one in its last days, oldest first (crawler.volatile's window),
    # loaded with it: prose that changed on its own in them is not reported when it changes again.
    history: tuple[PageRecord, ...] = ()
    last_hash: str | None = None
    candidate: bool = False  # an address from the sites file never yet seen answering with the page
    last_snapshot_id: int | None = None  # the version this state was loaded with (checked when recording)
    # The fetch's body is the last version's bytes, served from its address with its Content-Type: reading it
    # again would give the stored record (new extraction rules reach stored versions by `kommunvakt reprocess`).
    same_body: bool = False
    # The digest of the home-page furniture the last version's record was read with (crawler.home); None: none.
    last_furniture: str | None = None


@dataclass
class Verdict:
    outcome: Outcome
    error: str | None = None
    record: PageRecord | None = None  # set when a new snapshot must be stored
    changes: list[Change] = field(default_factory=list)
    new_url: str | None = None  # the page's address after a permanent redirect
    missing_count: int = 0
    gone: bool = False

    @property
    def good(self) -> bool:
        """The page was really seen (so its validators may be kept, and a candidate address is verified)."""
        return Outcome(self.outcome).good

    @property
    def invalid(self) -> bool:
        """A candidate address that is not the page: reported once, then handed to discovery."""
        return self.outcome is Outcome.INVALID
