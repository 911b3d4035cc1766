"""`autobrief status` (and what `autobrief new` writes for it), run as the installed console script.

Every expected file is written out here in full: the command may change the `status:` line and
add history steps, and nothing else, byte for byte.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ENV

SCRIPT = os.path.join(os.path.dirname(sys.executable), "autobrief")
CLI_ENV = {**ENV, "GITHUB_ACTIONS": ""}
FILE = "briefings/2026/02/talks.md"


def autobrief(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], cwd=cwd, env=CLI_ENV, capture_output=True, text=True, timeout=120)


def briefing(root: Path, text: str | bytes, rel: str = FILE) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def moved(root: Path, *args: str, rel: str = FILE) -> subprocess.CompletedProcess:
    """`autobrief status` that succeeds, after which `autobrief check` passes the file."""
    result = autobrief("status", rel, *args, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    check = autobrief("check", rel, cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stderr.strip() == "1 briefing OK"
    return result


def refused(root: Path, *args: str, rel: str = FILE, code: int = 1) -> subprocess.CompletedProcess:
    """`autobrief status` that fails and leaves the file (and its folder) exactly as they were."""
    path = root / rel
    before, listing = path.read_bytes(), sorted(os.listdir(path.parent))
    result = autobrief("status", rel, *args, cwd=root)
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == listing  # no temporary file left behind
    return result


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").replace("\r\n", "\n").split("---\n")[1])


# A v1 briefing: comments on their own line and at the ends of lines (aligned), a flow list,
# quotes, and a body with lines that look like front matter.
V1 = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02                 # publication date of the briefing
status: denied                   # see "Statuses"
# who it is about
companies: [Ford, Xiaomi]
sources:
  - name: Financial Times
  - name: Reuters
    via: Financial Times         # Reuters reported it, citing the FT
    url: 'https://www.reuters.com/'
denials:
  - party: Ford
    statement: Ford called the report false.
authors: [Editor]
---
Body text.

status: reported
companies: [Not, Front, Matter]
---
The end.
"""

V1_CONFIRMED = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02                 # publication date of the briefing
status: confirmed                # see "Statuses"
# who it is about
companies: [Ford, Xiaomi]
sources:
  - name: Financial Times
  - name: Reuters
    via: Financial Times         # Reuters reported it, citing the FT
    url: 'https://www.reuters.com/'
denials:
  - party: Ford
    statement: Ford called the report false.
authors: [Editor]
history:
  - date: 2026-02-02
    status: denied
  - date: 2026-06-10
    status: confirmed
    note: 'A joint statement: the venture is real.'
    url: https://www.example.com/joint-statement
---
Body text.

status: reported
companies: [Not, Front, Matter]
---
The end.
"""


def test_a_briefing_without_history_gets_its_old_status_then_the_new_one(tmp_path):
    path = briefing(tmp_path, V1)
    result = moved(tmp_path, "confirmed", "--note", "A joint statement: the venture is real.",
                   "--url", "https://www.example.com/joint-statement", "--date", "2026-06-10")
    assert result.stdout == f"{FILE}: denied -> confirmed (2026-06-10)\n"
    assert result.stderr == ""
    assert path.read_text(encoding="utf-8") == V1_CONFIRMED
    front = front_matter(path)
    assert front["status"] == "confirmed"
    assert front["history"] == [
        {"date": date(2026, 2, 2), "status": "denied"},
        {"date": date(2026, 6, 10), "status": "confirmed", "note": "A joint statement: the venture is real.",
         "url": "https://www.example.com/joint-statement"},
    ]


# A v1.1 briefing with a history, in CRLF: a quoted status with a comment, a folded note, and
# a blank line and a comment after the history that stay after it.
WITH_HISTORY = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02
status: "denied"  # quoted on purpose
companies: [Ford, Xiaomi]
sources:
  - name: Financial Times
history:
  - date: 2026-02-02
    status: reported
    note: The FT reports exploratory talks.
  - date: 2026-02-10
    status: denied
    note: >-
      Ford and Xiaomi call the report
      false.

# the end of the fields
---
title: not the front matter
---
Body.
"""

WITH_HISTORY_DISPUTED = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02
status: "disputed"  # quoted on purpose
companies: [Ford, Xiaomi]
sources:
  - name: Financial Times
