"""What is not a page is not read as one, and a page in hostile bytes reads as the same page: body sniffing,
charset decisions, control characters and deep nesting (issue 11)."""

from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract.encoding import decode_html
from crawler.extract.reading import read_page
from crawler.extract.reasons import (
    ARCHIVE_BODY,
    BINARY_BODY,
    IMAGE_BODY,
    JSON_BODY,
    MEDIA_BODY,
    PDF_BODY,
    TEXT_BODY,
)
from crawler.extract.sniff import sniff_body
from crawler.extract.tree import MAX_DEPTH, flatten, parse_html
from crawler.record import PageRecord
from simweb.municipal.builders import sitevision_page

SWEDISH = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖéü .,-", min_size=1, max_size=80)
SWEDISH_WORD = st.text(alphabet="abcåäöÅÄÖé", min_size=1, max_size=20).filter(lambda s: not s.isascii())
CONTROLS = st.sampled_from([*map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0E, 0x20)), "\x7f"])


def page(text: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Sida</title></head><body><main><p>{text}</p></main></body></html>"


# ---------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", PDF_BODY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", IMAGE_BODY),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", IMAGE_BODY),
        (b"GIF89a\x01\x00\x01\x00", IMAGE_BODY),
        (b"RIFF\x1a\x00\x00\x00WEBPVP8 ", IMAGE_BODY),
        (b"\x00\x00\x00\x1cftypavif\x00\x00", IMAGE_BODY),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", ARCHIVE_BODY),  # a .docx
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", ARCHIVE_BODY),  # a .doc
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", ARCHIVE_BODY),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00", MEDIA_BODY),
        (b"wOF2\x00\x01\x00\x00", MEDIA_BODY),
        (b'  {"status": "ok", "items": [1, 2]}', JSON_BODY),
        (b"[1, 2, 3]", JSON_BODY),
        (b"Internationellt arbete\nKontakta kommunen.", TEXT_BODY),
        (b"\x01\x02\x03 binary \x10\x11 stuff", BINARY_BODY),
    ],
)
def test_what_is_not_a_page_is_named(body: bytes, reason: str) -> None:
    assert sniff_body(body) == reason


@pytest.mark.parametrize(
    "body",
    [
        page("Åmål").encode(),
        b"\n\n  <html><body>x</body></html>",
        b"\xef\xbb\xbf<!doctype html><p>Hej</p>",
        page("Åmål").encode("utf-16"),  # with its BOM
        page("Åmål").encode("utf-16-le"),  # without one
        b"<!-- generated -->\n<div>Hej</div>",
        b"<p>Hej\x00 d\x00\x00\xe4r</p>",  # stray NULs do not make a page binary
        b"",
    ],
)
def test_pages_are_pages(body: bytes) -> None:
    assert sniff_body(body) is None


@settings(max_examples=50)
@given(st.binary(min_size=200, max_size=4000))
def test_random_bytes_are_never_read_as_a_page(body: bytes) -> None:
    reason = sniff_body(body)
    if reason is None:  # only if the bytes happen to hold a tag an HTML page starts with
        assert b"<" in body


def test_a_json_body_with_markup_inside_is_json() -> None:
    assert sniff_body(json.dumps({"html": "<div><p>Hej</p></div>"}).encode()) == JSON_BODY


# ---------------------------------------------------------------- decoding


def _invalid_utf8(data: bytes) -> bool:
    """Stray bytes: none of them part of a valid utf-8 character."""
    return data.decode("utf-8", errors="ignore").isascii() and not data.isascii()


@given(SWEDISH, st.binary(min_size=1, max_size=3).filter(_invalid_utf8))
def test_stray_invalid_bytes_in_a_comment_do_not_turn_the_page_into_cp1252(text: str, junk: bytes) -> None:
    clean = page(text + " Åmål").encode()
    with_junk = clean.replace(b"<title>", b"<!-- " + junk + b" --><title>")
    for content_type in ("text/html; charset=utf-8", "text/html", "text/html; charset=iso-8859-1"):
        decoded = decode_html(with_junk, content_type)
        assert "Åmål" in decoded and "Ã" not in decoded
        assert parse_html(decoded).text_content() == parse_html(decode_html(clean, content_type)).text_content()


@given(SWEDISH_WORD)
def test_a_cp1252_page_is_read_as_cp1252_whatever_it_declares(word: str) -> None:
    body = page(word).encode("cp1252")
    for content_type in ("text/html; charset=utf-8", "text/html", "text/html; charset=windows-1252"):
        assert f"<p>{word}</p>" in decode_html(body, content_type)


