"""The build makes no network request: sockets to other hosts are blocked, and it still succeeds."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ENV, ROOT, engine, make_project


def test_build_succeeds_with_the_network_blocked(tmp_path):
    project = make_project(tmp_path, {}, with_seed=True)
    netlog = tmp_path / "net.log"
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests/offline"), ENV.get("PYTHONPATH", "")]),
           "AUTOBRIEF_NETLOG": str(netlog)}
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), 1)"],
                           env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and "blocked by the offline test" in probe.stderr  # the guard is live
    netlog.unlink()
    result = subprocess.run([*engine("build"), "--strict"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not netlog.exists(), netlog.read_text()
