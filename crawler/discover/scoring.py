"""Score candidate pages as "the municipality's page about international work".

Pure functions over :class:`Candidate` evidence (URL, link texts pointing at
it, and, when fetched, its title, headings and text). Points are added for
Swedish topic words where they weigh most (URL slug, title, link text) and
for topic vocabulary in the text; the sum is then multiplied down for signs
of a decoy (news item, event, English page, adoption, a school's or an
association's page, not HTML), for a navigation page (links and a line of its own: the content to
watch is below it) and for a text that never speaks of international work.
Every rule that fires adds a reason, so an analyst can see why.

An English-language page (``/en/``, ``/english/``, an ``en.`` host, English
text in a Swedish template) is never the confident answer and never ranked
above a Swedish candidate: the page kommunvakt watches is the Swedish one. The
best English page is proposed apart (``Proposal.english``), and takes the
Swedish slot only when a site has nothing Swedish to offer.

    >>> c = Candidate("https://k.se/kommun/internationellt-arbete/", title="Internationellt arbete - K",
    ...               link_texts=("Internationellt arbete",), fetched=True, html=True)
    >>> s = score_candidate(c, site_name="K")
    >>> s.score > 0.7
    True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

#: A proposal at or above this score (and clear of the runner-up) is "confident".
CONFIDENT_SCORE = 0.70
CONFIDENT_MARGIN = 0.12
_SCALE = 4.0  # raw points -> 0..1: 1 - exp(-raw / _SCALE)

#: Slugs (ASCII-folded) that name the topic by themselves.
TOPIC_SLUGS = frozenset(
    {
        "internationellt-arbete",
        "internationella-arbetet",
        "eu-och-internationellt",
        "eu-och-internationellt-arbete",
        "internationellt-och-eu",
        "internationella-samarbeten",
        "internationellt-samarbete",
        "internationell-samverkan",
        "internationella-fragor",
        "internationella-relationer",
        "internationellt",
        "vanorter",
        "vanort",
        "vanortssamarbete",
        "eu-samarbete",
        "europa-och-internationellt",
    }
)
#: Titles (case-folded) that name the topic by themselves.
TOPIC_TITLES = frozenset(
    {
        "internationellt arbete",
        "internationella arbetet",
        "eu och internationellt",
        "eu & internationellt",
        "eu- och internationellt",
        "eu och internationellt arbete",
        "internationellt och eu",
        "internationella samarbeten",
        "internationellt samarbete",
        "internationell samverkan",
        "internationella frågor",
        "internationella relationer",
        "internationellt",
        "vänorter",
        "våra vänorter",
        "vänort",
        "vänortssamarbete",
        "eu-samarbete",
        "europa och internationellt",
    }
)
#: Slug words that say nothing about the topic ("vara-vanorter" names what "vanorter" names).
_SLUG_STOP = frozenset({"och", "i", "for", "med", "vara", "var", "kommunens", "and", "the"})
#: Words that join a topic name without naming the topic alone ("EU och internationellt").
_TOPIC_PARTS = frozenset({"eu", "europa"})
TOPIC_SQUASHED = frozenset(s.replace("-", "") for s in TOPIC_SLUGS)
TOPIC_WORDSETS = frozenset(frozenset(s.split("-")) - _SLUG_STOP for s in TOPIC_SLUGS)
#: Last segments a CMS adds that name no page ("/vanorter/Sidor/default.aspx" is the "vanorter" page).
_TECHNICAL_SEGMENTS = frozenset({"default", "index", "sidor", "pages", "browse", "start", "print", "printable"})
_TOPIC_WORD = re.compile(r"internation|vänort|vanort|\beu\b|\beu-|europa")
#: Distinct words of the field's vocabulary; their number in the text adds points.
BODY_TERMS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "internationellt arbete": r"internationell[at]? (arbete|arbetet|samarbete|samverkan)",
        "vänorter": r"vänort",
        "EU-projekt": r"eu-?projekt|eu-finansi|projektmedel från eu",
        "internationell strategi": r"(internationell[a]? strategi|strategi för internationell|internationellt program)",
        "samordnare": r"(internationell[a]?|eu-) ?samordnare(n)?",
        "EU": r"\beu\b|europeiska unionen|eu:s",
        "Europa": r"europa|europeisk",
        "partnerskap": r"partner(skap|städer|kommun)|samarbetspartner",
        "nätverk": r"nätverk",
        "Interreg/Erasmus": r"interreg|erasmus|europa direkt|leader",
    }.items()
}

ENGLISH_REASON = "an English-language page"
#: An English page's score is its points times this: below every Swedish page of the same worth. In
#: ``score_candidate`` it applies last, to all the points alike (the hub rule's too), so a start page of the
#: English pages never outranks the English page about the topic only for being their parent.
ENGLISH_WEIGHT = 0.2
#: Terms only a text about international work uses; "EU" and "Europa" alone are also any EU election's.
SPECIFIC_TERMS = frozenset(BODY_TERMS) - {"EU", "Europa"}

# Signs of a decoy: (name, multiplier, pattern on the folded URL path, pattern on title+h1).
_DECOYS: tuple[tuple[str, float, re.Pattern[str] | None, re.Pattern[str] | None], ...] = (
    (
        "looks like a news item",
        0.3,
        re.compile(r"/(nyheter|nyhet|aktuellt|press|pressmeddelanden|nyhetsarkiv|news)/|/20\d\d[/-]|-20\d\d-\d\d"),
        None,
    ),
    (
        "looks like an event",
        0.25,
        re.compile(r"/(evenemang|kalender|kalendarium|events?)/|kvinnodagen"),
        re.compile(r"kvinnodagen|evenemang|\bdagen\b"),
    ),
    ("about adoption", 0.15, re.compile(r"adoption"), re.compile(r"adoption")),
    # a club's page ("Vänortsföreningen", "Föreningen Norden") is the club's work, not the municipality's
    ("an association's page", 0.4, re.compile(r"forening"), re.compile(r"forening")),
    (
        "a school's page",
        0.3,
        re.compile(r"/(skolor|skola|grundskola|grundskolor|gymnasieskola|gymnasium|forskola)/|gymnasiet|skolan/"),
        re.compile(r"skolan\b|gymnasiet\b|gymnasium\b|\bskola\b"),
    ),
    # help for companies to export ("Internationalisering för företag") is business support, not the
    # municipality's own international work; only the page's own name says so, not a section it sits in
    (
        "business support",
        0.4,
        re.compile(r"export[^/]*/$|for-foretag/$|/stod-till-foretag/[^/]+/$|/foretagsstod/[^/]+/$"),
        re.compile(r"export|\bforetag"),
    ),
    (
        ENGLISH_REASON,
        ENGLISH_WEIGHT,
        re.compile(r"/(en|eng|english|inenglish|in-english[^/]*|other-languages|languages|deutsch)(/|$)"),
        None,
    ),
)
_ENGLISH_HOST = re.compile(r"^(en|eng|english)\.")  # "english.k.se": an English site beside the Swedish one
_NON_HTML = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|zip|jpe?g|png|gif|svg|mp4)$")
_ENGLISH_WORDS = re.compile(r"\b(the|and|of|our|with|we|is|are|for|cooperation|international|municipality)\b")
_SWEDISH_WORDS = re.compile(r"\b(och|att|det|som|för|med|är|av|på|till|vi|har|kommunen|en|ett)\b")
#: Short link texts naming the section where a municipality keeps pages about itself.
_SECTION_TEXT = re.compile(r"^(kommun|om kommunen|om oss|politik|demokrati|organisation|styrning|så arbetar vi)")
NAVIGATION_WORDS = 30  # a page with links and fewer words of its own than this is a navigation page
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


@dataclass
class Candidate:
    """Everything known about one URL of a site (mutable while the crawl collects evidence)."""

    url: str
    link_texts: tuple[str, ...] = ()
    title: str = ""
    h1: str = ""
    headings: tuple[str, ...] = ()
    text: str = ""
    lang: str = ""
    fetched: bool = False
    html: bool = True
    status: int | None = None
    own_words: int | None = None  # words outside links in the main part (None: not fetched)
    main_links: int = 0
    search_rank: int | None = None  # place among the site search's answers for the topic
    trail: tuple[str, ...] = ()  # the breadcrumb's steps above the page (texts), home first
    trail_urls: tuple[str, ...] = ()  # and where they link


@dataclass(frozen=True)
class Scored:
    url: str
    score: float
    reasons: tuple[str, ...]
    fetched: bool

    @property
    def lang(self) -> str:
        """ "en" for an English-language page (kept apart from the Swedish ones), else "sv"."""
        return "en" if ENGLISH_REASON in self.reasons else "sv"


@dataclass(frozen=True)
class Proposal:
    """The verdict for one site: best candidate first (``url`` None when nothing scored)."""

    site: str
    url: str | None
    score: float
    confident: bool
    reasons: tuple[str, ...]
    candidates: tuple[Scored, ...] = field(default=())
    #: the best English-language page, kept apart from the Swedish slot (``url``) it never takes
    #: while a Swedish candidate exists; None when the site showed none
    english: str | None = None

    @property
    def lang(self) -> str:
        """The language of the proposed page: "en" only when the site showed nothing Swedish."""
        return "en" if self.url is not None and self.url == self.english else "sv"

    def as_json(self, limit: int = 5) -> dict[str, object]:
        return {
            "site": self.site,
            "url": self.url,
            "score": round(self.score, 3),
            "confident": self.confident,
            "reasons": list(self.reasons),
            "candidates": [{"url": c.url, "score": round(c.score, 3), "lang": c.lang} for c in self.candidates[:limit]],
            "lang": self.lang if self.url else None,
            "english": self.english,
        }


def fold(text: str) -> str:
    return text.casefold().translate(_FOLD)


def path_segments(url: str) -> list[str]:
    """Folded path segments with CMS suffixes removed ("internationellt-arbete.4.12ab.html" -> slug)."""
    segments = []
    for raw in unquote(urlsplit(url).path).split("/"):
        if not raw:
            continue
        seg = fold(raw)
        seg = re.sub(r"(\.[a-z]?\d+(\.[0-9a-f]+)*)?\.(html?|aspx|php|jsp|printable)$", "", seg)
        seg = re.sub(r"^\d+-", "", seg)
        seg = re.sub(r"(?<=[a-z])[-_]*\d+$", "", seg)  # "internationellt-arbete2", "vanorter__4040"
        seg = re.sub(r"[-_]+", "-", seg).strip("-")
        segments.append(seg)
    return segments


def topic_segments(url: str) -> list[str]:
    """Path segments without the CMS's trailing technical ones ("Sidor/default.aspx")."""
    segments = path_segments(url)
    while len(segments) > 1 and segments[-1] in _TECHNICAL_SEGMENTS:
        segments.pop()
    return segments


