"""Hostile input for contract v1.1 (history, corrections, watch mappings): every rule, its exact line.

Each briefing is written out here by hand. The line an error must name is found in the text
written (``at(text, marker)``: the one line holding a marker, usually a YAML comment such as
``# <-``), never asked of the code under test. Every case runs through the core
(``check_file``, ``load_corpus``); the single-file cases also through the installed
``autobrief`` script, and one v1.1 error through a real ``mkdocs build --strict``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from autobrief.core.corpus import check_file, load_corpus
from conftest import ENV, build, make_project

AUTOBRIEF = str(Path(sys.executable).parent / "autobrief")
CLI_ENV = {**ENV, "GITHUB_ACTIONS": ""}
P = "briefings/2026/02/{}.md"
UTC = timezone.utc

STATUSES = "reported, denied, disputed, confirmed, retracted"
INVISIBLE = "has no visible text, only invisible characters such as U+{:04X}: write it in visible letters"
NOT_ADDRESS = "'{}' is not a briefing's address: write YYYY/MM/slug, e.g. 2026/06/ford-xiaomi-venture-announced"
NOT_A_DATE = "'{}' is not a date: write YYYY-MM-DD or an ISO 8601 time with offset, e.g. 2026-02-02T09:30:00+01:00"
ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[^\n]+?): (?P<message>[^\n]+)$")

# Lines 1-6 of every briefing below; the fields of each case follow from line 7 on.
HEAD = """\
---
title: Ford and Xiaomi talked about cooperation on cars in the US?
date: 2026-02-02
status: denied
sources:
  - name: Financial Times
"""


def doc(tail: str, head: str = HEAD) -> str:
    """A whole briefing: the head, the case's own fields, the closing --- and a body."""
    return head + tail + "---\nBody text.\n"


def at(text: str, marker: str) -> int:
    """The 1-based line of the one line of ``text`` that holds ``marker``."""
    hits = [number for number, line in enumerate(text.split("\n"), 1) if marker in line]
    assert len(hits) == 1, f"marker {marker!r} is on lines {hits}"
    return hits[0]


class Starts(str):
    """An expected line given as its exact `path:line: field: ` and the start of its message."""


def err(path: str, text: str, marker: str, field: str, message: str, *, starts: bool = False) -> str:
    line = f"{path}:{at(text, marker)}: {field}: {message}"
    return Starts(line) if starts else line


def fits(actual: str, expected: str) -> bool:
    return actual.startswith(expected) if isinstance(expected, Starts) else actual == expected


def assert_lines(actual: list[str], expected: list[str], what: str = "") -> None:
    """``actual`` holds exactly the expected lines (one each, in any order), each `path:line: field: message`."""
    left = list(actual)
    missing = []
    for line in expected:
        match = next((a for a in left if fits(a, line)), None)
        if match is None:
            missing.append(line)
        else:
            left.remove(match)
    bad_shape = [a for a in actual if not ERROR_LINE.match(a)]
    assert not (missing or left or bad_shape), (
        f"{what}\nmissing: {missing}\nunexpected: {left}\nnot path:line: field: message: {bad_shape}"
    )


def core_lines(text: str, stem: str, path: str | None = None) -> list[str]:
    briefing, errors = check_file(text.encode("utf-8"), path or P.format(stem), stem)
    assert (briefing is None) == bool(errors)
    return [str(e) for e in errors]


