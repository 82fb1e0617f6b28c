"""Page titles from real URL slugs: "natverk-och-vanorter" -> "Nätverk och vänorter".

Real municipal sites name a page's address after its title with the Swedish
letters folded away ("vanorter") and, on older Sitevision sites, the spaces
too ("internationelltarbete"). The real-address web writes titles back from
such slugs: separators split words, a squashed slug is split by a small
dictionary (word break), and a word map restores å, ä, ö.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

#: Folded word -> how a title spells it (words missing here are kept as they are).
_WORD_LIST = (
    "internationellt internationella internationell internationalisering arbete arbetet och eu "
    "vänorter vänort vänortssamarbete vänortssamarbetet nätverk samarbete samarbeten samarbetet samverkan "
    "kommun kommunen kommunens politik demokrati om fakta kommunfakta så arbetar vi med organisation "
    "organisationen styrning regionalt regional regionala nationella nationellt projekt strategi "
    "strategiska strategisk policy frågor relationer kontakter verksamhet utbyte partnerskap "
    "partnerstäder våra vår hållbar stad utveckling kvalitet resultat näringsliv mer inom förvaltning "
    "euprojekt omvärld omvärlden och twin cities sister city till i inleder ny nya nytt för av delta ett "
    "en samarbetsorter samarbetsstäder samarbetsländer samarbetspartners kommitté kommittén "
    "internationellt-arbete europa direkt jämförelser medborgarinformation sidor startsida invånare bo "
    "leva uppleva göra kultur arbete näringslivocharbete styrande dokument regler platser"
)
WORDS: dict[str, str] = {w.replace("å", "a").replace("ä", "a").replace("ö", "o"): w for w in _WORD_LIST.split()}
WORDS.update({"eu": "EU", "euprojekt": "EU-projekt", "eufragor": "EU-frågor", "kommitten": "kommittén"})
_SPLIT_WORDS = sorted({w for w in WORDS if len(w) > 1} | {"i"}, key=len, reverse=True)
_TECHNICAL = re.compile(r"^(\d+|default|index|browse|sidor|layout|set|print|content|view|full|wps|portal|start)$")


@lru_cache(maxsize=4096)
def word_break(squashed: str) -> tuple[str, ...] | None:
    """Split a squashed slug into dictionary words (fewest words), or None."""
    best: list[tuple[str, ...] | None] = [None] * (len(squashed) + 1)
    best[0] = ()
    for end in range(1, len(squashed) + 1):
        for word in _SPLIT_WORDS:
            start = end - len(word)
            before = best[start] if start >= 0 else None
            if before is not None and squashed[start:end] == word:
                candidate = (*before, word)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[-1]


def segment_words(segment: str) -> list[str]:
    """The folded words of one path segment, CMS suffixes and ids removed."""
    seg = unquote(segment).casefold()
    seg = re.sub(r"(\.[a-z]?\d+(\.[0-9a-f]+)*)?\.(html?|aspx|php|jsp|printable)$", "", seg)
    seg = re.sub(r"\.(4|5|12)\.[0-9a-f]+$", "", seg)
    seg = re.sub(r"_+\d+$|-?\d+$", "", seg)
    seg = seg.translate(str.maketrans("åäö", "aao"))
    parts = [p for p in re.split(r"[-_.\s]+", seg) if p]
    if len(parts) == 1 and len(parts[0]) > 11:
        split = word_break(parts[0])
        if split:
            return list(split)
    return parts


def title_from_segment(segment: str) -> str:
    """A title for the page a slug names ("" when the segment is technical, like "default.aspx").

    Three dashes or more were " - " in the title (a CMS slugs "Internationellt arbete - vänorter" as
    "internationellt-arbete---vanorter"), so the title gets its dash back.
    """
    words = segment_words(segment)
    if not words or all(_TECHNICAL.match(w) for w in words):
        return ""
    pieces = [segment_words(piece) for piece in re.split(r"-{3,}", segment)]
    pieces = [piece for piece in pieces if piece] if len(pieces) > 1 else [words]
    text = " - ".join(" ".join(WORDS.get(w, w) for w in piece) for piece in pieces)
    return text[:1].upper() + text[1:]