def is_topic_slug(segment: str) -> bool:
    """A slug that names the topic: one of TOPIC_SLUGS, squashed ("euochinternationelltarbete"), reworded,
    or topic names joined by "och" ("vanorter-och-internationellt-samarbete") or by a separator the slug
    lost ("Internationellt arbete - vänorter" -> "internationellt-arbete-vanorter")."""
    if _one_topic_slug(segment):
        return True
    parts = segment.split("-och-")
    named = [p for p in parts if _one_topic_slug(p)]
    if len(parts) > 1 and bool(named) and all(_one_topic_slug(p) or p in _TOPIC_PARTS for p in parts):
        return True
    words = [w for w in segment.split("-") if w and w != "och"]
    return 1 < len(words) <= _MAX_JOINED_WORDS and _joined_topics(tuple(words))


_MAX_JOINED_WORDS = 8


@lru_cache(maxsize=20_000)
def _joined_topics(words: tuple[str, ...], named: bool = False) -> bool:
    """``words`` cut into two or more runs, each a topic slug or a joining word ("eu"), one at least a topic."""
    if not words:
        return named
    for cut in range(1, len(words) + 1 if named else len(words)):
        head = "-".join(words[:cut])
        if _one_topic_slug(head) and _joined_topics(words[cut:], True):
            return True
        if head in _TOPIC_PARTS and _joined_topics(words[cut:], named):
            return True
    return False


