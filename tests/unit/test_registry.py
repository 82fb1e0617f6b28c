"""The sites file: the bundled registry and validation with one clear line per problem."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.registry import URL_STATES, SiteEntry, SitesFileError, load_sites, select_sites

from support import REPO

DATA = REPO / "crawler" / "data"
#: Issue 12 asked for at least 250 of 290 located. The public data reached 162 (122 from the shared
#: intl_pages.csv primaries, the rest from searching stored public pages in two passes; every remaining
#: municipality was searched at least once, see crawler/data/UNLOCATED.md), so this is a floor that keeps
#: what was located from shrinking, not the target: raise it as located.csv grows, up to ISSUE_12_TARGET.
MIN_LOCATED = 162
ISSUE_12_TARGET = 250


def test_bundled_registry_has_all_290_municipalities() -> None:
    sites = load_sites()
    assert len(sites) == 290
    assert len({s.id for s in sites}) == 290
    assert len({s.code for s in sites}) == 290
    assert all(s.code and len(s.code) == 4 and s.code.isdigit() for s in sites)
    assert all(s.home and s.home.startswith("https://") for s in sites)
    by_id = {s.id: s for s in sites}
    assert by_id["upplands-vasby"].code == "0114"  # leading zero kept: a string, not octal 76
    assert by_id["trollhattan"].located and by_id["trollhattan"].county == "Västra Götalands län"
    assert {by_id["habo-uppsala"].name, by_id["habo-jonkoping"].name} == {"Håbo", "Habo"}


def test_county_codes_agree_with_the_scb_shape() -> None:
    """The first two digits of a code are its county's: one county per prefix, one prefix per county."""
    sites = load_sites()
    prefixes = {(s.code or "")[:2] for s in sites}
    counties = {s.county for s in sites}
    assert len(counties) == 21 and len(prefixes) == 21
    assert len({((s.code or "")[:2], s.county) for s in sites}) == 21


def test_every_bundled_url_is_the_municipalitys_own_with_a_source() -> None:
    sites = load_sites()
    located = [s for s in sites if s.url]
    for site in located:
        assert site.url and site.url.startswith(("https://", "http://")), site.id
        assert site.is_own_address(site.url), f"{site.id}: {site.url} is not on {site.own_hosts}"
        assert site.state in URL_STATES, site.id
        assert site.source, f"{site.id}: an address without a source"
        for alias in site.aliases:  # an alias is there because the page needs it, not as a loophole
            assert not SiteEntry(site.id, site.name, home=site.home).is_own_address(site.url), (site.id, alias)
    for site in sites:
        if not site.url:
            assert site.state is None and site.source is None and site.seen is None, site.id
    urls = Counter(s.url.rstrip("/").lower() for s in located if s.url)
    assert [u for u, n in urls.items() if n > 1] == [], "two municipalities share a page"


def test_the_registry_locates_enough_municipalities() -> None:
    located = sum(1 for s in load_sites() if s.located)
    assert located >= MIN_LOCATED, (
        f"{located} of 290 located (floor {MIN_LOCATED}, issue-12 target {ISSUE_12_TARGET}); "
        "see crawler/data/UNLOCATED.md"
    )


def test_unlocated_list_names_exactly_the_municipalities_without_an_address() -> None:
    listed = (DATA / "UNLOCATED.md").read_text(encoding="utf-8")
    for site in load_sites():
        assert (f"| {site.code} |" in listed) == (not site.located), site.id