def autobrief(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([AUTOBRIEF, *args], cwd=cwd, env=CLI_ENV, capture_output=True, text=True, timeout=60)


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / "briefings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


# --- the single-file cases: (id = file stem, text, expected lines) ---------------------------------
# Each function gets the case's path, and returns its text and the lines it must give.

def _case(tail: str, *expected: tuple, head: str = HEAD):
    """A case from its fields and its expected lines as (marker, field, message[, starts])."""
    text = doc(tail, head)

    def lines(path: str) -> list[str]:
        return [err(path, text, marker, field, message, starts=bool(rest and rest[0]))
                for marker, field, message, *rest in expected]

    return text, lines


RAW_CASES = {
    # --- history ---------------------------------------------------------------------------------
    "history-entry-text": _case(
        "history:\n"
        "  - reported  # <-\n",
        ("# <-", "history[0]", "must be a mapping of fields, not text")),
    "history-entry-number": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n"
        "  - 7  # <-\n",
        ("# <-", "history[1]", "must be a mapping of fields, not a number")),
    "history-no-date": _case(
        "history:\n"
        "  - status: denied  # <-\n"
        "    note: The FT reports exploratory talks.\n",
        ("# <-", "history[0].date", "is required", True)),
    "history-no-status": _case(
        "history:\n"
        "  - date: 2026-02-02  # <-\n"
        "    note: The FT reports exploratory talks.\n",
        ("# <-", "history[0].status", "is required", True)),
    "history-bad-status": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: denid  # <-\n",
        ("# <-", "history[0].status",
         f"'denid' is not a status: use one of {STATUSES}; did you mean 'denied'?")),
    "history-unknown-field": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n"
        "    notes: Ford and Xiaomi call the report false.  # <-\n",
        ("# <-", "history[0].notes", "unknown field; did you mean 'note'?")),
    "history-note-empty": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n"
        '    note: "  "  # <-\n',
        ("# <-", "history[0].note", "must not be empty")),
    "history-note-invisible": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n"
        '    note: "\\u200b \\u2060"  # <-\n',
        ("# <-", "history[0].note", INVISIBLE.format(0x200B))),
    "history-url-javascript": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n"
        "    url: javascript:alert(1)  # <-\n",
        ("# <-", "history[0].url", "must be an absolute http or https URL; its scheme is 'javascript:'")),
    "history-before-date": _case(
        "history:\n"
        "  - date: 2026-02-01  # <-\n"
        "    status: reported\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n",
        ("# <-", "history[0].date", "2026-02-01 is earlier than the briefing's date 2026-02-02")),
    "history-time-before-date": _case(  # the day before, late in the evening (UTC): before the briefing's day
        "history:\n"
        "  - date: 2026-02-01T23:59:59+00:00  # <-\n"
        "    status: denied\n",
        ("# <-", "history[0].date", "2026-02-01T23:59:59+00:00 is earlier than the briefing's date 2026-02-02")),
    "history-decreases": _case(
        "history:\n"
        "  - date: 2026-02-05\n"
        "    status: reported\n"
        "  - date: 2026-02-03  # <-\n"
        "    status: denied\n",
        ("# <-", "history[1].date",
         "2026-02-03 is earlier than a step before it (2026-02-05): history runs oldest first")),
    "history-time-before-bare-day": _case(  # 23:00 on the 2nd comes before the whole day of the 3rd
        "history:\n"
        "  - date: 2026-02-03\n"
        "    status: reported\n"
        "  - date: 2026-02-02T23:00:00+00:00  # <-\n"
        "    status: denied\n",
        ("# <-", "history[1].date",
         "2026-02-02T23:00:00+00:00 is earlier than a step before it (2026-02-03): history runs oldest first")),
    "history-bare-day-keeps-the-latest-time": _case(  # a bare date between two times does not reset the clock
        "history:\n"
        "  - date: 2026-02-03T15:00:00+00:00\n"
        "    status: reported\n"
        "  - date: 2026-02-03\n"
        "    status: disputed\n"
        "  - date: 2026-02-03T10:00:00+00:00  # <-\n"
        "    status: denied\n",
        ("# <-", "history[2].date", "2026-02-03T10:00:00+00:00 is earlier than a step before it "
                                    "(2026-02-03T15:00:00+00:00): history runs oldest first")),
    "history-last-status-differs": _case(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: reported\n"
        "  - date: 2026-02-03\n"
        "    status: disputed  # <-\n"
        "    note: Xiaomi denies; Ford declines to comment.\n",
        ("# <-", "history[1].status", "is 'disputed', but the briefing's status is 'denied': "
                                      "the last step of the history is the current status")),
    "history-mapping": _case(
        "history:  # <-\n"
        "  date: 2026-02-02\n"
        "  status: denied\n",
        ("# <-", "history", "must be a list, not a mapping")),
    # --- corrections -----------------------------------------------------------------------------
    "corrections-no-text": _case(
        "corrections:\n"
        "  - date: 2026-02-03  # <-\n",
        ("# <-", "corrections[0].text", "is required: what was wrong, and what the briefing now says")),
    "corrections-no-date": _case(
        "corrections:\n"
        "  - date: 2026-02-03\n"
        "    text: An earlier version said the talks were about batteries.\n"
        "  - text: An earlier version misspelt Xiaomi.  # <-\n",
        ("# <-", "corrections[1].date", "is required", True)),
    "corrections-text-spaces": _case(
        "corrections:\n"
        "  - date: 2026-02-03\n"
        '    text: "   "  # <-\n',
        ("# <-", "corrections[0].text", "must not be empty")),
    "corrections-text-zero-width": _case(
        "corrections:\n"
        "  - date: 2026-02-03\n"
        '    text: "\\u200b\\u200b"  # <-\n',
        ("# <-", "corrections[0].text", INVISIBLE.format(0x200B))),
    "corrections-before-date": _case(
        "corrections:\n"
        "  - date: 2026-02-03\n"
        "    text: An earlier version said the talks were about batteries.\n"
        "  - date: 2026-01-31  # <-\n"
        "    text: An earlier version misspelt Xiaomi.\n",
        ("# <-", "corrections[1].date", "2026-01-31 is earlier than the briefing's date 2026-02-02")),
    "corrections-unknown-field": _case(
        "corrections:\n"
        "  - date: 2026-02-03\n"
        "    text: An earlier version said the talks were about batteries.\n"
        "    texte: A second text.  # <-\n",
        ("# <-", "corrections[0].texte", "unknown field; did you mean 'text'?")),
    # --- watch -----------------------------------------------------------------------------------
    "watch-number": _case(
        "watch:\n"
        "  - An official announcement.\n"
        "  - 42  # <-\n",
        ("# <-", "watch[1]", "must be text, or a mapping with item (and due, resolved, by), not a number")),
    "watch-no-item": _case(
        "watch:\n"
        "  - due: 2026-06-30  # <-\n"
        "    resolved: 2026-06-10\n",
        ("# <-", "watch[0].item", "is required: the signal to watch")),
    "watch-bad-due": _case(
        "watch:\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    due: 2026-13-01  # <-\n",
        ("# <-", "watch[0].due", NOT_A_DATE.format("2026-13-01"))),
    "watch-due-words": _case(
        "watch:\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    due: next summer  # <-\n",
        ("# <-", "watch[0].due", NOT_A_DATE.format("next summer"))),
    "watch-resolved-before-date": _case(
        "watch:\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    due: 2026-06-30\n"
        "    resolved: 2026-02-01  # <-\n",
        ("# <-", "watch[0].resolved", "2026-02-01 is earlier than the briefing's date 2026-02-02")),
    "watch-unknown-field": _case(
        "watch:\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    resolve: 2026-06-10  # <-\n",
        ("# <-", "watch[0].resolve", "unknown field; did you mean 'resolved'?")),
    "watch-by-month-13": _case(
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    by: 2026/13/ford-xiaomi-venture  # <-\n",
        ("# <-", "watch[0].by", NOT_ADDRESS.format("2026/13/ford-xiaomi-venture"))),
    "watch-by-one-digit-month": _case(
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    by: 2026/6/ford-xiaomi-venture  # <-\n",
        ("# <-", "watch[0].by", NOT_ADDRESS.format("2026/6/ford-xiaomi-venture"))),
    "watch-by-uppercase": _case(
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    by: 2026/06/Ford-Xiaomi-Venture  # <-\n",
        ("# <-", "watch[0].by", NOT_ADDRESS.format("2026/06/Ford-Xiaomi-Venture"))),
    "watch-by-trailing-slash": _case(
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    by: 2026/06/ford-xiaomi-venture/  # <-\n",
        ("# <-", "watch[0].by", NOT_ADDRESS.format("2026/06/ford-xiaomi-venture/"))),
    "watch-by-briefings-prefix": _case(
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    by: briefings/2026/06/ford-xiaomi-venture  # <-\n",
        ("# <-", "watch[0].by", NOT_ADDRESS.format("briefings/2026/06/ford-xiaomi-venture"))),
    "watch-by-itself": _case(
        "watch:\n"
        "  - A formal partnership announcement.\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    by: 2026/02/watch-by-itself  # <-\n",
        ("# <-", "watch[1].by", "'2026/02/watch-by-itself' is this briefing: name the briefing that answered it")),
    "watch-by-itself-by-slug": _case(
        "slug: ford-xiaomi-us-talks\n"
        "watch:\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    by: 2026/02/ford-xiaomi-us-talks  # <-\n",
        ("# <-", "watch[0].by", "'2026/02/ford-xiaomi-us-talks' is this briefing: name the briefing that answered it")),
    # --- several rules at once: the front matter fails (a broken title), the v1.1 rules still run ---
    "several-with-a-broken-title": _case(
        "history:\n"
        "  - date: 2026-02-05\n"
        "    status: reported\n"
        "  - date: 2026-02-04  # <-h1d\n"
        "    status: confirmed  # <-h1s\n"
        "corrections:\n"
        "  - date: 2026-01-30  # <-c0\n"
        "    text: An earlier version misspelt Xiaomi.\n"
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    resolved: 2026-01-15  # <-w0\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    by: 2026/02/several-with-a-broken-title  # <-w1\n",
        ("title:", "title", "must not be empty"),
        ("# <-h1d", "history[1].date",
         "2026-02-04 is earlier than a step before it (2026-02-05): history runs oldest first"),
        ("# <-h1s", "history[1].status", "is 'confirmed', but the briefing's status is 'denied': "
                                         "the last step of the history is the current status"),
        ("# <-c0", "corrections[0].date", "2026-01-30 is earlier than the briefing's date 2026-02-02"),
        ("# <-w0", "watch[0].resolved", "2026-01-15 is earlier than the briefing's date 2026-02-02"),
        ("# <-w1", "watch[1].by",
         "'2026/02/several-with-a-broken-title' is this briefing: name the briefing that answered it"),
        head=HEAD.replace("title: Ford and Xiaomi talked about cooperation on cars in the US?", 'title: "  "')),
    "several-in-a-valid-front-matter": _case(
        "history:\n"
        "  - date: 2026-01-20  # <-h0\n"
        "    status: reported\n"
        "  - date: 2026-02-03\n"
        "    status: denied\n"
        "    notes: typo  # <-h1n\n"
        "corrections:\n"
        "  - date: 2026-02-03  # <-c0 (no text)\n"
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    due: 2026-02-30  # <-w0\n",
        ("# <-h0", "history[0].date", "2026-01-20 is earlier than the briefing's date 2026-02-02"),
        ("# <-h1n", "history[1].notes", "unknown field; did you mean 'note'?"),
        ("# <-c0", "corrections[0].text", "is required", True),
        ("# <-w0", "watch[0].due", NOT_A_DATE.format("2026-02-30"))),
}