def _one_topic_slug(segment: str) -> bool:
    if segment in TOPIC_SLUGS or segment.replace("-", "") in TOPIC_SQUASHED:
        return True
    words = frozenset(w for w in segment.split("-") if w) - _SLUG_STOP
    return bool(words) and words in TOPIC_WORDSETS


def is_topic_title(title: str) -> bool:
    """A (case-folded) title that names the topic: one of TOPIC_TITLES, or topic names joined by "och",
    "&" or commas ("vänorter och internationellt samarbete")."""
    if title in TOPIC_TITLES:
        return True
    parts = _title_parts(title)
    named = [p for p in parts if p in TOPIC_TITLES]
    return len(parts) > 1 and bool(named) and all(p in TOPIC_TITLES or p in _TOPIC_PARTS for p in parts)


def _title_parts(title: str) -> list[str]:
    """A title cut where names are joined: "och", "&", a dash between spaces, a comma."""
    return [p.strip() for p in re.split(r"\s+(?:och|&|[-–])\s+|,\s*", title)]


def names_several_topics(cand: Candidate) -> bool:
    """The page's own name joins two topic names ("Internationellt arbete - vänorter", a slug
    "internationellt-arbete-och-vanorter"): the page over its parts, where a page naming one part is one of them."""
    for text in (cand.h1, cand.title):
        if sum(p in TOPIC_TITLES for p in _title_parts(text.casefold().strip())) >= 2:
            return True
    segments = topic_segments(cand.url)
    words = [w for w in (segments[-1] if segments else "").split("-") if w and w != "och"]
    return (
        1 < len(words) <= _MAX_JOINED_WORDS
        and not _one_topic_slug("-".join(words))
        and _joined_count(tuple(words)) >= 2
    )


