"""The fixed vocabularies kommunvakt stores and reports: change kinds, fetch outcomes and site states.

Each is a ``StrEnum``, so a member is its stored string: the database, JSON, CSV and
comparisons with plain strings keep working. Everything that depends on a kind or an
outcome (report order, the kind sets, config and CLI validation, label lookups, run
figures) is derived from the members here, so a new change kind is added in
:class:`ChangeKind`, in the diff that detects it (``crawler/diff.py`` or
``crawler/verdict.py``) and in its label texts (``crawler/report/i18n.py``).

The words a person reads for an outcome, a run figure or a site's state are defined here too, once: every
command's output and the web app's English texts take them from here (the Swedish ones are their
translations in ``crawler/web/i18n.py``). One state, one word: a page that answered 404/410 is *not found*; a
municipality without an address is *not located*.
"""

from __future__ import annotations

from enum import StrEnum, unique
from functools import cache


@unique
class KindGroup(StrEnum):
    """What a change is about, and so what its ``old``/``new`` values are."""

    CONTACT = "contact"  # a contact person: dicts of name, role, email, phone
    HISTORY = "history"  # the page's review stamp: ISO dates
    DOCUMENT = "document"  # a linked file: dicts of url, title (document_changed: also sha256, pages, modified)
    ADDRESS = "address"  # where the page is rather than what it says: URLs
    TEXT = "text"  # the page's title and prose: text


@unique
class ChangeKind(StrEnum):
    """Every change kind kommunvakt reports, in report order (most important first).

    >>> ChangeKind.PAGE_GONE == "page_gone", ChangeKind("page_gone").group, ChangeKind.PAGE_GONE.lost
    (True, <KindGroup.ADDRESS: 'address'>, True)
    >>> ChangeKind.CONTACT_ADDED.order, ChangeKind.TEXT_CHANGED.label_key
    (0, 'kind_text_changed')
    """

    CONTACT_ADDED = "contact_added"
    CONTACT_REMOVED = "contact_removed"
    CONTACT_CHANGED = "contact_changed"
    REVIEW_DATE_CHANGED = "review_date_changed"
    DOCUMENT_ADDED = "document_added"
    DOCUMENT_REMOVED = "document_removed"
    DOCUMENT_CHANGED = "document_changed"
    PAGE_MOVED = "page_moved"
    PAGE_GONE = "page_gone"
    ADDRESS_INVALID = "address_invalid"
    PAGE_RESTORED = "page_restored"
    TITLE_CHANGED = "title_changed"
    TEXT_CHANGED = "text_changed"

    @property
    def group(self) -> KindGroup:
        return _KIND_GROUPS[self]

    @property
    def lost(self) -> bool:
        """The page went away, so discovery looks for it again (``page_moved`` only when the new address
        is on another host: see crawler/discover/proposals.py)."""
        return self in _LOST

    @property
    def order(self) -> int:
        """The kind's place in a report (and in a page's list of changes): the order defined above."""
        return _kind_order()[self]

    @property
    def label_key(self) -> str:
        """The key of the kind's label in the report's texts (``KIND_LABELS`` in crawler/report/i18n.py)."""
        return f"kind_{self.value}"

    @classmethod
    def of(cls, kind: str) -> ChangeKind | None:
        """The member for a stored string; None for one no longer (or never) a kind."""
        try:
            return cls(kind)
        except ValueError:
            return None


#: Each kind's group: kept beside the members (a test checks that every kind has one).
_KIND_GROUPS: dict[ChangeKind, KindGroup] = {
    ChangeKind.CONTACT_ADDED: KindGroup.CONTACT,
    ChangeKind.CONTACT_REMOVED: KindGroup.CONTACT,
    ChangeKind.CONTACT_CHANGED: KindGroup.CONTACT,
    ChangeKind.REVIEW_DATE_CHANGED: KindGroup.HISTORY,
    ChangeKind.DOCUMENT_ADDED: KindGroup.DOCUMENT,
    ChangeKind.DOCUMENT_REMOVED: KindGroup.DOCUMENT,
    ChangeKind.DOCUMENT_CHANGED: KindGroup.DOCUMENT,
    ChangeKind.PAGE_MOVED: KindGroup.ADDRESS,
    ChangeKind.PAGE_GONE: KindGroup.ADDRESS,
    ChangeKind.ADDRESS_INVALID: KindGroup.ADDRESS,
    ChangeKind.PAGE_RESTORED: KindGroup.ADDRESS,
    ChangeKind.TITLE_CHANGED: KindGroup.TEXT,
    ChangeKind.TEXT_CHANGED: KindGroup.TEXT,
}
_LOST = frozenset({ChangeKind.PAGE_MOVED, ChangeKind.PAGE_GONE, ChangeKind.ADDRESS_INVALID})


