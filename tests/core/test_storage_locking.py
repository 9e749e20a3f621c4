"""Two writers on one file (issue 9, item 2's primitives): a file's signature
tells that another process saved it, and ``locked`` keeps a read-modify-write
whole across processes."""

import json
import subprocess
import sys
import textwrap

import pytest

from imgcost_gui.core.storage import atomic_write_text, file_signature, locked


def test_file_signature_changes_when_another_process_saves(tmp_path):
    path = tmp_path / "price-overrides.json"
    assert file_signature(path) is None
    atomic_write_text(path, "{}")
    before = file_signature(path)
    assert before == file_signature(path)
    atomic_write_text(path, "{}")  # same size, same second: a new inode still tells
    assert file_signature(path) != before


def test_locked_keeps_a_read_modify_write_whole_across_processes(tmp_path):
    """Two processes each add 30 numbers to one list under the lock: none is lost."""
    path = tmp_path / "price-overrides.json"
    atomic_write_text(path, "[]")
    code = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from imgcost_gui.core.storage import atomic_write_text, locked
        path, me = Path(sys.argv[1]), sys.argv[2]
        for i in range(30):
            with locked(path):
                items = json.loads(path.read_text())
                atomic_write_text(path, json.dumps(items + [f"{me}{i}"]))
        """
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", code, str(path), name]) for name in ("a", "b")
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    assert len(json.loads(path.read_text())) == 60
    with locked(path), locked(path):  # nested in one thread: no deadlock
        pass


def test_locked_gives_up_after_its_timeout(tmp_path):
    path = tmp_path / "price-overrides.json"
    code = textwrap.dedent(
        """
        import sys, time
        from imgcost_gui.core.storage import locked
        with locked(sys.argv[1]):
            print("held", flush=True)
            time.sleep(30)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(TimeoutError, match="another ImgCost"), locked(path, timeout=0.2):
            pass
    finally:
        holder.kill()
        holder.wait()
