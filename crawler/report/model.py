"""Plain data the report is made of: what storage yields, and the grouped view the templates show.

Selection (``select``) fills ``ReportData`` from the database; shaping
(``shape``) turns it into a ``Report`` for one reader; rendering never queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SiteRef:
    """A municipality as the report names and links it."""

    id: str
    name: str
    county: str | None = None
    home: str | None = None


@dataclass(frozen=True)
class StoredChange:
    """One stored change as the report reads it: a plain copy of a ``ChangeRow`` (storage/models.py), not
    superseded. ``crawler.record.Change`` is the change as the diff finds it, before it is stored."""

    id: int
    run_id: int | None
    site_id: str
    url: str
    kind: str
    old: Any
    new: Any
    detail: Any
    detected_at: datetime


@dataclass(frozen=True)
class FailureEvent:
    """Operational news: a page started failing (``failing``) or answers again (``recovered``).

    ``key`` identifies the event across report runs, so each reader is told once.
    """

    key: str
    site_id: str
    kind: str  # "failing" | "recovered"
    since: datetime  # when the failure started
    at: datetime  # the fetch that showed the event
    reason: str | None
    run_id: int | None


@dataclass(frozen=True)
class DocumentFailure:
    """A linked document that could not be checked: told once, in the run its failure began (``news``); later
    runs that still fail only count it. ``failure``: its kind (crawler/documents/judgement.py ``FAILURE_KINDS``),
    so the report words it in its own language; ``reason``: the stored reason, in English."""

    key: str
    site_id: str
    url: str
    title: str | None
    since: datetime
    failure: str | None
    reason: str | None
    run_id: int | None
    news: bool = True


@dataclass(frozen=True)
class DocumentRecovery:
    """A linked document that was failing and was confirmed again (read, or a 304) in a run of the report:
    told once, in that run. ``since``: when its failure began; ``at``: when it was confirmed again."""

    key: str
    site_id: str
    url: str
    title: str | None
    since: datetime
    at: datetime
    run_id: int | None


@dataclass(frozen=True)
class RunInfo:
    """A crawl run a report covers: its status (an interrupted run is said) and start (the report's date).

    ``outage``: the run reached almost no site (``crawler.verdict.is_outage``); ``unreached`` of ``pages``
    fetched pages could not be reached, and the report says so in one line instead of listing them.
    """

    id: int
    status: str
    started_at: datetime
    outage: bool = False
    unreached: int = 0
    pages: int = 0

    @property
    def outage_key(self) -> str:
        """Identifies the news of this run's outage in ``report_notices``, so each reader is told once."""
        return f"outage:{self.id}"


@dataclass(frozen=True)
class Replacement:
    """Discover's proposal for a site whose watched page disappeared (a change of ``crawler.vocab.LOST_KINDS``)."""

    site_id: str
    url: str
    score: float
    confident: bool
    lost_url: str | None = None
    proposal_id: int | None = None

    @property
    def key(self) -> str:
        """Identifies this candidate in ``report_notices``, so each reader is told of it once."""
        return f"replacement:{self.proposal_id}" if self.proposal_id is not None else f"replacement:{self.site_id}"


@dataclass
class ReportData:
    """Everything a report may say, before it is filtered for a reader."""

    changes: list[StoredChange]
    sites: dict[str, SiteRef]
    failures: list[FailureEvent] = field(default_factory=list)
    continuing: list[FailureEvent] = field(default_factory=list)  # failing since before, told already
    runs: list[RunInfo] = field(default_factory=list)
    current_run_id: int | None = None  # changes from other runs are catch-up from failed deliveries
    replacements: dict[str, Replacement] = field(default_factory=dict)  # site id -> candidate for its lost page
    # candidates for pages whose loss an earlier report told (discover ran after it), not told to this reader yet
    later_replacements: list[Replacement] = field(default_factory=list)
    told: frozenset[str] = frozenset()  # notice keys this reader has had already (an outage is told once)
    document_failures: list[DocumentFailure] = field(default_factory=list)  # news and going-on (``news`` False)
    document_recoveries: list[DocumentRecovery] = field(default_factory=list)  # working again in these runs


@dataclass(frozen=True)
class Part:
    """A piece of displayed text: plain (``href`` None), a link, or a diff run (``op`` "=", "-", "+")."""

    text: str
    href: str | None = None
    op: str = "="


@dataclass
class Entry:
    """One line of news: a change on one page, or the same change on several municipalities."""

    kind: str
    label: str
    sites: list[SiteRef]
    pages: list[Part]  # link(s) to the page(s)
    old: list[Part] | None
    new: list[Part] | None
    diff: list[Part] | None
    detected_at: str
    change_ids: list[int]
    replacement: ReplacementLine | None = None  # under page_gone / page_moved: where the page may be now
    summary: list[str] = field(default_factory=list)  # document_changed: what changed inside the document
    excerpts: list[list[Part]] = field(default_factory=list)  # ...and word-level excerpts of the first few


@dataclass(frozen=True)
class ReplacementLine:
    """A replacement candidate as shown: a safe link (or plain text), the score and whether discover is sure."""

    page: Part
    score: str
    confident: bool
    site_id: str
    key: str = ""


@dataclass(frozen=True)
class ReplacementNews:
    """A candidate found after the disappearance was reported: its own line, under its own heading."""

    site: SiteRef
    lost: Part | None
    line: ReplacementLine


@dataclass
class Municipality:
    site: SiteRef
    home: Part | None
    entries: list[Entry]


@dataclass
class County:
    name: str
    municipalities: list[Municipality]


@dataclass
class FailureLine:
    site: SiteRef
    home: Part | None
    since: str
    at: str
    reason: str


@dataclass
class DocumentFailureLine:
    document: Part  # the document's link, named by its title
    reason: str
    since: str


@dataclass
class DocumentFailures:
    """The linked documents of one municipality that began failing, under its name."""

    site: SiteRef
    home: Part | None
    documents: list[DocumentFailureLine]


@dataclass
class DocumentRecoveredLine:
    document: Part  # the document's link, named by its title
    since: str  # local time with its zone named
    at: str


@dataclass
class DocumentRecoveries:
    """The linked documents of one municipality that work again, under its name."""

    site: SiteRef
    home: Part | None
    documents: list[DocumentRecoveredLine]


@dataclass
class Report:
    """The report for one reader, grouped and ordered, ready for the templates."""

    lang: str
    date: str
    subject: str
    total_changes: int
    total_sites: int
    totals: str  # "7 ändringar i 5 kommuner"
    kind_counts: list[tuple[str, str, int]]  # (kind, label, count) in report order (ChangeKind.order)
    shared: list[Entry]
    counties: list[County]
    failing: list[FailureLine]
    recovered: list[FailureLine]
    continuing: int
    warnings: list[str]  # one line per interrupted run and per run that could not reach the sites
    catch_up: int  # changes from earlier runs, sent now because earlier delivery failed
    change_ids: list[int]
    notice_keys: list[str]
    replacement_news: list[ReplacementNews] = field(default_factory=list)
    outage: bool = False  # a run of the report could not reach the sites: "no changes" would not be true
    outage_news: bool = False  # ...and this reader has not been told yet: worth a report of its own
    document_failing: list[DocumentFailures] = field(default_factory=list)  # by municipality, Swedish order
    documents_continuing: int = 0  # linked documents still failing, told before
    document_recovered: list[DocumentRecoveries] = field(default_factory=list)  # by municipality, Swedish order

    @property
    def empty(self) -> bool:
        return self.total_changes == 0
