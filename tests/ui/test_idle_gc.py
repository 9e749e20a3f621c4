"""Full garbage collections wait for a pause in the typing, and Python's own
schedule comes back when the app stops."""

from __future__ import annotations

import gc
import time

import pytest

from imgcost_gui.ui.shell import IdleCollections, idle_gc


@pytest.fixture
def runs():
    """The generation of each collection Python starts during the test."""
    started: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(seen)
    yield started
    gc.callbacks.remove(seen)


def test_full_collections_wait_for_a_pause_then_run_once(qtbot, monkeypatch):
    monkeypatch.setattr(idle_gc, "IDLE_MS", 200)
    before = gc.get_threshold()
    collector = IdleCollections()
    try:
        assert gc.get_threshold()[2] == idle_gc.NEVER  # Python no longer starts them
        assert gc.get_freeze_count() > 0  # what start-up made stays out of them
        collector.poke()
        time.sleep(0.15)  # typing on: each edit puts the collection off again
        collector.poke()
        assert collector.collections == 0
        assert collector.timer.remainingTime() > 100
        qtbot.waitUntil(lambda: collector.collections == 1, timeout=3000)
        qtbot.wait(450)
        assert collector.collections == 1  # one pause, one collection
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_no_collection_runs_while_the_user_types(qtbot, monkeypatch, runs):
    monkeypatch.setattr(idle_gc, "IDLE_MS", 200)
    was_enabled = gc.isenabled()
    collector = IdleCollections()
    try:
        assert gc.isenabled() == was_enabled  # before the first edit: Python's young ones
        collector.poke()
        assert not gc.isenabled()  # an edit: none until the pause
        junk = [[object()] for _ in range(5 * gc.get_threshold()[0])]  # would start some
        del junk
        assert runs == []
        qtbot.waitUntil(lambda: collector.collections == 1, timeout=3000)
        assert runs == [2]  # the pause: one full collection
        assert gc.isenabled() == was_enabled  # and Python's young ones again
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled


def test_a_burst_that_never_pauses_still_collects_what_it_made(qtbot, monkeypatch, runs):
    monkeypatch.setattr(idle_gc, "BURST_EDITS", 3)
    collector = IdleCollections()
    try:
        collector.poke()
        collector.poke()
        assert runs == []
        collector.poke()  # the third edit without a pause
        assert runs == [1]  # the young objects, not a full collection
        assert not gc.isenabled()  # and the burst goes on without them
        assert collector.collections == 0
    finally:
        collector.stop()
