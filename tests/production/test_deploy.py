"""The deployment runs: `make deploy-check` starts gunicorn, the db_worker and nginx on
loopback from a fresh PostgreSQL database and fetches a page, a static file, an image
rendition, a public and a restricted document (deploy/check.sh), then stops them."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.mark.skipif(
    NGINX is None,
    reason="nginx is not installed: 'apt-get install nginx-light' (.ci/run installs it)",
)
def test_deploy_check_serves_pages_static_media_and_guards_documents():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DEPLOY_CHECK_DATABASE_URL"] = os.environ.get(
        "DEPLOY_CHECK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kennisbank_deploycheck"
    )
    result = subprocess.run(
        ["bash", "deploy/check.sh"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    for name in ("page", "static", "rendition", "public_document", "restricted_document"):
        assert f"ok   {name} " in result.stdout, output[-4000:]