history:
  - date: 2026-02-02
    status: reported
    note: The FT reports exploratory talks.
  - date: 2026-02-10
    status: denied
    note: >-
      Ford and Xiaomi call the report
      false.
  - date: 2026-03-01
    status: disputed
    note: Ford's CEO declines to deny it again.

# the end of the fields
---
title: not the front matter
---
Body.
"""


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def test_a_briefing_with_history_gets_one_step_and_keeps_crlf(tmp_path):
    path = briefing(tmp_path, crlf(WITH_HISTORY))
    result = moved(tmp_path, "disputed", "--note", "Ford's CEO declines to deny it again.", "--date", "2026-03-01")
    assert result.stdout == f"{FILE}: denied -> disputed (2026-03-01)\n"
    assert path.read_bytes() == crlf(WITH_HISTORY_DISPUTED)


def test_a_byte_order_mark_stays(tmp_path):
    path = briefing(tmp_path, b"\xef\xbb\xbf" + crlf(WITH_HISTORY))
    moved(tmp_path, "disputed", "--note", "Ford's CEO declines to deny it again.", "--date", "2026-03-01")
    assert path.read_bytes() == b"\xef\xbb\xbf" + crlf(WITH_HISTORY_DISPUTED)


def test_a_note_that_yaml_1_1_reads_as_true_is_quoted(tmp_path):
    path = briefing(tmp_path, V1)
    moved(tmp_path, "confirmed", "--note", "yes", "--date", "2026-06-10")
    assert "\n    status: confirmed\n    note: 'yes'\n---\n" in path.read_text(encoding="utf-8")


def test_a_layout_the_round_trip_cannot_keep_is_named(tmp_path):
    path = briefing(tmp_path, V1.replace("authors: [Editor]", "authors: [ Editor,  Desk ]"))
    result = moved(tmp_path, "confirmed", "--note", "A joint statement.", "--date", "2026-06-10")
    # Same values, spaced as ruamel.yaml spaces a flow list; the writer is told which line.
    assert result.stderr == ("autobrief status: note: line(s) 15 of the old file are laid out anew, "
                             "with the same values\n")
    assert "\nauthors: [Editor, Desk]\nhistory:\n" in path.read_text(encoding="utf-8")


def test_lf_stays_lf(tmp_path):
    path = briefing(tmp_path, WITH_HISTORY)
    moved(tmp_path, "disputed", "--note", "Ford's CEO declines to deny it again.", "--date", "2026-03-01")
    assert path.read_bytes() == WITH_HISTORY_DISPUTED.encode("utf-8")


def test_steps_follow_the_files_own_list_layout_and_a_time_keeps_its_offset(tmp_path):
    text = """\
---
title: 'Toyota: a solid-state pilot line'
date: 2026-03-01T09:30:00+09:00
status: reported
sources:
- name: Nikkei
  url: https://asia.nikkei.com/
---
Body.
"""
    path = briefing(tmp_path, text, "briefings/2026/03/toyota.md")
    moved(tmp_path, "confirmed", "--note", "Toyota confirms the line.", "--date", "2026-03-05",
          rel="briefings/2026/03/toyota.md")
    assert path.read_text(encoding="utf-8") == text.replace("status: reported", "status: confirmed").replace(
        "---\nBody.", """\
history:
- date: 2026-03-01T09:30:00+09:00
  status: reported
- date: 2026-03-05
  status: confirmed
  note: Toyota confirms the line.
---
Body.""")


def test_the_date_defaults_to_today(tmp_path):
    path = briefing(tmp_path, V1)
    before = date.today()
    result = moved(tmp_path, "retracted", "--note", "The FT withdraws the report.")
    after = date.today()
    assert result.stdout in {f"{FILE}: denied -> retracted ({day.isoformat()})\n" for day in (before, after)}
    assert front_matter(path)["history"][-1] in (
        {"date": day, "status": "retracted", "note": "The FT withdraws the report."} for day in (before, after))


def test_two_moves_in_a_row(tmp_path):
    path = briefing(tmp_path, V1)
    moved(tmp_path, "disputed", "--note", "Ford's CEO hedges.", "--date", "2026-03-01")
    moved(tmp_path, "confirmed", "--note", "A joint statement.", "--date", "2026-03-01")
    assert path.read_text(encoding="utf-8") == V1.replace("status: denied                   #",
                                                          "status: confirmed                #").replace(
        "authors: [Editor]\n", """\
