"""A bounded schemathesis run against /api/openapi.json of the running service: no input yields a server error."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from helpdesk.config import Config
from tests.conftest import KB_DIR
from tests.mailkit import RunningService

SCHEMATHESIS = shutil.which(
    "schemathesis", path=str(Path(__file__).resolve().parent.parent / ".venv" / "bin")
) or shutil.which("schemathesis")


@pytest.mark.skipif(SCHEMATHESIS is None, reason="schemathesis is not installed")
def test_no_server_errors_for_generated_requests(tmp_path: Path) -> None:
    running = RunningService(
        Config.from_env(
            {
                "HELPDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}",
                "HELPDESK_SMTP_PORT": "0",
                "HELPDESK_WEB_PORT": "0",
                "HELPDESK_KB_DIR": str(KB_DIR),
                "HELPDESK_LONG_POLL_SECONDS": "1",
            }
        )
    )
    try:
        base = f"http://127.0.0.1:{running.service.web_port}"
        request = urllib.request.Request(
            f"{base}/api/chat/conversations", data=b"{}", method="POST", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            token = json.load(response)["token"]
        result = subprocess.run(
            [
                str(SCHEMATHESIS),
                "run",
                f"{base}/api/openapi.json",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                "15",
                "--header",
                f"Authorization: Bearer {token}",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    finally:
        running.stop()