@cache
def _kind_order() -> dict[ChangeKind, int]:
    return {kind: index for index, kind in enumerate(ChangeKind)}


def kind_order(kind: str) -> int:
    """A stored kind's place in a report; one that is no longer a kind goes last."""
    member = ChangeKind.of(kind)
    return member.order if member is not None else len(ChangeKind)


def kinds_in(*groups: KindGroup) -> frozenset[ChangeKind]:
    """The kinds of these groups."""
    return frozenset(k for k in ChangeKind if k.group in groups)


#: Every kind's string, in report order: for CLI choices, config validation and the JSON schema.
CHANGE_KINDS: tuple[str, ...] = tuple(k.value for k in ChangeKind)
#: ``old``/``new`` are URLs, and ``reprocess`` (which recomputes content changes from stored versions)
#: leaves these kinds as they are.
ADDRESS_KINDS: frozenset[ChangeKind] = kinds_in(KindGroup.ADDRESS)
DOCUMENT_KINDS: frozenset[ChangeKind] = kinds_in(KindGroup.DOCUMENT)
CONTACT_KINDS: frozenset[ChangeKind] = kinds_in(KindGroup.CONTACT)
#: Found by reading a linked file, not by comparing two versions of the page: ``reprocess`` leaves them as they are.
FILE_KINDS: frozenset[ChangeKind] = frozenset({ChangeKind.DOCUMENT_CHANGED})
#: The watched page went away: see :attr:`ChangeKind.lost`.
LOST_KINDS: frozenset[ChangeKind] = frozenset(k for k in ChangeKind if k.lost)


@unique
class OutcomeGroup(StrEnum):
    """What a fetch outcome says about its page."""

    GOOD = "good"  # the page answered as itself: its validators are kept, a candidate address is verified
    BAD = "bad"  # the page could not be checked or is missing: starts or continues a failure
    INVALID = "invalid"  # a candidate address that is not the page: reported once, handed to discovery
    NOT_COUNTED = "not_counted"  # a fetch in an outage on our side: says nothing about the page


@unique
class Outcome(StrEnum):
    """The outcome of one page's fetch in one run (urlwatch-style fixed vocabulary).

    ``invalid``: a candidate address that turned out not to be the page (404/410, soft 404, home page);
    ``unreached``: a network failure in a run that reached almost no site (an outage on our side: see
    ``crawler.verdict.is_outage``), not the site's fault.

    >>> Outcome.NOT_MODIFIED.figure, Outcome.FAILED.fetched, Outcome("missing").group
    ('unchanged', False, <OutcomeGroup.BAD: 'bad'>)
    """

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NOT_MODIFIED = "not_modified"
    FAILED = "failed"
    MISSING = "missing"
    INVALID = "invalid"
    UNREACHED = "unreached"

    @property
    def group(self) -> OutcomeGroup:
        return _OUTCOME_GROUPS[self]

    @property
    def figure(self) -> str:
        """The run figure (a column of ``crawl_runs``) the outcome counts toward."""
        return "unchanged" if self is Outcome.NOT_MODIFIED else self.value

    @property
    def fetched(self) -> bool:
        """Counted in the run's ``fetched`` figure: the site answered with something about the page."""
        return self not in (Outcome.FAILED, Outcome.UNREACHED)

    @property
    def good(self) -> bool:
        return self.group is OutcomeGroup.GOOD

    @property
    def bad(self) -> bool:
        return self.group is OutcomeGroup.BAD

    @property
    def label_key(self) -> str:
        """The key of the outcome's label in the web app's texts (crawler/web/i18n.py)."""
        return f"outcome_{self.value}"

    @property
    def word(self) -> str:
        """How a person reads the outcome (the stored string stays ``missing`` and so on).

        >>> Outcome.MISSING.word, Outcome.UNREACHED.word
        ('not found', 'not reached')
        """
        return _OUTCOME_WORDS[self]


