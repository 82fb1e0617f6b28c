"""A whole page as an lxml tree: the one parse every page gets.

Kept apart from :mod:`crawler.extract.region` (which also builds BeautifulSoup trees) so that code
that only needs lxml, such as discovery's page evidence, does not load BeautifulSoup.

A page nested deeper than :data:`MAX_DEPTH` (a template that opens a ``<div>`` per loop and never
closes it) is flattened before it is read: libxml2 stops at 256 levels without ``huge_tree`` (and at
a few thousand with it) and silently drops the rest of the page, and the BeautifulSoup parse of the
region and the recursive text walk must stay well inside their own limits too. Raising the limits
would only move the cliff; flattening reads such a page as the same content in shallow markup.
"""

from __future__ import annotations

import re
import threading

from lxml import html as lxml_html

_LOCAL = threading.local()
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")

#: Deepest element nesting handed on to extraction. Real pages nest 20-40 levels; libxml2 gives up at 256.
MAX_DEPTH = 128
_DEPTH_PROBE = "*/" * (MAX_DEPTH - 1) + "*"  # an element MAX_DEPTH levels below <html>: one C-side walk

_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|$)|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
    ]
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_NEXT_START_RE = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9:-]*)")


def _parser() -> lxml_html.HTMLParser:
    """One parser per thread: an lxml parser object serialises its users behind a lock, and the
    crawl extracts pages in worker threads (libxml2 parses without holding the GIL)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    return parser


def _too_deep(root: lxml_html.HtmlElement) -> bool:
    return bool(root.xpath(_DEPTH_PROBE))


def flatten(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with its nesting cut to ``max_depth`` levels, its text untouched.

    Two rules, in this order: a start tag without attributes directly followed by a start tag of the
    same name (``<div><div>``: a wrapper that carries nothing) is dropped with its end tag, which turns
    thousands of stacked wrappers into one; any other start tag that would open deeper than
    ``max_depth`` is dropped with its end tag, so its text joins its parent's. Comments go (the parse
    drops them anyway); the contents of scripts and styles are copied as they are.

    >>> flatten("<div>" * 5 + "<p>Hej</p>" + "</div>" * 5)
    '<div><p>Hej</p></div>'
    >>> flatten("<b><i><b><i>x</i></b></i></b>", max_depth=2)
    '<b><i>x</i></b>'
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, whether its tags are kept)
    depth = 0  # kept elements open
    pos = 0
    n = len(html)
    while pos < n:
        m = _TOKEN_RE.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos : m.start()])
        pos = m.end()
        name = m.group(2)
        if name is None:  # a comment
            continue
        name = name.lower()
        if m.group(1):  # an end tag: close up to the nearest open element of that name
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    if stack[i][1]:
                        out.append(m.group(0))
                    depth -= sum(kept for _, kept in stack[i:])
                    del stack[i:]
                    break
            continue  # an end tag with no open element is dropped (the parser would ignore it)
        if name in _VOID:
            out.append(m.group(0))
            continue
        attributes = m.group(3).strip().rstrip("/").strip()
        following = _NEXT_START_RE.match(html, pos)
        wrapper = not attributes and following is not None and following.group(1).lower() == name
        keep = not wrapper and depth < max_depth
        stack.append((name, keep))
        if keep:
            out.append(m.group(0))
            depth += 1
        if name in _RAW_TEXT:  # copied verbatim up to its end tag, which the loop then handles
            end = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(html, pos)
            stop = end.start() if end else n
            if keep:
                out.append(html[pos:stop])
            pos = stop
    return "".join(out)


def parse_html(html: str) -> lxml_html.HtmlElement:
    """The whole page as an lxml tree (comments and processing instructions dropped), at most
    :data:`MAX_DEPTH` levels deep (a deeper page is :func:`flatten`\\ ed and parsed again)."""
    html = _XML_DECL_RE.sub("", html, count=1)
    if not html.strip():
        html = "<html><body></body></html>"
    root = lxml_html.document_fromstring(html, parser=_parser())
    if _too_deep(root):
        root = lxml_html.document_fromstring(flatten(html), parser=_parser())
    return root