CASES = [(case_id, text, lines(P.format(case_id))) for case_id, (text, lines) in RAW_CASES.items()]

VALID_CASES = {
    "history-empty-list": doc("history: []\ncorrections: []\nwatch: []\n"),
    "history-bare-day-after-a-time-of-that-day": doc(
        "history:\n"
        "  - date: 2026-02-03T15:00:00+00:00\n"
        "    status: reported\n"
        "  - date: 2026-02-03\n"
        "    status: denied\n"),
    "history-same-day-steps-and-time-on-the-briefings-day": doc(
        "history:\n"
        "  - date: 2026-02-02T00:00:00+00:00\n"
        "    status: reported\n"
        "    note: The FT reports exploratory talks.\n"
        "  - date: 2026-02-02\n"
        "    status: denied\n"
        "    note: Ford and Xiaomi call the report false.\n"
        "    url: https://example.com/statement\n"),
    "watch-mixed-text-and-mappings": doc(
        "watch:\n"
        "  - A formal partnership announcement.\n"
        "  - item: Any US regulatory filing naming both companies.\n"
        "    due: 2026-06-30\n"
        "    resolved: 2026-06-10\n"
        "  - Xiaomi's US trademark filings.\n"
        "  - item: A reply from the Commerce Department.\n"),
    # Valid on its own (its address is 2026/02/venture-talks, so the stem names another briefing);
    # across files it names none, which test_autobrief_check_prints_the_same_lines expects.
    "watch-by-the-stem-when-slug-differs": doc(
        "slug: venture-talks\n"
        "watch:\n"
        "  - item: A formal partnership announcement.\n"
        "    by: 2026/02/watch-by-the-stem-when-slug-differs\n"),
    "corrections-on-the-briefings-day": doc(
        "corrections:\n"
        "  - date: 2026-02-02T18:00:00+01:00\n"
        "    text: An earlier version said the talks were about batteries.\n"),
}