#: Each outcome's group: kept beside the members (a test checks that every outcome has one).
_OUTCOME_GROUPS: dict[Outcome, OutcomeGroup] = {
    Outcome.NEW: OutcomeGroup.GOOD,
    Outcome.CHANGED: OutcomeGroup.GOOD,
    Outcome.UNCHANGED: OutcomeGroup.GOOD,
    Outcome.NOT_MODIFIED: OutcomeGroup.GOOD,
    Outcome.FAILED: OutcomeGroup.BAD,
    Outcome.MISSING: OutcomeGroup.BAD,
    Outcome.INVALID: OutcomeGroup.INVALID,
    Outcome.UNREACHED: OutcomeGroup.NOT_COUNTED,
}

#: What a person reads for each outcome (the stored strings are for programs).
_OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.NEW: "new",
    Outcome.CHANGED: "changed",
    Outcome.UNCHANGED: "unchanged",
    Outcome.NOT_MODIFIED: "unchanged (304)",
    Outcome.FAILED: "failed",
    Outcome.MISSING: "not found",
    Outcome.INVALID: "invalid address",
    Outcome.UNREACHED: "not reached",
}


def outcomes_in(*groups: OutcomeGroup) -> tuple[Outcome, ...]:
    """The outcomes of these groups, in definition order (a tuple: SQL ``IN`` lists take it as it is)."""
    return tuple(o for o in Outcome if o.group in groups)


#: Every outcome's string: the stored vocabulary of ``fetches.outcome``.
OUTCOMES: tuple[str, ...] = tuple(o.value for o in Outcome)
#: The outcomes that start or continue a page's failure (report news, ``failing_since``).
BAD_OUTCOMES: tuple[Outcome, ...] = outcomes_in(OutcomeGroup.BAD)
#: The outcomes a run's summary lists as problems: bad ones and addresses that are not the page.
PROBLEM_OUTCOMES: tuple[Outcome, ...] = outcomes_in(OutcomeGroup.BAD, OutcomeGroup.INVALID)
#: The run figures counted from outcomes, in the order ``storage.queries.run_figures`` gives them.
OUTCOME_FIGURES: tuple[str, ...] = tuple(dict.fromkeys(o.figure for o in Outcome))


@unique
class SiteState(StrEnum):
    """What kommunvakt knows of a municipality's address (``kommunvakt sites``, the web app).

    ``confirmed``/``candidate`` come from the sites file, ``verified``/``invalid`` from a candidate's first
    crawl (``storage.models.URL_STATES``), ``proposed`` from a discover proposal waiting for an analyst, and
    ``not_located``: no address at all.

    >>> SiteState.NOT_LOCATED.word, SiteState("candidate").word
    ('not located', 'candidate')
    """

    CONFIRMED = "confirmed"
    CANDIDATE = "candidate"
    VERIFIED = "verified"
    INVALID = "invalid"
    PROPOSED = "proposed"
    NOT_LOCATED = "not_located"

    @property
    def word(self) -> str:
        """How a person reads the state."""
        return self.value.replace("_", " ")


#: The states of an address itself (stored as ``pages.url_state``): the ones a municipality with a url is in.
ADDRESS_STATES: tuple[SiteState, ...] = (
    SiteState.CONFIRMED,
    SiteState.CANDIDATE,
    SiteState.VERIFIED,
    SiteState.INVALID,
)
#: Only a crawl makes these states, so a tally names them only when there are any.
CRAWLED_STATES: frozenset[SiteState] = frozenset({SiteState.VERIFIED, SiteState.INVALID})


def figure_word(figure: str) -> str:
    """How a person reads a run figure (a column of ``crawl_runs``): its outcome's word, or ``fetched``,
    or the state of the municipalities it counts.

    >>> [figure_word(f) for f in ("fetched", "missing", "not_located", "unreached", "invalid")]
    ['fetched', 'not found', 'not located', 'not reached', 'invalid address']
    """
    if figure == "not_located":
        return SiteState.NOT_LOCATED.word
    return outcome_word(figure)


def outcome_word(outcome: str) -> str:
    """A stored outcome's word (see :attr:`Outcome.word`); a string that is no outcome stays as it is."""
    member = next((o for o in Outcome if o.value == outcome), None)
    return member.word if member is not None else outcome
