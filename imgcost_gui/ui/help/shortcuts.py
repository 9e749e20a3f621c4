"""The help's keyboard page, read from the window's own actions: it cannot go stale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from .markdown import cell


@dataclass(frozen=True)
class Shortcut:
    keys: str
    action: str
    where: str


def _plain(text: str) -> str:
    """A menu item's text as read: no mnemonic marker, no tab-separated accelerator."""
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText)
        for s in action.shortcuts()
        if not s.isEmpty()
    )


def _walk(menu: QMenu, where: str, out: list[Shortcut], seen: set[int]) -> None:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            _walk(sub, f"{where} > {_plain(action.text())}", out, seen)
            continue
        keys = _keys(action)
        if keys and id(action) not in seen:
            seen.add(id(action))
            out.append(Shortcut(keys, _plain(action.text()), where))


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action of ``window`` with a shortcut: its menus' first, in menu order, then
    the rest (actions of a page or table), each once."""
    out: list[Shortcut] = []
    seen: set[int] = set()
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            _walk(menu, _plain(action.text()), out, seen)
    for action in window.findChildren(QAction):
        keys = _keys(action)
        if keys and id(action) not in seen and action.text():
            seen.add(id(action))
            out.append(Shortcut(keys, _plain(action.text()), "in the window"))
    return out


#: Keys every window has that are no action of ours.
GENERAL_KEYS = (
    ("Tab, Shift+Tab", "Move to the next or previous field"),
    ("Alt + underlined letter", "Go to that field, button or menu"),
    ("Arrow keys", "Move within a table or list"),
    ("Esc", "Close a dialog or this help"),
)


def shortcuts_markdown(window: QMainWindow) -> str:
    lines = [
        "# Keyboard shortcuts",
        "",
        "| Keys | Does | Where |",
        "|---|---|---|",
    ]
    for s in window_shortcuts(window):
        lines.append(f"| **{cell(s.keys)}** | {cell(s.action)} | {cell(s.where)} |")
    lines += ["", "## Everywhere", "", "| Keys | Does |", "|---|---|"]
    for keys, does in GENERAL_KEYS:
        lines.append(f"| **{cell(keys)}** | {cell(does)} |")
    return "\n".join(lines) + "\n"
