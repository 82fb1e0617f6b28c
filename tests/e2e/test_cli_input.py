"""Bad input at the command line: one line naming the option or file and the field, exit 2, nothing written.

Every command is run through the real entry point (``crawler.cli.main``) in a fresh folder: with
``--help``, with bad ``--db`` values, against a database that does not exist, and with broken
config files. After each bad run the folder must hold exactly what it held before.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click
import pytest

from crawler.cli import cli, main

from support import run_cli

#: Each command with the arguments it needs to get past click's own checks: every command the CLI has
#: (``test_every_command_has_a_row`` fails for a new one until it is added here).
INVOCATIONS: dict[str, list[str]] = {
    "crawl": ["crawl", "--only", "amal"],
    "changes": ["changes"],
    "report": ["report"],
    "sites": ["sites"],
    "sites export": ["sites", "export"],
    "sites import": ["sites", "import", "table.csv"],
    "history": ["history", "amal"],
    "show": ["show", "amal"],
    "diff": ["diff", "amal"],
    "discover": ["discover", "--only", "amal"],
    "reprocess": ["reprocess"],
    "runs": ["runs"],
    "status": ["status"],
    "schedule": ["schedule"],
    "demo": ["demo"],
    "web": ["web"],
    "users add": ["users", "add", "a@example.se", "--role", "viewer"],
    "users list": ["users", "list"],
    "users password": ["users", "password", "a@example.se"],
    "users disable": ["users", "disable", "a@example.se"],
    "users enable": ["users", "enable", "a@example.se"],
    "users token": ["users", "token", "a@example.se"],
    "db upgrade": ["db", "upgrade"],
    "db current": ["db", "current"],
    "db backup": ["db", "backup", "copy.db"],
}
#: Commands that read only: against a missing database they say so and create nothing.
READERS = [
    "changes",
    "report",
    "history",
    "show",
    "diff",
    "reprocess",
    "runs",
    "status",
    "db backup",
    "users list",
    "users password",
    "users disable",
    "users enable",
    "users token",
]
#: Commands that work on the sites file alone: a --db that is no database URL is still refused, but they
#: never open the database, so a server that is down is no error for them.
NO_DATABASE = {"sites export", "sites import"}


def command_paths(group: click.Group | None = None, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every command a user can run, groups and their subcommands, read from the CLI itself."""
    group = group or cli
    context = click.Context(group)
    paths = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        paths.append(" ".join((*prefix, name)))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths


#: The commands that only group others (``db`` and ``users`` do nothing alone; ``sites`` lists the registry).
GROUPS_ONLY = {"db", "users"}

