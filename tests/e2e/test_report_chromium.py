"""The HTML report as a browser draws it: headless Chromium screenshots, checked pixel by pixel.

Mail clients (Gmail, Outlook) drop ``<style>`` blocks, so the page is also
drawn with its ``<style>`` removed: the colours of inserted/deleted words
must still be there, coming from the inlined ``style=""`` attributes.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.report.model import FailureEvent, ReportData, SiteRef, StoredChange
from crawler.report.render import render
from crawler.report.shape import build_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit RGB/RGBA PNG (all Chromium writes); stdlib zlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    previous, pixels = bytearray(stride), []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        pixels += [tuple(line[i : i + 3]) for i in range(0, stride, channels)]
        previous = line
    return width, height, pixels  # type: ignore[return-value]


def screenshot(html: str, tmp_path: Path, name: str) -> list[tuple[int, int, int]]:
    page, png = tmp_path / f"{name}.html", tmp_path / f"{name}.png"
    page.write_text(html, encoding="utf-8")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        "--window-size=1000,1400",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=60, check=False)
    assert png.exists(), "chromium wrote no screenshot"
    width, height, pixels = decode_png(png.read_bytes())
    assert (width, height) == (1000, 1400)
    return pixels


def sample_html() -> str:
    sites = {
        "amal": SiteRef("amal", "Åmåls kommun", "Västra Götalands län", "https://www.amal.se/"),
        "hylte": SiteRef("hylte", "Hylte kommun", "Hallands län", "https://www.hylte.se/"),
    }
    changes = [
        StoredChange(1, 1, "amal", "https://www.amal.se/int", "contact_added", None, {"name": "Eva Ek"}, None, NOW),
        StoredChange(
            2,
            1,
            "amal",
            "https://www.amal.se/int",
            "text_changed",
            "a",
            "b",
            [
                ["=", "Vi arbetar med "],
                ["-", "Nordens dag "],
                ["+", "EU-projekt och vänorter "],
                ["=", "i hela kommunen."],
            ],
            NOW,
        ),
    ]
    failing = [FailureEvent("failing:hylte:1", "hylte", "failing", NOW, NOW, "timeout after 30 s", 1)]
    return render(build_report(ReportData(changes, sites, failing), now=NOW), "html")


def _greenish(p: tuple[int, int, int]) -> bool:
    return p[1] > p[0] + 15 and p[1] > p[2] + 15


def _reddish(p: tuple[int, int, int]) -> bool:
    return p[0] > p[1] + 15 and p[0] > p[2] + 15


def test_report_renders_not_blank_with_visible_diff_colours(tmp_path: Path) -> None:
    pixels = screenshot(sample_html(), tmp_path, "report")
    ink = sum(1 for p in pixels if sum(p) < 600)
    assert ink > 5000, f"only {ink} dark pixels: the page looks blank"
    assert sum(1 for p in pixels if _greenish(p)) > 200 and sum(1 for p in pixels if _reddish(p)) > 100


def test_report_still_styled_when_the_style_block_is_dropped(tmp_path: Path) -> None:
    """What Gmail and Outlook do: the inlined styles must carry the look on their own."""
    stripped = re.sub(r"<style[^>]*>.*?</style>", "", sample_html(), flags=re.S)
    assert "<style" not in stripped
    pixels = screenshot(stripped, tmp_path, "stripped")
    assert sum(1 for p in pixels if _greenish(p)) > 200 and sum(1 for p in pixels if _reddish(p)) > 100