@pytest.mark.parametrize("case_id, text, expected", CASES, ids=[c[0] for c in CASES])
def test_each_v11_rule_gives_its_exact_line(case_id, text, expected):
    assert_lines(core_lines(text, case_id), expected, case_id)


@pytest.mark.parametrize("case_id", list(VALID_CASES))
def test_valid_v11_shapes_pass(case_id):
    assert core_lines(VALID_CASES[case_id], case_id) == []


def test_the_line_helper_counts_as_an_editor_does():
    """The helper itself: it counts lines as an editor does, from 1, and refuses an ambiguous marker."""
    text = doc("history:\n  - date: 2026-02-02  # <-\n    status: denied\n")
    assert at(text, "title:") == 2
    assert at(text, "# <-") == 8
    with pytest.raises(AssertionError):
        at(text, "date:")


def test_watch_item_without_by_is_not_this_briefing_when_the_date_is_broken():
    """A broken `date` is one error; a watch mapping with no `by` names no briefing at all, itself included."""
    for broken in ("date: 2026-02-30  # <-", "date: soon  # <-"):
        head = HEAD.replace("date: 2026-02-02", broken)
        text = doc("watch:\n  - item: A formal partnership announcement.\n    due: 2026-06-30\n", head)
        value = broken.split()[1]
        assert_lines(core_lines(text, "talks"),
                     [err(P.format("talks"), text, "# <-", "date", NOT_A_DATE.format(value))], broken)
    # no date at all
    head = HEAD.replace("date: 2026-02-02\n", "")
    text = doc("watch:\n  - item: A formal partnership announcement.\n", head)
    assert_lines(core_lines(text, "talks"), [f"{P.format('talks')}:1: date: is required: the publication date, YYYY-MM-DD"])