@lru_cache(maxsize=20_000)
def _joined_count(words: tuple[str, ...]) -> int:
    """The most topic slugs ``words`` cut into, every run a topic slug or a joining word; -1 when none fits."""
    if not words:
        return 0
    best = -1
    for cut in range(1, len(words) + 1):
        rest = _joined_count(words[cut:])
        head = "-".join(words[:cut])
        if rest < 0:
            continue
        if _one_topic_slug(head):
            best = max(best, rest + 1)
        elif head in _TOPIC_PARTS:
            best = max(best, rest)
    return best


def _is_navigation(cand: Candidate) -> bool:
    return cand.fetched and cand.own_words is not None and cand.main_links > 0 and cand.own_words < NAVIGATION_WORDS


def clean_title(title: str, site_name: str = "") -> str:
    """A page title without its " - Site name" / " | Kommun" suffix, case-folded."""
    parts = re.split(r"\s+[-–|:]\s+", title.strip())
    head = parts[0] if parts else ""
    if site_name and fold(head) == fold(site_name) and len(parts) > 1:
        head = parts[1]
    return head.casefold().strip()


def _topical(text: str) -> bool:
    return bool(_TOPIC_WORD.search(text.casefold()))


@lru_cache(maxsize=200_000)
def link_prescore(url: str, link_text: str = "", search_rank: int | None = None) -> float:
    """How much a URL is worth fetching, before it is fetched (URL, link text, place in the site search)."""
    segments = topic_segments(url)
    if _NON_HTML.search(urlsplit(url).path.lower()):
        return 0.0
    points = 0.0
    last = segments[-1] if segments else ""
    if is_topic_slug(last):
        points += 3
    elif "internation" in last or "vanort" in last or last.startswith("eu-") or last == "eu":
        points += 1.5
    elif any(is_topic_slug(s) for s in segments):
        points += 0.8
    text = link_text.casefold().strip()
    if is_topic_title(text):
        points += 2
    elif _topical(text):
        points += 1
    if search_rank is not None:
        points += max(0.8, 2.0 - 0.15 * search_rank)  # the site's own search answered it for the topic
    if points == 0 and (
        (len(segments) <= 2 and any(re.search(r"kommun|politik|styrning|organisation", s) for s in segments))
        or (len(text.split()) <= 4 and _SECTION_TEXT.match(text))
    ):
        points += 0.2  # a section page that may list the topic page
    paths = _decoy_paths(url, segments)
    for _name, mult, url_rx, _title_rx in _DECOYS:
        if url_rx is not None and any(url_rx.search(p) for p in paths):
            points *= mult
    return points


def score_candidate(cand: Candidate, site_name: str = "", others: Sequence[Candidate] = ()) -> Scored:
    """Score one candidate; ``others`` (the site's other topical candidates) feed the hub rule."""
    reasons: list[str] = []
    raw = 0.0
    path = urlsplit(cand.url).path
    if not cand.html or _NON_HTML.search(path.lower()):
        return Scored(cand.url, 0.0, ("not an HTML page",), cand.fetched)
    if cand.fetched and cand.status is not None and cand.status >= 400:
        return Scored(cand.url, 0.0, (f"answered HTTP {cand.status}",), cand.fetched)
    name = _name_words(site_name)
    titles, title, by_title = _title_points(cand, site_name, name)
    for points, reason in (_url_points(cand, name), by_title, _link_points(cand)):
        if reason:
            raw += points
            reasons.append(reason)
    if reasons and names_several_topics(cand):
        raw += 0.5
        reasons.append("names several parts of the topic")
    topical_headings = [h for h in cand.headings if _topical(h)]
    if topical_headings:
        raw += min(1.0, 0.5 * len(topical_headings))
        reasons.append(f"{len(topical_headings)} topical heading(s)")
    body = cand.text.casefold()
    found = [name for name, rx in BODY_TERMS.items() if rx.search(body)]
    if found:
        raw += min(2.5, 0.4 * len(found))
        reasons.append("text: " + ", ".join(found))
    if cand.fetched and cand.text and not SPECIFIC_TERMS & set(found):
        raw *= 0.5
        reasons.append("the text does not speak of international work")
    raw, decoy_reasons = _decoy_penalties(cand, path_segments(cand.url), " / ".join(titles) or title, raw)
    reasons += decoy_reasons
    if _is_navigation(cand):
        raw *= 0.5
        reasons.append("a navigation page (links, little text of its own)")
    raw = _hub_rule(cand, others, raw, reasons)
    if not cand.fetched:
        raw *= 0.6
        reasons.append("not fetched (URL and links only)")
    if ENGLISH_REASON in reasons:
        raw *= ENGLISH_WEIGHT
    return Scored(cand.url, 1 - math.exp(-raw / _SCALE) if raw > 0 else 0.0, tuple(reasons), cand.fetched)


