"""A data folder that cannot be written: a save fails with a clear OSError naming
the user's file, and nothing on disk is lost or half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from imgcost_gui.core import Scenario, load_scenario, save_scenario
from imgcost_gui.core.storage import atomic_write_text, locked


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Really read-only: mode 0555, or for root (who ignores modes) the immutable flag."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode
    ):
        pytest.skip("running as root where the immutable flag cannot be set")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("kind", ["scenario", "overrides"])
def test_a_save_into_a_read_only_folder_fails_clearly_and_loses_nothing(tmp_path, kind):
    folder = tmp_path / "data"
    if kind == "scenario":
        path = folder / "plan.imgcost.json"
        save_scenario(Scenario(name="Before"), path)
    else:
        path = folder / "price-overrides.json"
        atomic_write_text(path, '{"schema_version": 2, "prices": {}}\n')
    before = path.read_bytes()
    with read_only(folder):
        # no lock file can be made there either: the lock gives way and the write says why
        with pytest.raises(OSError) as info, locked(path):
            if kind == "scenario":
                save_scenario(Scenario(name="After"), path)
            else:
                atomic_write_text(path, '{"schema_version": 2, "prices": {"x": {}}}\n')
        assert info.value.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        assert info.value.filename == str(path)  # the user's file, not a temp name
        assert str(path) in str(info.value)
        assert path.read_bytes() == before
        if kind == "scenario":
            assert load_scenario(path)[0].name == "Before"  # and it still opens
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no temp, no lock left