# --- `updated` from history and corrections --------------------------------------------------------

def modified(text: str):
    briefing, errors = check_file(text.encode("utf-8"), P.format("talks"), "talks")
    assert not errors, errors
    return briefing.modified


def test_modified_is_the_latest_history_or_correction_date_without_updated():
    text = doc(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: reported\n"
        "  - date: 2026-02-10\n"
        "    status: denied\n"
        "corrections:\n"
        "  - date: 2026-02-12\n"  # the latest, though not the last entry
        "    text: An earlier version said the talks were about batteries.\n"
        "  - date: 2026-02-05\n"
        "    text: An earlier version misspelt Xiaomi.\n")
    assert modified(text) == datetime(2026, 2, 12, tzinfo=UTC)


def test_modified_keeps_a_steps_time_and_offset():
    text = doc(
        "history:\n"
        "  - date: 2026-02-02\n"
        "    status: reported\n"
        "  - date: 2026-02-11T09:30:00+01:00\n"
        "    status: denied\n"
        "corrections:\n"
        "  - date: 2026-02-10\n"
        "    text: An earlier version misspelt Xiaomi.\n")
    assert modified(text) == datetime(2026, 2, 11, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert modified(text) == datetime(2026, 2, 11, 8, 30, tzinfo=UTC)


def test_updated_when_given_wins_and_without_anything_modified_is_the_date():
    given = doc("updated: 2026-02-04\nhistory:\n  - date: 2026-02-09\n    status: denied\n")
    assert modified(given) == datetime(2026, 2, 4, tzinfo=UTC)
    assert modified(doc("")) == datetime(2026, 2, 2, tzinfo=UTC)
    assert modified(doc("corrections:\n  - date: 2026-03-01\n    text: A fix.\n")) == datetime(2026, 3, 1, tzinfo=UTC)


# --- `by` across briefings: load_corpus of a folder ----------------------------------------------

def briefing(date: str, tail: str = "", *, title: str = "A briefing", status: str = "denied") -> str:
    return doc(tail, f"---\ntitle: {title}\ndate: {date}\nstatus: {status}\nsources:\n  - name: Reuters\n")


CORPUS = {
    # answered by a briefing of another month: fine
    "2026/02/talks.md": briefing("2026-02-02", "watch:\n"
                                 "  - An official announcement.\n"
                                 "  - item: A joint venture.\n"
                                 "    resolved: 2026-06-10\n"
                                 "    by: 2026/06/venture\n"),
    "2026/06/venture.md": briefing("2026-06-10", "history:\n  - date: 2026-06-10\n    status: confirmed\n",
                                   status="confirmed"),
    # kept in a folder other than its date's: its address is from its date and slug
    "2026/06/misfiled.md": briefing("2026-05-30"),
    "2026/02/names-none.md": briefing("2026-02-03", "watch:\n"
                                      "  - item: A joint venture.\n"
                                      "    by: 2026/06/ventur  # <-\n"),
    "2026/02/names-by-folder.md": briefing("2026-02-03", "watch:\n"
                                           "  - item: A joint venture.\n"
                                           "    by: 2026/06/misfiled  # <-\n"),
    "2026/02/names-the-stem-not-the-slug.md": briefing("2026-02-04", "slug: renamed\nwatch:\n"
                                                       "  - item: A joint venture.\n"
                                                       "    by: 2026/02/names-the-stem-not-the-slug  # <-\n"),
    "2026/03/secret.md": briefing("2026-03-05", "draft: true\n"),
    "2026/02/names-a-draft.md": briefing("2026-02-05", "watch:\n"
                                         "  - First item.\n"
                                         "  - item: A joint venture.\n"
                                         "    by: 2026/03/secret  # <-\n"),
    "2026/03/draft-names-a-draft.md": briefing("2026-03-06", "draft: true\nwatch:\n"
                                               "  - item: A joint venture.\n"
                                               "    by: 2026/03/secret\n"),
    "2026/04/names-misfiled-by-date.md": briefing("2026-04-01", "watch:\n"
                                                  "  - item: A joint venture.\n"
                                                  "    by: 2026/05/misfiled\n"),
}


def corpus_expected() -> list[str]:
    def one(rel: str, field: str, message: str) -> str:
        return err("briefings/" + rel, CORPUS[rel], "# <-", field, message)

    return [
        one("2026/02/names-none.md", "watch[0].by", "names no briefing: there is none at briefings/2026/06/ventur/ "
                                                   "(its date's year and month, then its slug)"),
        one("2026/02/names-by-folder.md", "watch[0].by", "names no briefing: there is none at "
                                                        "briefings/2026/06/misfiled/ (its date's year and month, then its slug)"),
        one("2026/02/names-the-stem-not-the-slug.md", "watch[0].by",
            "names no briefing: there is none at briefings/2026/02/names-the-stem-not-the-slug/ "
            "(its date's year and month, then its slug)"),
        one("2026/02/names-a-draft.md", "watch[1].by",
            "names briefings/2026/03/secret/, a draft, which the published site leaves out: publish it first"),
    ]


def test_by_must_name_an_existing_published_briefing(tmp_path):
    write(tmp_path, CORPUS)
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert_lines([str(e) for e in corpus.errors], corpus_expected())
    assert {b.path for b in corpus.drafts} == {"briefings/2026/03/secret.md", "briefings/2026/03/draft-names-a-draft.md"}
    assert {b.path for b in corpus.briefings} == {"briefings/" + rel for rel in CORPUS} - {
        b.path for b in corpus.drafts}


def test_with_drafts_shown_a_draft_may_name_a_draft_and_a_published_one_still_may_not(tmp_path):
    write(tmp_path, CORPUS)
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path, include_drafts=True)
    assert_lines([str(e) for e in corpus.errors], corpus_expected())


