"""ahead.Ahead: a forked copy makes results from the last key back, stops where the caller has
claimed, and any result it did not make (not reached, failed, logged) is None: made by the caller."""

from __future__ import annotations

import logging
import os

import pytest

from autobrief import ahead

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")

KEYS = [f"page-{i}" for i in range(60)]


def make(key: str) -> tuple[str, str]:
    return f"<article>{key}</article>", f"<head>{key}</head>"


def started(make=make) -> ahead.Ahead:
    runner = ahead.Ahead()
    assert runner.start(KEYS, make)
    runner.claim(KEYS[0])
    os.waitpid(runner.pid, 0)  # the copy has met the claim: every later key is made
    runner.pid = -1  # reaped here: finish() must not wait for it again
    return runner


def done(runner: ahead.Ahead) -> None:
    runner.pid = None
    runner.finish()


def test_the_copy_makes_every_key_after_the_claim_and_the_caller_takes_each_once():
    runner = started()
    try:
        assert runner.take(KEYS[0]) is None  # claimed before the copy reached it
        for key in KEYS[1:]:
            assert runner.take(key) == make(key)
            assert runner.take(key) is None  # taken: gone
        assert runner.taken == len(KEYS) - 1
        assert runner.take("not-a-key") is None
    finally:
        done(runner)
    assert runner.folder is None


def test_a_claim_stops_the_copy_before_the_keys_up_to_it():
    runner = ahead.Ahead()
    claimed = 40
    assert runner.start(KEYS, make)
    runner.claim(KEYS[claimed])
    _, status = os.waitpid(runner.pid, 0)
    runner.pid = -1
    try:
        assert os.waitstatus_to_exitcode(status) == 0
        # Made back to the claim whether the copy began before the claim was made or after.
        assert [key for key in KEYS if runner.take(key) is not None] == KEYS[claimed + 1:]
    finally:
        done(runner)


def test_a_failing_key_leaves_it_and_every_one_before_it_to_the_caller():
    def failing(key):
        if key == "page-30":
            raise ValueError("bad page")
        return make(key)

    runner = started(failing)
    try:
        taken = {key: runner.take(key) for key in KEYS}
        assert all(taken[f"page-{i}"] == make(f"page-{i}") for i in range(31, 60))
        assert all(taken[f"page-{i}"] is None for i in range(31))
    finally:
        done(runner)


def test_a_key_that_logs_is_left_to_the_caller():
    def noisy(key):
        if key in ("page-10", "page-50"):
            logging.getLogger("mkdocs.plugins.briefings").warning("a warning the build must print itself")
        if key == "page-20":
            logging.getLogger("mkdocs.plugins.briefings").debug("debug is never printed")
        return make(key)

    runner = started(noisy)
    try:
        taken = {key: runner.take(key) for key in KEYS[1:]}
        assert [k for k, v in taken.items() if v is None] == ["page-10", "page-50"]
        assert taken["page-20"] == make("page-20")
    finally:
        done(runner)


def test_finish_stops_a_copy_at_once_and_removes_its_folder():
    runner = ahead.Ahead()
    assert runner.start([f"page-{i}" for i in range(10**5)], make)  # far more than it makes before finish
    folder = runner.folder
    runner.finish()
    assert not runner.running and not folder.exists()
    runner.stop()  # nothing left to stop


def test_stop_kills_the_copy():
    import time

    runner = ahead.Ahead()
    assert runner.start(KEYS, lambda key: time.sleep(60))
    pid, folder = runner.pid, runner.folder
    runner.stop()
    assert not folder.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped


def test_a_result_the_caller_finds_no_longer_valid_is_none_and_not_counted():
    runner = started()
    try:
        assert runner.take(KEYS[5], valid=lambda done: done[0].startswith("<section>")) is None
        assert runner.take(KEYS[6], valid=lambda done: done == make(KEYS[6])) == make(KEYS[6])
        assert runner.taken == 1
    finally:
        done(runner)