authors: [Editor]
history:
  - date: 2026-02-02
    status: denied
  - date: 2026-03-01
    status: disputed
    note: Ford's CEO hedges.
  - date: 2026-03-01
    status: confirmed
    note: A joint statement.
""")


def test_file_mode_is_kept(tmp_path):
    path = briefing(tmp_path, V1)
    path.chmod(0o640)
    moved(tmp_path, "confirmed", "--note", "A joint statement.", "--date", "2026-06-10")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(path.parent)) == ["talks.md"]


# --- refusals: nothing written --------------------------------------------------------------


def test_a_date_before_the_last_step_is_refused(tmp_path):
    briefing(tmp_path, WITH_HISTORY)
    result = refused(tmp_path, "disputed", "--note", "Too early.", "--date", "2026-02-05")
    assert result.stderr == ("autobrief status: error: history[2].date: 2026-02-05 is earlier than a step before it "
                             "(2026-02-10): history runs oldest first\n")


def test_a_date_before_the_briefing_is_refused(tmp_path):
    briefing(tmp_path, V1)
    result = refused(tmp_path, "confirmed", "--note", "Too early.", "--date", "2026-01-31")
    assert result.stderr == ("autobrief status: error: history[1].date: 2026-01-31 is earlier than the briefing's "
                             "date 2026-02-02\n")


@pytest.mark.parametrize("url, message", [
    ("ftp://example.com/statement", "must be an absolute http or https URL; its scheme is 'ftp:'"),
    ("javascript:alert(1)", "must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("www.example.com/statement", "must be an absolute http or https URL; its scheme is none (a relative URL)"),
], ids=["ftp", "javascript", "relative"])
def test_a_bad_url_is_refused(tmp_path, url, message):
    briefing(tmp_path, V1)
    result = refused(tmp_path, "confirmed", "--note", "A statement.", "--url", url, "--date", "2026-06-10")
    assert result.stderr == f"autobrief status: error: history[1].url: {message}\n"


def test_an_empty_note_is_refused(tmp_path):
    briefing(tmp_path, V1)
    result = refused(tmp_path, "confirmed", "--note", "   ", "--date", "2026-06-10")
    assert result.stderr == "autobrief status: error: history[1].note: must not be empty\n"


def test_the_status_it_has_is_refused(tmp_path):
    briefing(tmp_path, V1)
    result = refused(tmp_path, "denied", "--note", "Denied again.", "--date", "2026-06-10")
    assert result.stderr == "autobrief status: error: status: is already denied\n"


def test_a_file_that_fails_check_is_refused(tmp_path):
    briefing(tmp_path, V1.replace("status: denied ", "status: x      "))
    result = refused(tmp_path, "confirmed", "--note", "A statement.", "--date", "2026-06-10")
    assert result.stderr.splitlines() == [
        f"{FILE}:4: status: 'x' is not a status: use one of reported, denied, disputed, confirmed, retracted",
        f"autobrief status: error: {FILE} does not pass `autobrief check`: fix it first; nothing written",
    ]


def test_a_watch_item_answered_by_a_missing_briefing_is_refused_as_check_refuses_it(tmp_path):
    briefing(tmp_path, V1.replace("authors:", "watch:\n  - item: A filing.\n    by: 2026/06/nothing-here\nauthors:"))
    result = refused(tmp_path, "confirmed", "--note", "A statement.", "--date", "2026-06-10")
    assert result.stderr.splitlines()[0].startswith(
        f"{FILE}:17: watch[0].by: names no briefing: there is none at briefings/2026/06/nothing-here/")
    assert autobrief("check", FILE, cwd=tmp_path).returncode == 1


def test_a_missing_file_is_refused(tmp_path):
    result = autobrief("status", "briefings/nothing.md", "confirmed", "--note", "x", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "briefings/nothing.md:0: path: no such file or folder"


@pytest.mark.parametrize("args, message", [
    (["confirmd", "--note", "x"], "argument STATUS: invalid choice: 'confirmd'"),
    (["confirmed"], "the following arguments are required: --note"),
    (["confirmed", "--note", "x", "--date", "2026-02-30"], "argument --date: '2026-02-30' is not a date"),
], ids=["status", "no-note", "date"])
def test_usage_errors_exit_2_in_one_line(tmp_path, args, message):
    briefing(tmp_path, V1)
    result = refused(tmp_path, *args, code=2)
    assert message in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


def test_a_folder_is_a_usage_error(tmp_path):
    briefing(tmp_path, V1)
    result = autobrief("status", "briefings/2026", "confirmed", "--note", "x", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "autobrief status: error: briefings/2026 is a folder: give one briefing file\n"


def test_help_has_examples(tmp_path):
    result = autobrief("status", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "usage: autobrief status" in result.stdout and "Examples:" in result.stdout
    assert "autobrief status briefings/" in autobrief("--help", cwd=tmp_path).stdout


# --- new ------------------------------------------------------------------------------------


def test_new_has_the_v11_examples_and_status_appends_below_them(tmp_path):
    result = autobrief("new", "Ford and Xiaomi talks", "--source", "Financial Times", "--date", "2026-02-02",
                       "--watch", "An official announcement", "--watch", "A US filing: both names", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rel = result.stdout.strip()
    assert rel == "briefings/2026/02/ford-and-xiaomi-talks.md"
    path = tmp_path / rel
    text = path.read_text(encoding="utf-8")
    assert front_matter(path)["watch"] == ["An official announcement", "A US filing: both names"]
    for example in ("watch:\n  - An official announcement\n  - 'A US filing: both names'\n#   - item: ",
                    "\n#     due: ", "\n#     resolved: ", "\n#     by: 2026/06/",
                    "\n# corrections:", "\n#   - date: 2026-02-03\n#     text: ",
                    "\n# history:  # how the status moved, oldest first; `autobrief status` appends to it\n",
                    "\n#     note: ", "\n#     url: https://"):
        assert example in text, example
    check = autobrief("check", rel, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr

    moved(tmp_path, "denied", "--note", "Ford calls it false.", "--date", "2026-02-03", rel=rel)
    after = path.read_text(encoding="utf-8")
    assert after == text.replace("\nstatus: reported\n", "\nstatus: denied\n", 1).replace(
        "#     url: https://www.example.com/the-statement\n---\n", """\
