"""The change kinds and fetch outcomes are defined once (crawler/vocab.py); everything else derives from them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest

from crawler.report.i18n import KIND_LABELS, WORDS, kind_label
from crawler.vocab import (
    ADDRESS_KINDS,
    BAD_OUTCOMES,
    CHANGE_KINDS,
    LOST_KINDS,
    OUTCOME_FIGURES,
    OUTCOMES,
    ChangeKind,
    KindGroup,
    Outcome,
    OutcomeGroup,
    kind_order,
)
from crawler.web.i18n import APP_WORDS, LANGUAGES


def test_every_kind_has_a_group_an_order_and_its_label_in_every_language() -> None:
    assert set(LANGUAGES) == {"sv", "en"} and set(KIND_LABELS) == set(LANGUAGES)
    orders = []
    for kind in ChangeKind:
        assert isinstance(kind.group, KindGroup), kind
        orders.append(kind.order)
        for lang in LANGUAGES:
            label = KIND_LABELS[lang].get(kind.label_key)
            assert label and label.strip() and label != kind.value, (kind, lang)
            assert kind_label(kind.value, lang) == label
    assert orders == list(range(len(ChangeKind)))  # the report's order is the definition order, with no gaps


def test_no_language_has_a_label_for_a_kind_that_does_not_exist() -> None:
    keys = {kind.label_key for kind in ChangeKind}
    for lang in LANGUAGES:
        assert set(KIND_LABELS[lang]) <= keys, lang
        # The report's and the web app's other words may not hide a kind label either (a leftover after a rename).
        for table in (WORDS[lang], APP_WORDS[lang]):
            strays = {key for key in table if key.startswith("kind_")} - keys
            assert not strays, (lang, strays)


def test_every_outcome_has_a_group_and_its_label_in_every_language_and_no_stray_label() -> None:
    keys = {outcome.label_key for outcome in Outcome}
    for outcome in Outcome:
        assert isinstance(outcome.group, OutcomeGroup), outcome
        assert outcome.figure in OUTCOME_FIGURES
    for lang in LANGUAGES:
        assert keys <= set(APP_WORDS[lang]), lang
        assert {key for key in APP_WORDS[lang] if key.startswith("outcome_")} <= keys, lang


def test_the_derived_sets_follow_the_members() -> None:
    assert tuple(k.value for k in sorted(ChangeKind, key=lambda k: k.order)) == CHANGE_KINDS
    assert {k for k in ChangeKind if k.group is KindGroup.ADDRESS} == ADDRESS_KINDS
    assert {k for k in ChangeKind if k.lost} == LOST_KINDS and LOST_KINDS <= ADDRESS_KINDS
    assert tuple(Outcome) == OUTCOMES and set(BAD_OUTCOMES) == {o for o in Outcome if o.bad}
    assert all(o.good for o in Outcome if o.group is OutcomeGroup.GOOD)


def test_a_member_is_its_stored_string() -> None:
    """StrEnum: the database, JSON, CSV and comparisons see the plain string, as before the enums."""
    kind = ChangeKind.REVIEW_DATE_CHANGED
    assert kind == "review_date_changed" and f"{kind}" == "review_date_changed" and str(kind) == kind.value
    assert json.dumps({"kind": kind, "outcome": Outcome.NOT_MODIFIED}) == (
        '{"kind": "review_date_changed", "outcome": "not_modified"}'
    )
    out = io.StringIO()
    csv.writer(out).writerow([kind, Outcome.MISSING])
    assert out.getvalue().strip() == "review_date_changed,missing"
    assert {"page_gone": 1}[ChangeKind.PAGE_GONE] == 1 and "page_gone" in LOST_KINDS


@pytest.mark.parametrize("stored", ["page_vanished", ""])
def test_a_stored_kind_that_is_no_longer_one_still_shows_and_sorts_last(stored: str) -> None:
    assert ChangeKind.of(stored) is None
    assert kind_label(stored, "sv") == stored
    assert kind_order(stored) == len(ChangeKind) > kind_order("text_changed")


def test_config_and_the_changes_command_take_exactly_the_kinds(tmp_path: Path) -> None:
    from crawler.cli.changes import changes
    from crawler.config import ConfigError, load_config

    (kind_option,) = [p for p in changes.params if p.name == "kinds"]
    assert isinstance(kind_option.type, click.Choice) and tuple(kind_option.type.choices) == CHANGE_KINDS
    path = tmp_path / "kommunvakt.toml"
    listed = ", ".join(f'"{k}"' for k in ChangeKind)
    path.write_text(f'[[subscribers]]\nemail = "a@b.se"\nkinds = [{listed}]\n', encoding="utf-8")
    assert load_config(path, environ={}).subscribers[0].kinds == CHANGE_KINDS
    path.write_text('[[subscribers]]\nemail = "a@b.se"\nkinds = ["page_vanished"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="page_vanished"):
        load_config(path, environ={})


def test_one_word_per_state_in_the_web_app_as_in_the_commands() -> None:
    """The app's English outcome and state words are the commands' (crawler/vocab.py); a heading for a figure
    carries its word, in English and in Swedish; and no state's word names another state."""
    from crawler.vocab import ADDRESS_STATES, SiteState, figure_word

    en, sv = APP_WORDS["en"], APP_WORDS["sv"]
    for outcome in Outcome:
        assert en[outcome.label_key] == outcome.word
    for state in ADDRESS_STATES:
        assert en[f"address_{state.value}"] == state.word
    assert en["state_not_located"] == SiteState.NOT_LOCATED.word
    # a figure's heading ("Not found (404)", "Hittades inte (404)") carries its outcome's word
    for figure, outcome in (("missing", "missing"), ("failed", "failed"), ("unreached", "unreached")):
        assert figure_word(figure) in en[figure].lower()
        assert sv[f"outcome_{outcome}"].split()[0] in sv[figure].lower()
    assert figure_word("not_located") == en["not_located"].lower()
    assert (
        sv["state_not_located"] in sv["not_located"].lower()
        and sv["state_not_located"] in sv["pages_not_located"].lower()
    )
    words = [o.word for o in Outcome if o is not Outcome.NOT_MODIFIED] + [s.word for s in SiteState]
    assert len(set(words)) == len(words)
    assert "missing" not in " ".join(words)