@given(
    label=st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True),
    sub=st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
    path=st.from_regex(r"/[a-z0-9/-]{0,30}", fullmatch=True),
)
def test_own_address_is_the_home_host_its_subdomains_or_an_alias(label: str, sub: str, path: str) -> None:
    site = SiteEntry("x", "X", home=f"https://www.{label}.se/", aliases=("intl.example.org",))
    assert site.is_own_address(f"https://{label}.se{path}")
    assert site.is_own_address(f"http://www.{label}.se{path}")
    assert site.is_own_address(f"https://{sub}.{label}.se{path}")
    assert site.is_own_address(f"https://intl.example.org{path}")
    assert not site.is_own_address(f"https://{sub}{label}.se{path}")  # a look-alike is not a sub-domain
    assert not site.is_own_address(f"https://{label}.se.{sub}.com{path}")
    assert not site.is_own_address(f"https://example.org{path}")  # the alias's parent is not theirs


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = '- id: a\n  name: A\n  code: "0114"\n  home: https://a.se/\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- id: a\n  name: A\n  colour: red\n  home: https://a.se/\n",
            ["sites.yaml:3", "'a'", "'colour'", "unknown key"],
        ),
        (GOOD + "- id: a\n  name: B\n  home: https://b.se/\n", ["sites.yaml:5", "'a'", "'id'", "duplicate id"]),
        (
            GOOD + '- id: b\n  name: B\n  code: "0114"\n  home: https://b.se/\n',
            ["sites.yaml:7", "'b'", "duplicate code"],
        ),
        ("- id: a\n  name: A\n  code: 0114\n  home: https://a.se/\n", ["sites.yaml:3", "'code'", "4-digit string"]),
        ('- id: a\n  name: A\n  code: "114"\n  home: https://a.se/\n', ["'code'", "4-digit"]),
        ("- id: a\n  name: A\n  home: ftp://a.se/\n", ["sites.yaml:3", "'home'", "not an http(s) URL"]),
        ('- id: a\n  name: A\n  url: "https://"\n', ["'url'", "not an http(s) URL"]),
        (
            '- id: a\n  name: A\n  home: https://a.se/\n  main: "div[["\n',
            ["sites.yaml:4", "'main'", "invalid CSS selector"],
        ),
        ('- id: a\n  name: A\n  home: https://a.se/\n  ignore: [".ok", "p >> "]\n', ["'ignore'", "invalid CSS"]),
        ("- id: A B\n  name: A\n  home: https://a.se/\n", ["'id'", "slug"]),
        ("- id: a\n  home: https://a.se/\n", ["'a'", "'name'", "required"]),
        ("- id: a\n  name: A\n", ["'a'", "at least one of 'home' and 'url'"]),
        ("- id: a\n  name: [unclosed\n", ["sites.yaml:", "not valid YAML"]),
        ("id: a\n", ["must be a list"]),
        (GOOD + "  url: https://a.se/int/\n  state: maybe\n", ["'state'", "confirmed, candidate"]),
        (GOOD + "  state: candidate\n", ["'state'", "only an entry with a 'url'"]),
        (GOOD + "  url: https://a.se/int/\n  seen: 17 May\n", ["'seen'", "YYYY"]),
        (GOOD + "  aliases: [https://b.se/]\n", ["'aliases'", "host names"]),
        (GOOD + '  url: https://a.se/int/\n  source: ""\n', ["'source'", "non-empty"]),
    ],
)
def test_bad_entries_give_one_line_naming_file_entry_and_field(tmp_path: Path, text: str, expected: list[str]) -> None:
    with pytest.raises(SitesFileError) as caught:
        load_sites(write(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message
    for part in expected:
        assert part in message, message


def test_overrides_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + '  main: "main .sv-text-portlet"\n  ignore: [".news-list", "#cookie"]\n')
    (site,) = load_sites(path)
    assert site.main == "main .sv-text-portlet" and site.ignore == (".news-list", "#cookie")
    assert not site.located


def test_only_selects_and_rejects_unknown_ids() -> None:
    sites = load_sites()
    assert [s.id for s in select_sites(sites, ["amal", "hylte", "amal"])] == ["amal", "hylte"]
    with pytest.raises(SitesFileError, match="unknown site id"):
        select_sites(sites, ["atlantis"])


# --- crawler/data/build_registry.py: the url fields rebuilt from public data, run as the maintainer runs it ---

SKELETON = """\
# a comment that must survive
- id: alpha
  name: Alpha
  code: "0114"
  county: Stockholms län
  home: https://www.alpha.se/
- id: beta
  name: Beta
  code: "0115"
  county: Stockholms län
  home: https://beta.se/
  url: https://beta.se/old/
  state: confirmed
  source: an older run
- id: gamma
  name: Gamma
  code: "0117"
  county: Stockholms län
  home: https://kommun.gamma.se/
"""
INTL_HEAD = "code,municipality,county,role,url\n"
LOCATED_HEAD = "code,url,state,source,seen,aliases\n"


def build(tmp_path: Path, intl: str, located: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "intl.csv").write_text(INTL_HEAD + intl, encoding="utf-8")
    (tmp_path / "located.csv").write_text(LOCATED_HEAD + located, encoding="utf-8")
    (tmp_path / "searched.csv").write_text("code,queries,outcome\n0117,gamma vänorter,nothing on the own site\n")
    args = ["--intl", "intl.csv", "--located", "located.csv", "--sites", "sites.yaml", "--searched", "searched.csv"]
    return subprocess.run(
        [sys.executable, "-m", "crawler.data.build_registry", *args, "--unlocated", "UNLOCATED.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_build_takes_located_first_then_intl_primaries_and_is_repeatable(tmp_path: Path) -> None:
    write(tmp_path, SKELETON)
    intl = (
        "0114,Alpha,Stockholms län,secondary,https://www.alpha.se/vanorter/\n"
        "0114,Alpha,Stockholms län,primary,https://alpha.se/internationellt/\n"
        "0115,Beta,Stockholms län,primary,https://beta.se/intl-from-list/\n"
    )
    located = (
        "0115,https://international.beta-stad.se/,confirmed,stored public copy,2024-05,international.beta-stad.se\n"
    )
    result = build(tmp_path, intl, located)
    assert result.returncode == 0, result.stderr
    first = (tmp_path / "sites.yaml").read_text(encoding="utf-8")
    assert first.startswith("# a comment that must survive")
    by_id = {s.id: s for s in load_sites(tmp_path / "sites.yaml")}
    assert (by_id["alpha"].url, by_id["alpha"].state) == ("https://alpha.se/internationellt/", "candidate")
    assert by_id["alpha"].source and "intl_pages.csv" in by_id["alpha"].source
    beta = by_id["beta"]
    assert (beta.url, beta.state, beta.source, beta.seen) == (
        "https://international.beta-stad.se/",
        "confirmed",
        "stored public copy",
        "2024-05",
    )
    assert beta.aliases == ("international.beta-stad.se",)
    assert not by_id["gamma"].located and by_id["gamma"].state is None
    unlocated = (tmp_path / "UNLOCATED.md").read_text(encoding="utf-8")
    assert "| 0117 |" in unlocated and "gamma vänorter" in unlocated and "| 0114 |" not in unlocated
    assert build(tmp_path, intl, located).returncode == 0
    assert (tmp_path / "sites.yaml").read_text(encoding="utf-8") == first


@pytest.mark.parametrize(
    ("intl", "located", "expected"),
    [
        ("0114,Alpha,S,primary,https://alpha.se.evil.com/x/\n", "", ["intl.csv:2", "'url'", "own hosts"]),
        ("", "0117,https://www.gamma.se/int/,candidate,seen somewhere,,\n", ["located.csv:2", "'url'", "aliases"]),
        (
            "0114,Alpha,S,primary,https://alpha.se/x/\n",
            "0115,https://alpha.se/x/,candidate,copy,,alpha.se\n",
            ["'url'", "already", "address"],
        ),
        ("0999,Nowhere,S,primary,https://nowhere.se/\n", "", ["intl.csv:2", "'code'", "0999"]),
        ("", "0114,https://alpha.se/x/,maybe,copy,,\n", ["located.csv:2", "'state'"]),
        ("", "0114,https://alpha.se/x/,candidate,,,\n", ["located.csv:2", "'source'"]),
    ],
)
def test_build_refuses_bad_input_with_one_line_and_writes_nothing(
    tmp_path: Path, intl: str, located: str, expected: list[str]
) -> None:
    write(tmp_path, SKELETON)
    result = build(tmp_path, intl, located)
    assert result.returncode == 2, result.stdout
    message = result.stderr.strip()
    assert "\n" not in message
    for part in expected:
        assert part in message, message
    assert (tmp_path / "sites.yaml").read_text(encoding="utf-8") == SKELETON
    assert not (tmp_path / "UNLOCATED.md").exists()


def shared_intl() -> Path | None:
    for base in (REPO.parent / "shared" / "data", Path("/work/shared/data")):
        if (base / "intl_pages.csv").exists():
            return base / "intl_pages.csv"
    return None


@pytest.mark.skipif(shared_intl() is None, reason="shared/data/intl_pages.csv is not beside the repository")
def test_the_bundled_registry_is_what_the_build_makes(tmp_path: Path) -> None:
    """Nobody edited the url fields by hand: rebuilding from the inputs gives the bundled files back."""
    (tmp_path / "sites.yaml").write_bytes((DATA / "sites.yaml").read_bytes())
    intl = shared_intl()
    assert intl is not None
    result = subprocess.run(
        [sys.executable, "-m", "crawler.data.build_registry", "--intl", str(intl), "--sites", "sites.yaml"]
        + ["--unlocated", "UNLOCATED.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sites.yaml").read_bytes() == (DATA / "sites.yaml").read_bytes()
    assert (tmp_path / "UNLOCATED.md").read_bytes() == (DATA / "UNLOCATED.md").read_bytes()
    with (DATA / "located.csv").open(encoding="utf-8") as handle:
        assert all(row["source"].strip() for row in csv.DictReader(handle))