#     url: https://www.example.com/the-statement
history:
  - date: 2026-02-02
    status: reported
  - date: 2026-02-03
    status: denied
    note: Ford calls it false.
---
""")


def test_new_without_watch_keeps_the_commented_watch_examples(tmp_path):
    result = autobrief("new", "Ford and Xiaomi talks", "--source", "Reuters", "--date", "2026-02-02", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert "\n# watch:\n#   - A signal that would change the status" in text
    assert "\n#   - item: " in text and "\n# history:" in text and "\n# corrections:" in text
    assert "watch" not in front_matter(path) and "history" not in front_matter(path)
    assert autobrief("check", result.stdout.strip(), cwd=tmp_path).returncode == 0


def test_new_rejects_a_blank_watch_line(tmp_path):
    result = autobrief("new", "Ford and Xiaomi", "--source", "Reuters", "--watch", " ", cwd=tmp_path)
    assert result.returncode == 2
    assert "watch[0]: must not be empty" in result.stderr, result.stderr
    assert not (tmp_path / "briefings").exists()


def test_an_earlier_updated_moves_to_the_steps_date_and_keeps_its_comment(tmp_path):
    text = V1.replace("# publication date of the briefing\n",
                      "# publication date of the briefing\nupdated: 2026-02-03  # after the denials\n", 1)
    path = briefing(tmp_path, text)
    result = moved(tmp_path, "confirmed", "--note", "A joint statement.", "--date", "2026-06-10")
    assert "laid out anew" not in result.stderr
    after = path.read_text(encoding="utf-8")
    assert "updated: 2026-06-10  # after the denials\n" in after and "&id" not in after
    # an updated on the step's own day stays as the writer set it
    moved(tmp_path, "retracted", "--note", "The FT withdraws the report.", "--date", "2026-06-10")
    assert "updated: 2026-06-10  # after the denials\n" in path.read_text(encoding="utf-8")
