"""The HTML report as a browser draws it: headless Chromium screenshots, checked pixel by pixel.

Mail clients (Gmail, Outlook) drop ``<style>`` blocks, so the page is also
drawn with its ``<style>`` removed: the colours of inserted/deleted words
must still be there, coming from the inlined ``style=""`` attributes.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from crawler.report.model import FailureEvent, ReportData, SiteRef, StoredChange
from crawler.report.render import render
from crawler.report.shape import build_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of a PNG, decoded by Pillow."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
        raw = rgb.tobytes()  # R, G, B for each pixel, row by row (getdata() goes in Pillow 14)
        return rgb.width, rgb.height, list(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))


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