@given(SWEDISH, st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp037", "cp500", "cp1026"]))
def test_a_lying_declaration_is_not_believed(text: str, declared: str) -> None:
    body = page(text).encode()
    for lie in (f"text/html; charset={declared}", None):
        if lie is None:  # the lie in a <meta> instead of the header
            lied = body.replace(b"<head>", f'<head><meta charset="{declared}">'.encode())
            assert decode_html(lied, "text/html") == lied.decode()
        else:
            assert decode_html(body, lie) == body.decode()


@given(SWEDISH, st.sampled_from(["utf-16-le", "utf-16-be", "cp037", "koi8-r", "iso-8859-2", "shift_jis"]))
def test_a_true_declaration_is_believed(text: str, charset: str) -> None:
    html = page(text)
    try:
        body = html.encode(charset)
    except UnicodeEncodeError:
        return  # this text cannot be written in that charset
    assert decode_html(body, f"text/html; charset={charset}") == html


def test_a_bom_that_lies_is_not_believed() -> None:
    body = codecs.BOM_UTF16_LE + page("Åmål").encode()[:-1]
    assert "Åmål" in decode_html(body, None)


@given(SWEDISH, st.lists(st.tuples(st.integers(0, 10_000), CONTROLS), max_size=8))
def test_control_characters_are_dropped_before_anything_is_compared(text: str, inserts: list) -> None:
    html = page(text)
    mangled = html
    for at, char in inserts:
        i = at % (len(mangled) + 1)
        mangled = mangled[:i] + char + mangled[i:]
    assert decode_html(mangled.encode(), "text/html; charset=utf-8") == html


def test_nul_bytes_read_as_the_same_page() -> None:
    html, url = sitevision_page(20, 0)
    mangled = html.encode().replace(b"</p>", b"\x00</p>").replace(b"e", b"e\x00", 40)
    same = read_page(decode_html(mangled, "text/html; charset=utf-8"), url=url, final_url=url, home_url=None)
    assert same == read_page(html, url=url, final_url=url, home_url=None)


# ---------------------------------------------------------------- nesting


def _read(html: str, url: str):
    return read_page(html, url=url, final_url=url, home_url=None)


@pytest.mark.parametrize("tag", ["div", "span", "section", "b", "font"])
@pytest.mark.parametrize("closed", [False, True])
def test_ten_thousand_nested_wrappers_read_as_flat_markup(tag: str, closed: bool) -> None:
    html, url = sitevision_page(20, 0)
    at = html.index(">", html.index("<body")) + 1
    end = html.index("</body>")
    deep = html[:at] + f"<{tag}>" * 10_000 + html[at:end] + (f"</{tag}>" * 10_000 if closed else "") + html[end:]
    flat = html[:at] + f"<{tag}>" + html[at:end] + (f"</{tag}>" if closed else "") + html[end:]
    record = _read(deep, url)
    assert isinstance(record, PageRecord)
    assert record.contacts and record.review_date and record.blocks
    assert record == _read(flat, url)


def test_deep_alternating_nesting_keeps_every_word() -> None:
    words = [f"ord{i}" for i in range(3000)]
    html = "<html><body>" + "".join(f"<ul><li>{w} " for w in words) + "</body></html>"
    root = parse_html(html)
    assert root.text_content().split() == words
    assert not root.xpath("*/" * MAX_DEPTH + "*"), "the tree is deeper than MAX_DEPTH"


@given(st.lists(st.sampled_from(["div", "span", "p", "ul", "li", "b", "section", "table", "td"]), max_size=400))
@settings(max_examples=40)
def test_flattening_keeps_the_text_and_bounds_the_depth(tags: list[str]) -> None:
    html = "<html><body>" + "".join(f"<{t}>w{i} " for i, t in enumerate(tags)) + "</body></html>"
    text = parse_html(flatten(html, max_depth=16)).text_content()
    assert text.split() == [f"w{i}" for i in range(len(tags))]
    assert not parse_html(flatten(html, max_depth=16)).xpath("*/" * 18 + "*")


def test_scripts_are_copied_as_they_are() -> None:
    html = "<html><body><script>if (a<b) { x = '<div>'; }</script>" + "<div>" * 300 + "<p>Hej</p></body></html>"
    flat = flatten(html)
    assert "if (a<b) { x = '<div>'; }" in flat and flat.count("<div>") <= 2
