"""Full garbage collections wait for a pause in the typing, and Python's own
schedule comes back when the app stops."""

from __future__ import annotations

import gc
import time

from imgcost_gui.ui.shell import IdleCollections, idle_gc


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
