"""Saving a file: a failed or killed save never damages the file already on disk,
a save writes through a link and keeps the file's mode, and temp files left by
a crash are cleaned up (issue 9, items 9 and 10)."""

import os
import stat
import time

import pytest

from imgcost_gui.core import Scenario, load_scenario, save_scenario
from imgcost_gui.core.storage import atomic_write_text, remove_stale_temp_files

from .scenario_files import rich_scenario


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    path = folder / "shoot.imgcost.json"
    original = rich_scenario()
    save_scenario(original, path)
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    changed = original.model_copy(update={"name": "Changed"})
    with pytest.raises(OSError, match="disk full"):
        save_scenario(changed, path)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert load_scenario(path)[0] == original
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temp file left behind


# --- saving through links, keeping modes, cleaning up (items 9, 10) -----------------------------


def test_a_save_writes_through_a_symlink_and_the_link_stays(tmp_path):
    shared = tmp_path / "team" / "shared.imgcost.json"
    save_scenario(Scenario(name="Team"), shared)
    link = tmp_path / "mine.imgcost.json"
    link.symlink_to(shared)
    save_scenario(Scenario(name="Changed"), link)
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert load_scenario(shared)[0].name == "Changed"
    assert [p.name for p in shared.parent.iterdir()] == [shared.name]  # temp file beside the target


def test_a_save_through_a_symlink_loop_raises_and_leaves_the_links(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(OSError, match="loop"):
        atomic_write_text(a, "{}")
    assert a.is_symlink() and b.is_symlink()


def test_a_save_keeps_the_files_mode(tmp_path):
    path = tmp_path / "shared.imgcost.json"
    save_scenario(Scenario(), path)
    path.chmod(0o664)
    save_scenario(Scenario(name="Again"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        save_scenario(Scenario(), tmp_path / "new.imgcost.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.imgcost.json").stat().st_mode) == 0o644


def test_a_failed_save_names_the_users_file_not_the_temp_file(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError) as info:
        save_scenario(Scenario(), tmp_path / "plan.imgcost.json")
    assert info.value.filename == str(tmp_path / "plan.imgcost.json")


def test_leftover_temp_files_go_at_the_next_save(tmp_path):
    old = time.time() - 120
    left = [
        tmp_path / ".plan.imgcost.json.k3j_x9a0.tmp",
        tmp_path / ".price-overrides.json.abcdefgh.tmp",
    ]
    for p in left:
        p.write_text("{half a fi", encoding="utf-8")
        os.utime(p, (old, old))
    fresh = tmp_path / ".other.imgcost.json.zzzzzzzz.tmp"  # another window is saving right now
    fresh.write_text("{", encoding="utf-8")
    not_ours = [tmp_path / ".notes.txt.abcdefgh.tmp", tmp_path / "plan.tmp"]
    for p in not_ours:
        p.write_text("x", encoding="utf-8")
        os.utime(p, (old, old))
    save_scenario(Scenario(), tmp_path / "plan.imgcost.json")
    assert not any(p.exists() for p in left)
    assert fresh.exists() and all(p.exists() for p in not_ours)


def test_remove_stale_temp_files_at_start(tmp_path):
    old = time.time() - 120
    left = tmp_path / ".price-overrides.json.abcdefgh.tmp"
    left.write_text("{", encoding="utf-8")
    os.utime(left, (old, old))
    assert remove_stale_temp_files(tmp_path) == [left]
    assert remove_stale_temp_files(tmp_path / "missing") == []


def test_a_killed_save_of_an_imgcost_file_leaves_a_temp_file_that_is_cleaned_up(tmp_path):
    import os
    import time

    from imgcost_gui.core.storage import remove_stale_temp_files

    stale = tmp_path / ".plan.imgcost.k3j_x9a0.tmp"
    stale.write_text("half a save", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert remove_stale_temp_files(tmp_path) == [stale]
    assert not stale.exists()
