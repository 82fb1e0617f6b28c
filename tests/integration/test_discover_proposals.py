"""Proposals storage: status per site, rediscovery after a page went away, replacement candidates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawler.discover.proposals import (
    latest_proposals,
    mark,
    proposal_status,
    refused_urls,
    replacement_candidates,
    save_proposals,
    sites_needing_discovery,
    sites_to_discover_tonight,
    with_discovered,
)
from crawler.discover.scoring import Proposal, Scored
from crawler.registry import SiteEntry
from storage.db import make_engine, session_factory, transaction
from storage.migrate import upgrade
from storage.models import ChangeRow, Page

T0 = datetime(2025, 3, 1, 3, 0, tzinfo=UTC)
SITES = [
    SiteEntry("alpha", "Alpha", home="https://alpha.se/"),
    SiteEntry("beta", "Beta", home="https://beta.se/", url="https://beta.se/int/"),
    SiteEntry("gamma", "Gamma", home="https://gamma.se/", url="https://gamma.se/int/"),
    SiteEntry("delta", "Delta", home="https://delta.se/", url="https://delta.se/int/"),
]


def found(site: str, url: str | None, score: float = 0.9, confident: bool = True) -> Proposal:
    cands = (Scored(url, score, ("title",), True),) if url else ()
    return Proposal(site, url, score, confident, ("title 'internationellt arbete'",), cands)


def factory_for(url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    upgrade(engine)
    return session_factory(engine)


def add_change(factory, site_id: str, kind: str, old: object, new: object, when: datetime) -> None:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        page = session.query(Page).filter_by(site_id=site_id).one()
        session.add(
            ChangeRow(site_id=site_id, page_id=page.id, url=page.url, kind=kind, old=old, new=new, detected_at=when)
        )


def test_save_latest_status_and_decisions(db_url: str) -> None:
    factory = factory_for(db_url)
    save_proposals(factory, [found("alpha", "https://alpha.se/old/", 0.5, False)], SITES, now=T0)
    save_proposals(factory, [found("alpha", "https://alpha.se/int/"), found("beta", None, 0.0, False)], SITES, T0)
    latest = latest_proposals(factory)
    assert latest["alpha"]["url"] == "https://alpha.se/int/"
    assert latest["alpha"]["confident"] is True
    assert latest["alpha"]["candidates"] == [{"url": "https://alpha.se/int/", "score": 0.9}]
    assert latest["alpha"]["reasons"] == ["title 'internationellt arbete'"]
    assert proposal_status(factory) == {"alpha": "proposed", "beta": "not_located"}
    mark(factory, ["alpha"], "accepted")
    assert proposal_status(factory)["alpha"] == "accepted"


def test_gone_and_off_site_moves_trigger_rediscovery(db_url: str) -> None:
    factory = factory_for(db_url)
    save_proposals(factory, [], SITES, now=T0)  # mirrors the sites (and their pages) into the database
    assert sites_needing_discovery(factory, SITES) == ["alpha"]
    add_change(factory, "beta", "page_gone", "https://beta.se/int/", None, T0 + timedelta(days=1))
    add_change(factory, "gamma", "page_moved", "https://gamma.se/int/", "https://gamma.se/ny/", T0)  # same host
    add_change(factory, "delta", "page_moved", "https://delta.se/int/", "https://region.se/delta/", T0)
    assert sites_needing_discovery(factory, SITES) == ["alpha", "beta", "delta"]
    with factory() as session:
        assert replacement_candidates(session, ["beta", "delta"]) == {}

    save_proposals(factory, [found("beta", "https://beta.se/eu-och-internationellt/")], SITES, T0 + timedelta(days=2))
    assert sites_needing_discovery(factory, SITES) == ["alpha", "delta"]
    with factory() as session:
        replacements = replacement_candidates(session, ["beta", "gamma", "delta"])
    assert list(replacements) == ["beta"]
    assert replacements["beta"].url == "https://beta.se/eu-och-internationellt/"
    assert replacements["beta"].lost_url == "https://beta.se/int/"

    add_change(factory, "delta", "page_restored", None, "https://delta.se/int/", T0 + timedelta(days=3))
    assert sites_needing_discovery(factory, SITES) == ["alpha"]


def test_with_discovered_gives_the_crawl_a_watched_page_where_the_file_has_no_usable_address(db_url: str) -> None:
    factory = factory_for(db_url)
    beta = SiteEntry("beta", "Beta", home="https://beta.se/", url="https://beta.se/int/", state="candidate")
    sites = [SITES[0], beta, SITES[2]]
    save_proposals(factory, [], sites, now=T0)
    found_now = [found("alpha", "https://alpha.se/eu/"), found("beta", "https://beta.se/eu/")]
    found_now.append(found("gamma", "https://gamma.se/eu/"))
    save_proposals(factory, found_now, sites, T0, watched={"alpha", "beta", "gamma"})
    shown = {s.id: s for s in with_discovered(factory, sites)}
    assert shown["alpha"].url == "https://alpha.se/eu/" and shown["alpha"].state == "candidate"
    assert shown["alpha"].source and "kommunvakt discover" in shown["alpha"].source and shown["alpha"].seen
    assert shown["beta"] == beta  # the file's candidate was never found invalid: it wins
    assert shown["gamma"] == SITES[2]  # a url in the file always wins
    add_change(factory, "beta", "address_invalid", "https://beta.se/int/", None, T0 + timedelta(hours=1))
    assert with_discovered(factory, sites)[1].url == "https://beta.se/eu/"
    assert refused_urls(factory, ["beta"]) == {"beta": {"https://beta.se/int/"}}
    for _ in range(2):  # storing proposals mirrors the sites as the crawl sees them: the watched page stays
        save_proposals(factory, [], sites, T0 + timedelta(hours=2))
        with factory() as session:
            page = session.query(Page).filter_by(site_id="beta").one()
            assert (page.registry_url, page.url_state) == ("https://beta.se/eu/", "candidate")
    # a later proposal that is only proposed does not take the watched page away
    save_proposals(factory, [found("alpha", "https://alpha.se/x/", 0.5, False)], sites, T0 + timedelta(days=1))
    assert with_discovered(factory, sites)[0].url == "https://alpha.se/eu/"


def test_tonight_is_bounded_skips_waiting_proposals_and_takes_the_longest_unsearched_first(db_url: str) -> None:
    factory = factory_for(db_url)
    sites = [SiteEntry(f"s{i}", f"S{i}", home=f"https://s{i}.se/") for i in range(5)]
    sites.append(SiteEntry("located", "L", home="https://l.se/", url="https://l.se/int/"))
    save_proposals(factory, [], sites, now=T0)
    assert [s.id for s in sites_to_discover_tonight(factory, sites, 3)] == ["s0", "s1", "s2"]
    assert sites_to_discover_tonight(factory, sites, 0) == []
    save_proposals(factory, [found("s0", None, 0, False), found("s1", "https://s1.se/x/", 0.5, False)], sites, T0)
    save_proposals(factory, [found("s2", None, 0, False)], sites, T0 - timedelta(days=1))
    # never searched first (file order), then the longest ago; s1's proposal waits for an analyst
    assert [s.id for s in sites_to_discover_tonight(factory, sites, 10)] == ["s3", "s4", "s2", "s0"]
    assert [s.id for s in sites_to_discover_tonight(factory, sites, 2)] == ["s3", "s4"]
    # a located page is searched for only when it was found invalid after its newest proposal
    add_change(factory, "located", "address_invalid", "https://l.se/int/", None, T0)
    assert "located" in [s.id for s in sites_to_discover_tonight(factory, sites, 10)]
    save_proposals(factory, [found("located", None, 0, False)], sites, T0 + timedelta(hours=1))
    assert "located" not in [s.id for s in sites_to_discover_tonight(factory, sites, 10)]