def _url_points(cand: Candidate, name: frozenset[str]) -> tuple[float, str]:
    """What the address says: the topic as its last slug, a mention of it, or a topic path above it."""
    segments = [_without_name(seg, name, "-") for seg in topic_segments(cand.url)]
    last = segments[-1] if segments else ""
    if is_topic_slug(last):
        return 3, f"URL names the topic ('{last}')"
    if "internation" in last or "vanort" in last or last.startswith("eu-"):
        return 1.5, f"URL mentions the topic ('{last}')"
    if any(is_topic_slug(s) for s in segments[:-1]) or any(is_topic_title(_crumb(t)) for t in cand.trail):
        return 0.5, "under a topic path"
    return 0, ""


def _title_points(cand: Candidate, site_name: str, name: frozenset[str]) -> tuple[list[str], str, tuple[float, str]]:
    """The page's titles, the one that counts, and its points and reason.

    The h1 and the <title> may differ (a CMS's <title> can be generic, or the menu's short name): the
    stronger one counts.
    """
    named = (clean_title(cand.h1, site_name), clean_title(cand.title, site_name))
    titles = [t for t in dict.fromkeys(_without_name(t, name, " ") for t in named) if t]
    title = next((t for t in titles if is_topic_title(t)), next((t for t in titles if _topical(t)), ""))
    if is_topic_title(title):
        return titles, title, (3, f"title '{title}'")
    if title:
        return titles, title, (1.5, f"title mentions the topic ('{title}')")
    return titles, (titles[0] if titles else ""), (0, "")


def _link_points(cand: Candidate) -> tuple[float, str]:
    """What the links to the page call it."""
    texts = {t.casefold().strip() for t in cand.link_texts if t.strip()}
    named_by = sorted(t for t in texts if is_topic_title(t))
    if named_by:
        return 2, f"linked as '{named_by[0]}'"
    if any(_topical(t) for t in texts):
        return 1, "link text mentions the topic"
    return 0, ""


_NAME_STOP = frozenset({"kommun", "kommuns", "stad", "stads", "region", "regions"})


