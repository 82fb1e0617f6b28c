"""Score candidate pages as "the municipality's page about international work".

Pure functions over :class:`Candidate` evidence (URL, link texts pointing at
it, and, when fetched, its title, headings and text). Points are added for
Swedish topic words where they weigh most (URL slug, title, link text) and
for topic vocabulary in the text; the sum is then multiplied down for signs
of a decoy (news item, event, English page, adoption, a school's page, not
HTML). Every rule that fires adds a reason, so an analyst can see why.

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
    (
        "a school's page",
        0.3,
        re.compile(r"/(skolor|skola|grundskola|grundskolor|gymnasieskola|gymnasium|forskola)/|gymnasiet|skolan/"),
        re.compile(r"skolan\b|gymnasiet\b|gymnasium\b|\bskola\b"),
    ),
    ("an English-language page", 0.2, re.compile(r"^/(en|english|in-english)(/|$)"), None),
)
_NON_HTML = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|zip|jpe?g|png|gif|svg|mp4)$")
_ENGLISH_WORDS = re.compile(r"\b(the|and|of|our|with|cooperation|international|municipality)\b")
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


@dataclass(frozen=True)
class Scored:
    url: str
    score: float
    reasons: tuple[str, ...]
    fetched: bool


@dataclass(frozen=True)
class Proposal:
    """The verdict for one site: best candidate first (``url`` None when nothing scored)."""

    site: str
    url: str | None
    score: float
    confident: bool
    reasons: tuple[str, ...]
    candidates: tuple[Scored, ...] = field(default=())

    def as_json(self, limit: int = 5) -> dict[str, object]:
        return {
            "site": self.site,
            "url": self.url,
            "score": round(self.score, 3),
            "confident": self.confident,
            "reasons": list(self.reasons),
            "candidates": [{"url": c.url, "score": round(c.score, 3)} for c in self.candidates[:limit]],
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
        seg = re.sub(r"(\.\d+(\.[0-9a-f]+)*)?\.(html?|aspx|php)$", "", seg)
        seg = re.sub(r"^\d+-", "", seg)
        segments.append(seg)
    return segments


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
def link_prescore(url: str, link_text: str = "") -> float:
    """How much a URL is worth fetching, before it is fetched (URL and link text only)."""
    segments = path_segments(url)
    if _NON_HTML.search(urlsplit(url).path.lower()):
        return 0.0
    points = 0.0
    last = segments[-1] if segments else ""
    if last in TOPIC_SLUGS:
        points += 3
    elif "internation" in last or "vanort" in last or last.startswith("eu-") or last == "eu":
        points += 1.5
    elif any(s in TOPIC_SLUGS for s in segments):
        points += 0.8
    text = link_text.casefold().strip()
    if text in TOPIC_TITLES:
        points += 2
    elif _topical(text):
        points += 1
    if (
        points == 0
        and len(segments) <= 2
        and any(re.search(r"kommun|politik|styrning|organisation", s) for s in segments)
    ):
        points += 0.2  # a section page that may list the topic page
    path = "/" + "/".join(segments) + "/"
    for _name, mult, url_rx, _title_rx in _DECOYS:
        if url_rx is not None and url_rx.search(path):
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
    segments = path_segments(cand.url)
    last = segments[-1] if segments else ""
    if last in TOPIC_SLUGS:
        raw += 3
        reasons.append(f"URL names the topic ('{last}')")
    elif "internation" in last or "vanort" in last or last.startswith("eu-"):
        raw += 1.5
        reasons.append(f"URL mentions the topic ('{last}')")
    elif any(s in TOPIC_SLUGS for s in segments[:-1]):
        raw += 0.5
        reasons.append("under a topic path")
    title = clean_title(cand.h1 or cand.title, site_name)
    if title in TOPIC_TITLES:
        raw += 3
        reasons.append(f"title '{title}'")
    elif title and _topical(title):
        raw += 1.5
        reasons.append(f"title mentions the topic ('{title}')")
    texts = {t.casefold().strip() for t in cand.link_texts if t.strip()}
    if texts & TOPIC_TITLES:
        raw += 2
        reasons.append(f"linked as '{sorted(texts & TOPIC_TITLES)[0]}'")
    elif any(_topical(t) for t in texts):
        raw += 1
        reasons.append("link text mentions the topic")
    topical_headings = [h for h in cand.headings if _topical(h)]
    if topical_headings:
        raw += min(1.0, 0.5 * len(topical_headings))
        reasons.append(f"{len(topical_headings)} topical heading(s)")
    body = cand.text.casefold()
    found = [name for name, rx in BODY_TERMS.items() if rx.search(body)]
    if found:
        raw += min(2.5, 0.4 * len(found))
        reasons.append("text: " + ", ".join(found))
    raw, decoy_reasons = _decoy_penalties(cand, segments, title, raw)
    reasons += decoy_reasons
    raw = _hub_rule(cand, others, raw, reasons)
    if not cand.fetched:
        raw *= 0.6
        reasons.append("not fetched (URL and links only)")
    return Scored(cand.url, 1 - math.exp(-raw / _SCALE) if raw > 0 else 0.0, tuple(reasons), cand.fetched)


def _decoy_penalties(cand: Candidate, segments: list[str], title: str, raw: float) -> tuple[float, list[str]]:
    reasons: list[str] = []
    path = "/" + "/".join(segments) + "/"
    folded_title = fold(title)
    for name, mult, url_rx, title_rx in _DECOYS:
        if (url_rx is not None and url_rx.search(path)) or (title_rx is not None and title_rx.search(folded_title)):
            raw *= mult
            reasons.append(name)
    english = cand.lang == "en" or (not cand.lang and len(_ENGLISH_WORDS.findall(cand.text.casefold()[:3000])) > 25)
    if english and "an English-language page" not in reasons:
        raw *= 0.2
        reasons.append("an English-language page")
    return raw, reasons


def _hub_rule(cand: Candidate, others: Sequence[Candidate], raw: float, reasons: list[str]) -> float:
    """The topic page is the parent of its sub-pages (EU-projekt, Vänorter...), not one of them."""
    mine = urlsplit(cand.url).path.rstrip("/") + "/"
    children = 0
    parent_is_topic = False
    for other in others:
        if other.url == cand.url:
            continue
        theirs = urlsplit(other.url).path.rstrip("/") + "/"
        if theirs.startswith(mine) and theirs != mine and _topical(theirs.replace("-", " ")):
            children += 1
        elif mine.startswith(theirs) and theirs != mine:
            segs = path_segments(other.url)
            if segs and segs[-1] in TOPIC_SLUGS:
                parent_is_topic = True
    if children:
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
    best = scored[0]
    runner_up = scored[1].score if len(scored) > 1 else 0.0
    confident = best.fetched and best.score >= CONFIDENT_SCORE and best.score - runner_up >= CONFIDENT_MARGIN
    return Proposal(site, best.url, best.score, confident, best.reasons, tuple(scored))
