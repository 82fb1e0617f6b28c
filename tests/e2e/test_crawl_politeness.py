"""How the crawl treats servers: robots.txt, per-host limits, retries with backoff, size cap, progress."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.runner import Progress
from crawler.verdict import Verdict
from crawler.vocab import Outcome
from simweb.municipal import SimulatedWeb
from storage.models import Fetch, Page

from support import FAST_CONFIG, engine_for, run_cli, write_config

pytestmark = pytest.mark.slow


def crawl(workdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "--sites", "sites.yaml", "--db", "k.db", *extra, cwd=workdir)


def fetch_rows(workdir: Path) -> dict[str, tuple[str, str | None]]:
    engine = engine_for(f"sqlite:///{workdir / 'k.db'}")
    with engine.connect() as connection:
        rows = connection.execute(select(Page.site_id, Fetch.outcome, Fetch.error).join(Fetch)).all()
    engine.dispose()
    return {site: (outcome, error) for site, outcome, error in rows}


def test_hosts_in_parallel_at_most_two_requests_per_host(web: SimulatedWeb, tmp_path: Path) -> None:
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml")
    web.latency = 0.4
    assert crawl(tmp_path).returncode == 0
    assert web.max_concurrency() >= 4, "hosts were not fetched in parallel"
    assert all(web.max_concurrency(site) <= 2 for site in web.site_ids)


def test_robots_txt_is_obeyed_and_reported_as_a_failure(web: SimulatedWeb, tmp_path: Path) -> None:
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml")
    web.set_robots("amal", ["/"])
    result = crawl(tmp_path)
    assert result.returncode == 0 and "failed 1" in result.stdout
    assert fetch_rows(tmp_path)["amal"] == ("failed", "robots.txt disallows")
    assert [r.path for r in web.requests("amal")] == ["/robots.txt"]


def test_5xx_is_retried_with_growing_pauses(web: SimulatedWeb, tmp_path: Path) -> None:
    write_config(tmp_path, FAST_CONFIG.replace("retry_backoff = 0.05", "retry_backoff = 0.3"))
    web.write_sites_file(tmp_path / "sites.yaml", only=["hylte"])
    web.fault("hylte", 503, times=2)
    assert crawl(tmp_path).returncode == 0
    assert fetch_rows(tmp_path)["hylte"][0] == "new"
    tries = [r for r in web.requests("hylte") if r.path not in ("/robots.txt", "/")]  # the page, not its home
    assert [r.status for r in tries] == [503, 503, 200]
    first_pause = tries[1].started - tries[0].ended
    second_pause = tries[2].started - tries[1].ended
    # lower bounds only (load can lengthen a pause, never shorten it): 0.3 s, then 0.6 s
    assert first_pause >= 0.25 and second_pause >= 0.55


def test_retry_after_is_honoured_and_a_long_one_gives_up_for_the_night(web: SimulatedWeb, tmp_path: Path) -> None:
    """429 with "Retry-After: 1" is asked again a second later at the earliest (the backoff alone would be
    0.05 s); a 503 asking for an hour is not asked again this run: a failure, never a change."""
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml", only=["hylte", "amal"])
    web.fault("hylte", 429, times=1, retry_after="1")
    web.fault("amal", 503, times=1, retry_after="3600")
    assert crawl(tmp_path).returncode == 0
    rows = fetch_rows(tmp_path)
    assert rows["hylte"][0] == "new" and rows["amal"][0] == "failed"
    tries = [r for r in web.requests("hylte") if r.path not in ("/robots.txt", "/")]  # the page, not its home
    assert [r.status for r in tries] == [429, 200]
    assert tries[1].started - tries[0].ended >= 0.95
    assert [r.status for r in web.requests("amal") if r.path not in ("/robots.txt", "/")] == [503]


def test_timeouts_and_size_cap_are_failures_not_changes(web: SimulatedWeb, tmp_path: Path) -> None:
    write_config(tmp_path, '[crawl]\ncontact = "test@example.se"\ntimeout = 1.0\nretries = 0\nmax_bytes = 4000\n')
    web.write_sites_file(tmp_path / "sites.yaml", only=["ljungby", "trollhattan"])
    web.fault("ljungby", "timeout", times=5)
    result = crawl(tmp_path)
    assert result.returncode == 0 and "failed 2" in result.stdout
    rows = fetch_rows(tmp_path)
    assert rows["ljungby"] == ("failed", "timed out after 1 s")
    assert rows["trollhattan"] == ("failed", "too large (download size cap)")


def test_progress_is_a_line_per_site_on_a_terminal_and_silent_otherwise() -> None:
    class FakeSite:
        id = "amal"

    stream = io.StringIO()
    shown = Progress(total=2, stream=stream)
    shown.page_stored(FakeSite(), Verdict(Outcome.FAILED, error="timeout"))
    shown.page_stored(FakeSite(), Verdict(Outcome.UNCHANGED))
    assert stream.getvalue().splitlines() == ["[1/2] amal: failed (timeout)", "[2/2] amal: unchanged"]
    silent = Progress(total=1, stream=None)
    silent.page_stored(FakeSite(), Verdict(Outcome.NEW))
    assert silent.done == 1


def test_no_code_running_servers_in_the_crawl(web: SimulatedWeb, tmp_path: Path) -> None:
    """Scrapy 2.19 starts a RemoteControl HTTP server (it runs posted Python code) unless told not to;
    a nightly crawl must not open one, nor the telnet console."""
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml", only=web.site_ids[:1])
    result = crawl(tmp_path, "-v")
    assert result.returncode == 0, result.stderr
    enabled = result.stderr.split("Enabled extensions:", 1)[1].split("]", 1)[0]
    assert "CoreStats" in enabled, "the log no longer lists the enabled extensions: this test checks nothing"
    assert "RemoteControl" not in enabled and "TelnetConsole" not in enabled
    assert "remote control" not in result.stderr.lower()


def test_the_crawl_reads_the_config_it_was_given_and_no_other(web: SimulatedWeb, tmp_path: Path) -> None:
    """With --config elsewhere, a broken ./kommunvakt.toml is none of the crawl's business (the spider
    used to read it again for the User-Agent), and the given file's contact address is the one sent."""
    (tmp_path / "kommunvakt.toml").write_text("[crawl\\nthis is not TOML")
    given = tmp_path / "etc"
    given.mkdir()
    write_config(given, FAST_CONFIG.replace("test@example.se", "given@example.se"))
    web.write_sites_file(tmp_path / "sites.yaml", only=web.site_ids[:1])
    result = crawl(tmp_path, "--config", str(given / "kommunvakt.toml"))
    assert result.returncode == 0, result.stderr
    agents = {r.headers.get("User-Agent", "") for r in web.requests()}
    assert agents and all("given@example.se" in agent for agent in agents)
