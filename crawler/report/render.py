"""Render a ``Report`` as plain text, Markdown or e-mail-ready HTML (pure; templates beside this file).

HTML: Jinja2 with autoescape on, then css-inline moves the stylesheet into
``style=""`` attributes, because Outlook and Gmail drop ``<style>`` blocks
(``@media`` rules are kept for the clients that honour them). Text and
Markdown: autoescape does not apply, so every ``{{ }}`` passes through a
``finalize`` hook that escapes what page content could otherwise fake.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from crawler.report.i18n import words
from crawler.report.model import Part, Report
from crawler.report.safe import markdown_escape, markdown_href, text_escape

TEMPLATES = Path(__file__).with_name("templates")
FORMATS = ("text", "html", "markdown")
SHOW_PAGES = 12  # a shared entry lists this many page links, then "… and N more"


class Raw(str):
    """Already-escaped output for the text/Markdown environments (e.g. a built Markdown link)."""


def _text_finalize(value: Any) -> Any:
    if isinstance(value, Raw) or not isinstance(value, str):
        return value
    return text_escape(value)


def _markdown_finalize(value: Any) -> Any:
    if isinstance(value, Raw) or not isinstance(value, str):
        return value
    return markdown_escape(value)


def _md_link(part: Part) -> Raw:
    text = markdown_escape(part.text)
    return Raw(f"[{text}](<{markdown_href(part.href)}>)" if part.href else text)


@cache
def _environment(kind: str) -> Environment:
    common: dict[str, Any] = {
        "loader": FileSystemLoader(str(TEMPLATES)),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if kind == "html":
        env = Environment(autoescape=True, **common)
    elif kind == "markdown":
        env = Environment(autoescape=False, finalize=_markdown_finalize, **common)
        env.filters["mdlink"] = _md_link
    else:
        env = Environment(autoescape=False, finalize=_text_finalize, **common)
    if kind != "html":  # a macro's output is already escaped: `{{ entry(e)|raw }}` keeps it from a second pass
        env.filters["raw"] = Raw
    return env


@cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def render(report: Report, fmt: str = "text") -> str:
    """The report in ``fmt`` ("text", "html" or "markdown")."""
    if fmt == "html":
        return render_html(report)
    if fmt == "markdown":
        return _environment("markdown").get_template("report.md.j2").render(**_context(report))
    if fmt == "text":
        return _environment("text").get_template("report.txt.j2").render(**_context(report))
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def render_html(report: Report) -> str:
    """The full HTML layout, its stylesheet inlined into ``style=""`` attributes."""
    css = Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))
    html = _environment("html").get_template("report.html.j2").render(css=css, **_context(report))
    return _inliner().inline(html)


def render_template(name: str, report: Report, **extra: Any) -> str:
    """Another HTML layout of the same report (autoescaped, not CSS-inlined), e.g. ``fit``'s compact one."""
    return _environment("html").get_template(name).render(**_context(report), **extra)


def _context(report: Report) -> dict[str, Any]:
    return {"r": report, "w": words(report.lang), "show_pages": SHOW_PAGES}