def _name_words(site_name: str) -> frozenset[str]:
    """The municipality's own name as slug words, with its genitive ("kalmar", "kalmars")."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(site_name)) if w and w not in _NAME_STOP]
    return frozenset(words) | frozenset(f"{w}s" for w in words)


def _without_name(text: str, name: frozenset[str], sep: str) -> str:
    """A slug or title without the municipality's name: "kalmars-vanorter" names what "vanorter" names,
    as "vara-vanorter" (our twin towns) does; a text that is only the name is kept."""
    if not name:
        return text
    kept = [w for w in text.split(sep) if fold(w) not in name]
    return sep.join(kept) if kept else text


def _decoy_paths(url: str, segments: list[str], trail: Sequence[str] = ()) -> tuple[str, ...]:
    """The path as slugs ("/a/b/") and as written (a date that opens a slug, "/2018-05-30-...", is a news
    sign), and the breadcrumb (the page's own name last) read as a path: "Barn och utbildning > Grundskola >
    Internationella Engelska Skolan" says what "/4711.html" hides."""
    paths: tuple[str, ...] = ("/" + "/".join(segments) + "/", fold(unquote(urlsplit(url).path)))
    if trail:
        paths += ("/" + "".join(f"{re.sub(r'[^a-z0-9]+', '-', fold(t)).strip('-')}/" for t in trail),)
    return paths


def _crumb(text: str) -> str:
    return text.casefold().strip()


def _decoy_penalties(cand: Candidate, segments: list[str], title: str, raw: float) -> tuple[float, list[str]]:
    reasons: list[str] = []
    paths = _decoy_paths(cand.url, segments, (*cand.trail, cand.h1 or cand.title) if cand.trail else ())
    folded_title = fold(title)
    for name, mult, url_rx, title_rx in _DECOYS:
        url_hit = url_rx is not None and any(url_rx.search(p) for p in paths)
        if url_hit or (title_rx is not None and title_rx.search(folded_title)):
            raw *= 1.0 if name == ENGLISH_REASON else mult  # the English weight applies last (score_candidate)
            reasons.append(name)
    english = cand.lang == "en" or _english_text(cand.text) or bool(_ENGLISH_HOST.match(urlsplit(cand.url).netloc))
    if english and ENGLISH_REASON not in reasons:
        reasons.append(ENGLISH_REASON)
    return raw, reasons


def _english_text(text: str) -> bool:
    """English words outnumber Swedish ones two to one (a template's lang="sv" does not make a text Swedish)."""
    sample = text.casefold()[:3000]
    english = len(_ENGLISH_WORDS.findall(sample))
    return english >= 8 and english > 2 * len(_SWEDISH_WORDS.findall(sample))


def _tree_path(url: str) -> str:
    """The page's place in the site tree: "/a/b.html" and "/a/b/" both are "/a/b/", the parent of "/a/b/c.html"."""
    return "/" + "".join(f"{s}/" for s in path_segments(url))


def _hub_rule(cand: Candidate, others: Sequence[Candidate], raw: float, reasons: list[str]) -> float:
    """The topic page is the parent of its sub-pages (EU-projekt, Vänorter...), not one of them;
    unless the parent is only a navigation page, which holds none of the content to watch.

    Parent and child are read from the paths ("/a/" holds "/a/b/"), and from the breadcrumbs where
    the paths say nothing ("/4711.html"): a page whose breadcrumb ends in another is its child."""
    mine = _tree_path(cand.url)
    children = 0
    parent_is_topic = False

    def above(other: Candidate) -> bool:
        theirs = _tree_path(other.url)
        return (mine.startswith(theirs) and theirs != mine) or other.url in cand.trail_urls

    for other in others:
        if other.url == cand.url:
            continue
        theirs = _tree_path(other.url)
        by_path = theirs.startswith(mine) and theirs != mine and _topical(theirs.replace("-", " "))
        by_crumb = other.trail_urls[-1:] == (cand.url,) and (_topical(theirs) or _topical(other.h1 or other.title))
        if by_path or by_crumb:
            children += 1
        elif above(other) and other.fetched and not _is_navigation(other):
            segs = topic_segments(other.url)
            named = is_topic_title(clean_title(other.h1 or other.title))
            if (segs and is_topic_slug(segs[-1])) or (named and other.url in cand.trail_urls):
                parent_is_topic = True
    if children and not _is_navigation(cand):
        raw += min(1.0, 0.5 * children)
        reasons.append(f"parent of {children} topical page(s)")
    if parent_is_topic:
        raw *= 0.7
        reasons.append("below a topic page")
    return raw


def propose(site: str, candidates: Iterable[Candidate], site_name: str = "") -> Proposal:
    """Rank a site's candidates and decide whether the best one is confident."""
    pool = list(candidates)
    topical = [c for c in pool if link_prescore(c.url) > 0 or _topical(c.title)]
    scored = sorted((score_candidate(c, site_name, topical) for c in pool), key=lambda s: (-s.score, len(s.url), s.url))
    scored = [s for s in scored if s.score > 0]
    if not scored:
        return Proposal(site, None, 0.0, False, ("no candidate page found",), ())
    # The Swedish slot: every Swedish candidate before every English one, whatever their scores.
    english = [s for s in scored if s.lang == "en"]
    scored = [s for s in scored if s.lang == "sv"] + english
    best = scored[0]
    runner_up = scored[1].score if len(scored) > 1 and scored[1].lang == "sv" else 0.0
    confident = (
        best.fetched
        and best.score >= CONFIDENT_SCORE
        and best.score - runner_up >= CONFIDENT_MARGIN
        and ENGLISH_REASON not in best.reasons  # an English page is at most a lead, never the page to watch
    )
    lead = english[0].url if english else None
    return Proposal(site, best.url, best.score, confident, best.reasons, tuple(scored), lead)
