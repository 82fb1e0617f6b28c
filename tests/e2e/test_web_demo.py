"""`kommunvakt demo --web`: the demo's two nights, then its data in the real web app with the account it prints."""

from __future__ import annotations

import re
import socket
import threading
from pathlib import Path

import httpx
import pytest
from web_support import csrf_of

from support import start_cli, wait_for

pytestmark = pytest.mark.slow


def test_demo_web_serves_the_demo_data_to_the_printed_account(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = start_cli("demo", "--web", "--port", str(port), cwd=tmp_path, env={})
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        # the demo speaks the configured language, Swedish by default, down to the line with the account
        wait_for(lambda: process.poll() is not None or any("logga in som" in ln for ln in lines), 240, "the account")
        assert process.poll() is None, "".join(lines)
        line = next(ln for ln in lines if "logga in som" in ln)
        match = re.search(r"logga in som (\S+) med lösenordet (\S+)", line)
        assert match, line
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answers(base + "/healthz"), 30, "the web app")
        with httpx.Client(base_url=base) as client:
            form = client.get("/login").text
            assert "Logga in" in form
            response = client.post(
                "/login", data={"csrf": csrf_of(form), "email": match.group(1), "password": match.group(2)}
            )
            assert response.status_code == 303
            changes = client.get("/changes.json").json()
            assert changes["total"] > 0  # the second night's edits
            assert {c["kind"] for c in changes["changes"]} >= {"contact_added"}
    finally:
        process.terminate()
        process.wait(timeout=15)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False