BAD_DB = {
    "empty": ("", "--db: empty"),
    "typo-scheme": ("postgress://u@127.0.0.1/x", "unsupported database 'postgress'"),
    "mysql-no-driver": ("mysql://u@127.0.0.1/x", "unsupported database 'mysql'"),
    "no-folder": ("sqlite:////nonexistent/dir/x.db", "the folder /nonexistent/dir does not exist"),
    "a-folder": ("{tmp}", "is a folder, not a database file"),
    "no-scheme": ("://", "not a database URL"),
    "unknown-scheme": ("foo://bar", "unsupported database 'foo'"),
    "server-down": ("postgresql://u:Hemligt%23123@127.0.0.1:9/x", "cannot open the database"),
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, with no database or config taken from the environment."""
    for name in ("KOMMUNVAKT_DB", "KOMMUNVAKT_CONFIG", "KOMMUNVAKT_SITES", "KOMMUNVAKT_SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _run(argv: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capfd.readouterr()
    return code, out, err


def test_every_command_has_a_row() -> None:
    assert set(INVOCATIONS) == set(command_paths()) - GROUPS_ONLY
    assert set(READERS) <= set(INVOCATIONS) and set(INVOCATIONS) >= NO_DATABASE


@pytest.mark.parametrize("command", ["", *command_paths()])
def test_every_command_has_help(command: str, folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run([*command.split(), "--help"], capfd)
    assert code == 0, err
    assert f"Usage: kommunvakt {command}".rstrip() in out and "--help" in out
    assert err == "" and _files(folder) == set()


@pytest.mark.parametrize("command", ["", *sorted(GROUPS_ONLY)])
def test_a_group_alone_shows_its_help(command: str, folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """``kommunvakt`` or ``kommunvakt users`` with nothing after it asks what there is: the help, not an error."""
    code, out, err = _run(command.split(), capfd)
    assert code == 0 and err == "", err
    assert out.startswith(f"Usage: kommunvakt {command}".rstrip()) and "Commands:" in out
    assert _files(folder) == set()


@pytest.mark.parametrize("case", sorted(BAD_DB))
@pytest.mark.parametrize("command", sorted(INVOCATIONS))
def test_bad_db_is_one_line_and_exit_2(
    command: str, case: str, folder: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    value, expected = BAD_DB[case]
    if command == "db backup" and case == "server-down":
        expected = "the database is not SQLite"  # it backs up SQLite only, and says so before connecting
    if command in NO_DATABASE and case == "server-down":
        pytest.skip("works on the sites file alone: it never opens the database")
    code, out, err = _run([*INVOCATIONS[command], "--db", value.format(tmp=tmp_path)], capfd)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kommunvakt: --db: "), err
    assert expected in lines[0]
    assert "Hemligt" not in out + err
    assert _files(folder) == set()


@pytest.mark.parametrize("command", READERS)
def test_read_commands_do_not_create_a_database(command: str, folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(INVOCATIONS[command], capfd)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "no database at" in lines[0] and "kommunvakt.db" in lines[0], err
    assert _files(folder) == set()


def test_db_current_names_a_missing_database_without_creating_it(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["db", "current"], capfd)
    assert code == 0
    assert "no database at" in out
    assert _files(folder) == set()


@pytest.mark.parametrize("name", ["a?b.db", "a%41.db", "a b#c.db"])
def test_a_db_path_names_exactly_that_file(name: str, folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["db", "upgrade", "--db", name], capfd)
    assert code == 0, err
    assert _files(folder) >= {name}
    assert not (_files(folder) - {name, f"{name}-wal", f"{name}-shm"})


BAD_CONFIG = {
    "not-utf8": (b'[crawl]\ncontact = "\xe5\xe4\xf6"\n', "not UTF-8"),
    "db-url-number": (b"[database]\nurl = 5\n", "field 'database.url'"),
    "sites-file-list": (b'[sites]\nfile = ["a"]\n', "field 'sites.file'"),
    "misfire-negative": (b"[schedule]\nmisfire_grace = -1\n", "field 'schedule.misfire_grace'"),
    "bad-time": (b'[schedule]\ntime = "25:99"\n', "field 'schedule.time'"),
    "bad-zone": (b'[schedule]\ntimezone = "Europe/Nowhere"\n', "field 'schedule.timezone'"),
    "timeout-negative": (b"[crawl]\ntimeout = -5.0\n", "field 'crawl.timeout'"),
    "timeout-zero": (b"[crawl]\ntimeout = 0\n", "field 'crawl.timeout'"),
    "site-furniture-not-bool": (b'[crawl]\nsite_furniture = "yes"\n', "field 'crawl.site_furniture': must be bool"),
    "max-bytes-negative": (b"[crawl]\nmax_bytes = -1\n", "field 'crawl.max_bytes'"),
    "retries-negative": (b"[crawl]\nretries = -1\n", "field 'crawl.retries'"),
    "backoff-negative": (b"[crawl]\nretry_backoff = -1\n", "field 'crawl.retry_backoff'"),
    "gone-after-zero": (b"[crawl]\ngone_after = 0\n", "field 'crawl.gone_after'"),
    "daily-note-string": (b'[[subscribers]]\nemail = "a@b.se"\ndaily_note = "no"\n', "daily_note"),
    "delivery-policy": (b'[mail]\ndelivery = "exactly-once"\n', "field 'mail.delivery'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIG))
@pytest.mark.parametrize("command", sorted(INVOCATIONS))
def test_bad_config_is_one_line_and_exit_2(
    command: str, case: str, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    content, expected = BAD_CONFIG[case]
    (folder / "kommunvakt.toml").write_bytes(content)
    code, out, err = _run(INVOCATIONS[command], capfd)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "kommunvakt.toml" in lines[0] and expected in lines[0], err
    assert _files(folder) == {"kommunvakt.toml"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["history"], "kommunvakt history: Missing argument 'SITE'"),
        (["crawl", "--bogus"], "kommunvakt crawl: No such option '--bogus'"),
        (["nosuch"], "kommunvakt: No such command 'nosuch'"),
        (["changes", "--kind", "nosuch"], "kommunvakt changes: Invalid value for '--kind'"),
        (["users", "add", "a@example.se"], "kommunvakt users add: Missing option '--role'. Choose from: viewer,"),
        (["demo", "--lang", "fi"], "kommunvakt demo: Invalid value for '--lang'"),
        (["web", "--port", "99999"], "kommunvakt web: Invalid value for '--port'"),
        (["sites", "export", "--format", "ods"], "kommunvakt sites export: Invalid value for '--format'"),
        (["users", "nosuch"], "kommunvakt users: No such command 'nosuch'"),
    ],
    ids=[
        "missing-argument",
        "unknown-option",
        "unknown-command",
        "bad-choice",
        "missing-choice",
        "demo-language",
        "port-range",
        "subcommand-choice",
        "unknown-subcommand",
    ],
)
def test_usage_errors_are_one_line(
    argv: list[str], expected: str, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(argv, capfd)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected), err


@pytest.fixture
def stored(folder: Path, capfd: pytest.CaptureFixture[str]) -> Path:
    """A folder with an empty, current database (what a first `db upgrade` leaves)."""
    assert main(["db", "upgrade"]) == 0
    capfd.readouterr()
    return folder


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["changes", "--run", "999999"], "--run: no crawl run 999999"),
        (["report", "--run", "999999"], "--run: no crawl run 999999"),
        (["changes", "--site", "nosuch"], "--site: unknown site id(s): nosuch"),
        (["report", "--output", "/nonexistent/dir/r.html"], "--output: the folder /nonexistent/dir does not exist"),
    ],
    ids=["changes-unknown-run", "report-unknown-run", "changes-unknown-site", "report-output-folder"],
)
def test_unknown_run_site_or_folder_is_not_an_empty_all_clear(
    argv: list[str], expected: str, stored: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    before = _files(stored)
    code, out, err = _run(argv, capfd)
    assert code == 2, (out, err)
    assert "Inga ändringar" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], err
    assert {f for f in _files(stored) if not f.endswith(("-wal", "-shm"))} == before  # SQLite's own side files


def test_a_secret_in_the_db_url_never_reaches_the_output_of_a_real_process(tmp_path: Path) -> None:
    """The same check through a separate process, as a user or systemd's journal would see it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOMMUNVAKT_")}
    env["KOMMUNVAKT_DB"] = "postgresql://kv:Hemligt#123/@127.0.0.1:9/x"
    result = run_cli("changes", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "Hemligt" not in result.stdout + result.stderr
    assert result.stderr.startswith("kommunvakt: KOMMUNVAKT_DB: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("password", ["Hemligt#123", "Hem/ligt", "Hem?ligt", "Hemligt@x"])
def test_an_smtp_password_is_never_printed(
    password: str, stored: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KOMMUNVAKT_SMTP_URL", f"smtp://kv:{password}@127.0.0.1:99999")
    code, out, err = _run(["report", "--to", "analytiker@example.se"], capfd)
    assert code == 2, (out, err)
    assert password.split("@")[0] not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "KOMMUNVAKT_SMTP_URL" in lines[0] and "kv:***@" in lines[0], err


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.amal.se:99999/x", "field 'url'"),
        ("https://www.amal.se:abc/x", "field 'url'"),
        ("http://[::1/x", "field 'url'"),
        ("https://www.amal.se/a\x07b", "sites.yaml:3: not valid YAML"),
    ],
    ids=["port-out-of-range", "port-not-a-number", "unclosed-ipv6", "control-character"],
)
def test_a_bad_url_in_the_sites_file_stops_before_the_crawl(
    url: str, expected: str, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """One typo in a 290-entry registry must not stop the night half-way: it is refused when the file is read."""
    sites = folder / "sites.yaml"
    sites.write_text(f'- id: amal\n  name: Åmål\n  url: "{url}"\n', encoding="utf-8")
    code, out, err = _run(["crawl", "--sites", str(sites)], capfd)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "sites.yaml" in lines[0] and expected in lines[0], err
    assert _files(folder) == {"sites.yaml"}


def _alias_bomb() -> str:
    """A billion-laughs value (9**10 strings once expanded) in the field the error message names."""
    inner = ['&l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    inner += [f"&l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "- id: x\n  name: y\n  home: https://a.se/\n  code: [" + ", ".join(inner) + "]\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_alias_bomb(), "field 'code': must be a 4-digit string in quotes, like \"0114\" (got a list)"),
        ("- id: a\n  name: b\n  url: https://a.se/\x00\n", "sites.yaml:3: not valid YAML"),
        ("- " + "[" * 10_000, "nested too deeply"),
        ("- id: a\n  name: b\n  home: https://a.se/\n" * 200_000, "over 5 MB, too large for a registry"),
    ],
    ids=["alias-bomb", "nul", "deep-nesting", "ten-megabytes"],
)
def test_hostile_sites_files_are_one_line(
    content: str, expected: str, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    sites = folder / "sites.yaml"
    sites.write_text(content, encoding="utf-8")
    code, out, err = _run(["sites", "--sites", str(sites)], capfd)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], err[:500]


@pytest.mark.parametrize("command", ["web", "demo --web"])
@pytest.mark.parametrize("where", ["port-in-use", "host-not-here"])
def test_an_address_that_cannot_be_listened_on_is_one_line(
    command: str, where: str, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Before: uvicorn's log lines and exit code 3, after the database was made (and, for the demo, after both
    nights). Now the address is bound first."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        if where == "host-not-here" and command == "demo --web":
            pytest.skip("the demo listens on 127.0.0.1 only")
        address = ["--host", "192.0.2.1"] if where == "host-not-here" else []
        code, out, err = _run([*command.split(), "--port", port, *address], capfd)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "cannot listen on" in lines[0] and port in lines[0], err
    assert _files(folder) == set()
