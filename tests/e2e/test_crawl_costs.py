"""A night costs what it has to read (issue 17): `kommunvakt crawl` as a real process on the simulated web.

The crawl logs (at INFO, shown with ``-v``) each page reader process it starts: a night whose pages answer
304, or answer 200 with the very bytes already stored, starts none, and still judges every page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from simweb.municipal import Noise, Person, SimulatedWeb, content
from storage.models import Fetch, Page, Snapshot

from support import count, engine_for, run_cli

pytestmark = pytest.mark.slow

READER_STARTED = "page reader started"


def crawl(workdir: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "-v", cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def last_night(db_url: str) -> dict[str, str]:
    """Each site's outcome in the newest run."""
    engine = engine_for(db_url)
    with engine.connect() as connection:
        run = connection.scalar(select(Fetch.run_id).order_by(Fetch.run_id.desc()).limit(1))
        rows = connection.execute(
            select(Page.site_id, Fetch.outcome).join(Fetch, Fetch.page_id == Page.id).where(Fetch.run_id == run)
        ).all()
    engine.dispose()
    return dict(rows)


def test_a_night_of_304s_starts_no_page_reader(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    first = crawl(workdir, db_url)
    assert READER_STARTED in first.stderr, "the first night reads every page"
    again = crawl(workdir, db_url)
    assert set(last_night(db_url).values()) == {"not_modified"}
    assert READER_STARTED not in again.stderr


def test_a_page_served_byte_for_byte_again_is_not_read(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    web.set_validators(None, False)  # no 304s: every page answers 200
    web.set_noise(None, Noise.quiet())  # ...with the same bytes, night after night
    crawl(workdir, db_url)
    web.advance()
    same = crawl(workdir, db_url)
    assert set(last_night(db_url).values()) == {"unchanged"}
    assert READER_STARTED not in same.stderr
    web.advance()
    web.edit("amal", lambda c: content.replace_contact(c, 0, Person("Sara Lind", ("Internationell samordnare",))))
    edited = crawl(workdir, db_url)
    assert edited.stderr.count(READER_STARTED) == 1, "one changed page starts one reader"
    outcomes = last_night(db_url)
    assert outcomes.pop("amal") == "changed"
    assert set(outcomes.values()) == {"unchanged"}
    engine = engine_for(db_url)
    assert count(engine, Snapshot) == 6  # five first versions and amal's new one
    engine.dispose()
