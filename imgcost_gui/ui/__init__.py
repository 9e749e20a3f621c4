"""The desktop app's widgets, one package per feature (shell, scenario, comparison,
catalog, charts, files) and what they share (common)."""

import sys

if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
    import ctypes

    # PySide6 6.12.0 on Python 3.11 hands back None from every method that returns
    # nothing (setText, setCheckState, setData, ...) without a reference of its own,
    # so each call takes one reference from None; after some thousands of edits the
    # count reaches zero and the interpreter aborts ("none_dealloc"). Python 3.12
    # makes None immortal by giving it a count nothing can use up: do the same.
    # pyproject.toml keeps PySide6 below 6.12 for this; the guard stays for a
    # machine that has 6.12 installed anyway.
    _NONE_REFS = ctypes.c_ssize_t.from_address(id(None))
    _NONE_REFS.value = max(_NONE_REFS.value, 1 << 60)
