"""Accepting discoveries: a commented sites file round-trips; hand-set urls and the bundled registry are safe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crawler.discover.sitesfile import accept_urls, url_set_by_hand, writable_sites_file
from crawler.registry import OWN_COPY, SitesFileError, bundled_sites_path, load_sites

SITES = """\
# Our municipalities (kept by the analyst)
- id: alpha   # the first one
  name: Alpha kommun
  code: "0114"
  county: Stockholms län
  home: https://alpha.example/
  # no url yet
- id: beta
  name: Beta kommun
  home: https://beta.example/
  url: https://beta.example/hand-picked/
- id: gamma
  name: Gamma kommun
  home: https://gamma.example/
  url: https://gamma.example/old/  # discovered 2024-01-01
  ignore: [".news"]
"""
TODAY = dt.date(2025, 3, 1)


def test_round_trip_keeps_comments_order_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "sites.yaml"
    path.write_text(SITES, encoding="utf-8")
    result = accept_urls(path, {"alpha": "https://alpha.example/internationellt/"}, TODAY)
    assert result.written == {"alpha": "https://alpha.example/internationellt/"}
    text = path.read_text(encoding="utf-8")
    assert "url: https://alpha.example/internationellt/ # discovered 2025-03-01" in text
    for kept in ("# Our municipalities (kept by the analyst)", "# the first one", "# no url yet", 'code: "0114"'):
        assert kept in text
    # nothing else changed: removing the new line gives the original back
    assert "\n".join(line for line in text.splitlines() if "discovered 2025" not in line) + "\n" == SITES
    assert [s.id for s in load_sites(path)] == ["alpha", "beta", "gamma"]
    assert load_sites(path)[0].url == "https://alpha.example/internationellt/"


def test_hand_set_url_is_never_overwritten_but_discovered_one_is(tmp_path: Path) -> None:
    path = tmp_path / "sites.yaml"
    path.write_text(SITES, encoding="utf-8")
    chosen = {"beta": "https://beta.example/other/", "gamma": "https://gamma.example/new/", "nope": "https://x/"}
    result = accept_urls(path, chosen, TODAY)
    assert result.kept_by_hand == ["beta"]
    assert result.unknown == ["nope"]
    assert result.written == {"gamma": "https://gamma.example/new/"}
    sites = {s.id: s for s in load_sites(path)}
    assert sites["beta"].url == "https://beta.example/hand-picked/"
    assert sites["gamma"].url == "https://gamma.example/new/"
    assert "url: https://gamma.example/new/  # discovered 2025-03-01" in path.read_text(encoding="utf-8")
    # accepting the same again changes nothing
    again = accept_urls(path, {"gamma": "https://gamma.example/new/"}, TODAY)
    assert again.unchanged == ["gamma"] and not again.written


def test_indented_list_style_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "sites.yaml"
    original = "  - id: a\n    name: A\n    home: https://a.example/\n"
    path.write_text(original, encoding="utf-8")
    accept_urls(path, {"a": "https://a.example/int/"}, TODAY)
    assert path.read_text(encoding="utf-8").startswith("  - id: a\n    name: A\n    home: https://a.example/\n    url:")


def test_refuses_the_bundled_registry() -> None:
    before = bundled_sites_path().read_bytes()
    with pytest.raises(SitesFileError, match="bundled registry"):
        accept_urls(bundled_sites_path(), {"ale": "https://ale.se/x/"}, TODAY)
    with pytest.raises(SitesFileError, match="bundled registry"):
        accept_urls(None, {"ale": "https://ale.se/x/"}, TODAY)
    assert bundled_sites_path().read_bytes() == before


def test_url_set_by_hand_reads_the_mark(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    entries = YAML(typ="rt").load(SITES)
    assert [url_set_by_hand(e) for e in entries] == [False, True, False]


def test_an_atomic_write_keeps_the_files_permissions(tmp_path: Path) -> None:
    """Not the temporary file's 0600: the scheduler's or the web app's user must still read the registry."""
    import os
    import stat

    from crawler.discover.sitesfile import write_atomically

    shared = tmp_path / "sites.yaml"
    shared.write_text("[]\n", encoding="utf-8")
    shared.chmod(0o664)
    write_atomically(shared, "- id: a\n")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_text(encoding="utf-8") == "- id: a\n"
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.yaml", b"[]\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_a_write_on_the_bundled_registry_goes_to_the_own_copy_made_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first, copied = writable_sites_file(None)
    assert (first, copied) == (tmp_path / OWN_COPY, True)
    assert first.read_bytes() == bundled_sites_path().read_bytes()
    first.write_text("- id: a\n  name: A\n  home: https://a.example/\n", encoding="utf-8")  # the user's edits
    again, copied = writable_sites_file(bundled_sites_path())
    assert (again, copied) == (first, False)
    assert load_sites(again)[0].id == "a"  # an existing copy is never overwritten
    assert writable_sites_file(tmp_path / "mine.yaml") == (tmp_path / "mine.yaml", False)
    assert [p.name for p in tmp_path.iterdir()] == [OWN_COPY]  # no temporary file left behind
