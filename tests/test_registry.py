"""The sites file: the bundled registry and validation with one clear line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.registry import SitesFileError, load_sites, select_sites


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