def test_a_drafts_by_that_names_no_briefing_is_an_error_of_the_build_as_of_check(tmp_path):
    """The contract: `by` names a briefing that must exist; the build and `autobrief check` list the same errors.

    A draft is validated by every build (its other errors fail it), so its dangling `by` must fail it too.
    """
    files = {"2026/03/secret.md": briefing("2026-03-05", "draft: true\nwatch:\n"
                                                         "  - item: A joint venture.\n"
                                                         "    by: 2026/06/nothing  # <-\n")}
    write(tmp_path, files)
    expected = [err("briefings/2026/03/secret.md", files["2026/03/secret.md"], "# <-", "watch[0].by",
                    "names no briefing: there is none at briefings/2026/06/nothing/ "
                    "(its date's year and month, then its slug)")]
    check = autobrief("check", cwd=tmp_path)
    assert_lines(check.stdout.splitlines(), expected, "autobrief check")
    corpus = load_corpus(tmp_path / "briefings", base=tmp_path)
    assert_lines([str(e) for e in corpus.errors], expected, "load_corpus (the build)")


# --- the same through the installed `autobrief` script ---------------------------------------------

def test_autobrief_check_prints_the_same_lines(tmp_path):
    files = {f"2026/02/{case_id}.md": text for case_id, text, _ in CASES}
    files.update({f"2026/02/{case_id}.md": text for case_id, text in VALID_CASES.items()})
    write(tmp_path, files)
    result = autobrief("check", cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    expected = [line for _, _, lines in CASES for line in lines]
    # watch-by-the-stem-when-slug-differs names a briefing that is not there: the corpus says so
    stem_case = VALID_CASES["watch-by-the-stem-when-slug-differs"]
    expected.append(err(P.format("watch-by-the-stem-when-slug-differs"), stem_case,
                        "by: 2026/02/watch-by-the-stem-when-slug-differs", "watch[0].by",
                        "names no briefing: there is none at briefings/2026/02/watch-by-the-stem-when-slug-differs/ "
                        "(its date's year and month, then its slug)"))
    assert_lines(result.stdout.splitlines(), expected, "autobrief check")
    assert result.stdout.splitlines() == sorted(result.stdout.splitlines(),
                                                key=lambda l: (l.split(":")[0], int(l.split(":")[1])))
    bad_files = len(CASES) + 1
    assert result.stderr.strip() == f"{len(expected)} errors in {bad_files} of {len(files)} files"


def test_autobrief_check_of_the_folder_agrees_with_load_corpus(tmp_path):
    write(tmp_path, CORPUS)
    result = autobrief("check", "briefings", cwd=tmp_path)
    assert result.returncode == 1
    assert_lines(result.stdout.splitlines(), corpus_expected(), "autobrief check briefings")


def test_autobrief_check_one_file_reads_the_rest_of_its_folder_for_by(tmp_path):
    write(tmp_path, CORPUS)
    alone = autobrief("check", "briefings/2026/02/talks.md", cwd=tmp_path)
    assert (alone.returncode, alone.stdout) == (0, ""), alone.stdout + alone.stderr
    assert alone.stderr.strip() == "1 briefing OK"

    none = autobrief("check", "briefings/2026/02/names-none.md", cwd=tmp_path)
    assert none.returncode == 1
    assert_lines(none.stdout.splitlines(), corpus_expected()[:1], "names-none alone")
    assert none.stderr.strip() == "1 error in 1 of 1 file"

    # two files at once, from inside the briefings folder: paths as given, the rest read to find the answers
    both = autobrief("check", "2026/02/names-a-draft.md", "2026/02/talks.md", cwd=tmp_path / "briefings")
    rel = "2026/02/names-a-draft.md"
    assert_lines(both.stdout.splitlines(),
                 [err(rel, CORPUS[rel], "# <-", "watch[1].by",
                      "names briefings/2026/03/secret/, a draft, which the published site leaves out: publish it first")],
                 "names-a-draft with talks")


# --- one real build ------------------------------------------------------------------------------

def test_mkdocs_build_fails_on_a_v11_error_with_its_line_and_publishes_nothing(tmp_path):
    broken = doc(
        "history:\n"
        "  - date: 2026-02-05\n"
        "    status: reported\n"
        "  - date: 2026-02-04T12:00:00+00:00  # <-\n"
        "    status: denied\n")
    files = {
        "2026/02/talks.md": CORPUS["2026/02/talks.md"],
        "2026/06/venture.md": CORPUS["2026/06/venture.md"],
        "2026/02/steps.md": broken,
    }
    result = build(make_project(tmp_path, files), timeout=120)
    assert not result.ok
    assert "Traceback" not in result.output
    lines = [m.group(1) for m in re.finditer(r"^ERROR\s+-  (briefings/.*)$", result.output, re.M)]
    assert lines == [err("briefings/2026/02/steps.md", broken, "# <-", "history[1].date",
                         "2026-02-04T12:00:00+00:00 is earlier than a step before it (2026-02-05): "
                         "history runs oldest first")], result.output
    assert "1 error(s) in 1 briefing file(s); nothing was published" in result.output
    site = result.site
    assert not (site / "briefings/2026/02/talks/index.html").exists()
    assert not (site / "briefings/2026/06/venture/index.html").exists()
    assert not (site / "index.html").exists()
