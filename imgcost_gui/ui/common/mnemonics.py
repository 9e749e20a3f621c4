"""Underlined letters (Alt+letter) on every menu item and dialog button.

Qt underlines a letter only where the text marks it with ``&``; on most
platforms its standard message-box buttons (OK, Save, Discard, Cancel) have
none. These give each item or button without one the first letter of its words
that its neighbours have not taken.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
)

Button = QMessageBox.StandardButton


def mnemonic_letter(text: str) -> str | None:
    """The letter ``text`` marks with ``&`` (lower case), if any; ``&&`` is a plain '&'."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with ``&`` before a letter not in ``taken`` (word starts first), which
    joins ``taken``; as it was if it has one already or no letter is free."""
    have = mnemonic_letter(text)
    if have is not None:
        taken.add(have)
        return text
    label = text.split("\t", 1)[0]
    starts = [
        i for i, ch in enumerate(label) if ch.isalnum() and (i == 0 or not label[i - 1].isalnum())
    ]
    others = [i for i, ch in enumerate(label) if ch.isalnum() and i not in starts]
    for i in starts + others:
        if label[i].lower() not in taken:
            taken.add(label[i].lower())
            return text[:i] + "&" + text[i:]
    return text


def give_mnemonics(actions: Iterable[QAction]) -> None:
    """Every action without an underlined letter gets a free one (separators skipped)."""
    items = [a for a in actions if not a.isSeparator() and a.text()]
    taken = {letter for a in items if (letter := mnemonic_letter(a.text())) is not None}
    for action in items:
        text = action.text()
        if mnemonic_letter(text) is None:
            action.setText(with_mnemonic(text, taken))


_KEPT = "imgcostMnemonics"


def keep_mnemonics(menu: QMenu) -> None:
    """``menu``'s items have underlined letters now and each time it opens (items
    added later, such as recent files, included), and so have its submenus'."""

    def fill() -> None:
        give_mnemonics(menu.actions())
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu) and sub.property(_KEPT) is None:
                keep_mnemonics(sub)

    menu.setProperty(_KEPT, True)
    fill()
    menu.aboutToShow.connect(fill)


#: Standard buttons with their usual words, a letter underlined.
BUTTON_TEXTS = {
    Button.Ok: "&OK",
    Button.Save: "&Save",
    Button.Discard: "&Discard",
    Button.Cancel: "&Cancel",
    Button.Yes: "&Yes",
    Button.No: "&No",
    Button.Close: "C&lose",
}


def give_button_mnemonics(buttons: Iterable[QAbstractButton]) -> None:
    """Buttons without an underlined letter get a free one."""
    buttons = list(buttons)
    taken = {letter for b in buttons if (letter := mnemonic_letter(b.text())) is not None}
    for b in buttons:
        if mnemonic_letter(b.text()) is None:
            b.setText(with_mnemonic(b.text(), taken))


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
    *,
    rich: bool = False,
) -> QMessageBox:
    """A message box whose buttons all have underlined letters; its text is plain
    (names from files are never markup) unless ``rich``."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    taken: set[str] = set()
    for b in box.buttons():
        known = BUTTON_TEXTS.get(box.standardButton(b))
        if known is not None and mnemonic_letter(b.text()) is None:
            b.setText(with_mnemonic(known, taken))
    give_button_mnemonics(box.buttons())
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.NoButton,
) -> Button:
    """``QMessageBox.question`` with underlined letters on its buttons."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, buttons, default)
    return Button(box.exec())


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> None:
    """``QMessageBox.information`` (or ``warning``) with an underlined OK."""
    message_box(parent, icon, title, text).exec()


#: The window's own letters: its menus (File, Edit, Prices, View, Help) and Budget.
WINDOW_LETTERS = frozenset("befhpv")


def give_widget_mnemonics(root: QWidget, taken: Iterable[str] = ()) -> None:
    """Every button and every field label (a label with a buddy) under ``root``
    without an underlined letter gets one not in ``taken`` nor used beside it; a
    dialog's standard buttons get their usual words (OK, Cancel, Close). Buttons
    that show an action keep its text (the action's menu gives it a letter)."""
    buttons = [
        b
        for b in root.findChildren(QAbstractButton)
        if b.text() and not (isinstance(b, QToolButton) and b.defaultAction() is not None)
    ]
    labels = [lb for lb in root.findChildren(QLabel) if lb.buddy() is not None and lb.text()]
    used = set(taken)
    texts = [b.text() for b in buttons] + [lb.text() for lb in labels]
    used |= {m for t in texts if (m := mnemonic_letter(t)) is not None}
    for box in root.findChildren(QDialogButtonBox):
        for b in box.buttons():
            known = BUTTON_TEXTS.get(Button(int(box.standardButton(b).value)))
            if known is not None and mnemonic_letter(b.text()) is None:
                b.setText(with_mnemonic(known.replace("&", ""), used))
    for label in labels:
        if mnemonic_letter(label.text()) is None and "<" not in label.text():
            label.setText(with_mnemonic(label.text(), used))
    for button in buttons:
        if mnemonic_letter(button.text()) is None:
            button.setText(with_mnemonic(button.text(), used))
