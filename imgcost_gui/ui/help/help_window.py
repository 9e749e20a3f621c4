"""The Help window: the user guide, the keyboard shortcuts, where prices come
from, and the licence, all offline. Links open in the browser (web addresses only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import imgcost_gui
from imgcost_gui.core import PriceCatalog
from imgcost_gui.ui.common import give_button_mnemonics

from .guide import guide_markdown
from .licences import licence_markdown
from .pages import GUIDE, LICENCE, PRICES, SHORTCUTS
from .price_sources import price_sources_markdown
from .shortcuts import shortcuts_markdown

#: Item data: the page an item shows, and the heading it scrolls to (-1: the top).
PAGE_ROLE = Qt.ItemDataRole.UserRole
HEADING_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    build: Callable[[], str]


def is_web_link(url: QUrl) -> bool:
    return url.scheme() in ("http", "https") and bool(url.host())


class HelpWindow(QDialog):
    """Help for ``window``: its shortcuts are read from its actions, the prices'
    sources from ``shipped()`` (the catalog the app ships), each time a page shows."""

    def __init__(self, window: QMainWindow, shipped: Callable[[], PriceCatalog]):
        super().__init__(window)
        self.setWindowTitle("ImgCost Help")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setModal(False)
        self.pages = [
            Page(GUIDE, "User guide", guide_markdown),
            Page(SHORTCUTS, "Keyboard shortcuts", lambda: shortcuts_markdown(window)),
            Page(PRICES, "Where prices come from", lambda: price_sources_markdown(shipped())),
            Page(LICENCE, "Licence", lambda: licence_markdown(imgcost_gui.__version__, qVersion())),
        ]
        self.current = ""

        self.contents = QTreeWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setHeaderHidden(True)
        self.contents.setRootIsDecorated(True)
        self.contents.setUniformRowHeights(True)
        for page in self.pages:
            item = QTreeWidgetItem([page.title])
            item.setData(0, PAGE_ROLE, page.key)
            item.setData(0, HEADING_ROLE, -1)
            self.contents.addTopLevelItem(item)
        self.contents.currentItemChanged.connect(self._item_chosen)

        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find in this page")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.returnPressed.connect(self.find_next)
        find_label = QLabel("F&ind:")
        find_label.setBuddy(self.find_box)
        #: Said when the words are not in the page (else Enter would seem to do nothing).
        self.find_note = QLabel("Not found")
        self.find_note.setObjectName("helpFindNote")
        self.find_note.hide()
        self.find_box.textChanged.connect(lambda _t: self.find_note.hide())
        QShortcut(QKeySequence.StandardKey.Find, self, self.find_box.setFocus)

        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(False)  # every link goes through _link_clicked
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.highlighted.connect(self._link_hovered)
        self.browser.document().setDocumentMargin(16)
        self.link_target = QLabel()
        self.link_target.setObjectName("helpLinkTarget")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.find_box, 1)
        find_row.addWidget(self.find_note)
        left_layout.addLayout(find_row)
        left_layout.addWidget(self.contents, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([240, 860])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        give_button_mnemonics(buttons.buttons())
        bottom = QHBoxLayout()
        bottom.addWidget(self.link_target, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        # The guide's longest command line (about 770 px) reads without scrolling sideways.
        self.resize(1100, 700)

    # --- showing ------------------------------------------------------------------------

    def show_page(self, key: str = GUIDE) -> None:
        """Show the window on page ``key`` (built afresh: shortcuts and prices may change)."""
        item = self._top_item(key)
        if self.contents.currentItem() is item:
            self._show(key, -1)
        else:
            self.contents.setCurrentItem(item)
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()  # the keys scroll the page; Ctrl+F goes to the find field

    def headings(self) -> list[str]:
        """The second-level headings of the page on show, as the contents list names them."""
        item = self._top_item(self.current)
        return [child.text(0) for i in range(item.childCount()) if (child := item.child(i))]

    def find_next(self) -> bool:
        """Select the next place the find field's words appear, from the top after the last."""
        needle = self.find_box.text().strip()
        if not needle:
            self.find_note.hide()
            return False
        found = self.browser.find(needle)
        if not found:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            found = self.browser.find(needle)
        self.find_note.setVisible(not found)
        return found

    def _top_item(self, key: str) -> QTreeWidgetItem:
        for i in range(self.contents.topLevelItemCount()):
            item = self.contents.topLevelItem(i)
            if item is not None and item.data(0, PAGE_ROLE) == key:
                return item
        raise KeyError(key)

    def _item_chosen(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._show(str(item.data(0, PAGE_ROLE)), int(item.data(0, HEADING_ROLE)))

    def _show(self, key: str, heading: int) -> None:
        if key != self.current or heading < 0:
            page = next(p for p in self.pages if p.key == key)
            self.browser.setMarkdown(page.build())
            self.current = key
            self._list_headings(key)
        self._scroll_to(max(heading, 0))

    def _list_headings(self, key: str) -> None:
        """The page's second-level headings as children of its item, third-level ones
        under them."""
        item = self._top_item(key)
        self.contents.blockSignals(True)
        item.takeChildren()
        parent = item
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (2, 3):
                child = QTreeWidgetItem([block.text()])
                child.setData(0, PAGE_ROLE, key)
                child.setData(0, HEADING_ROLE, block.position())
                if level == 2:
                    item.addChild(child)
                    parent = child
                else:
                    parent.addChild(child)
            block = block.next()
        self.contents.expandItem(item)
        self.contents.blockSignals(False)

    def _scroll_to(self, position: int) -> None:
        doc: QTextDocument = self.browser.document()
        block = doc.findBlock(position)
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        top = doc.documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    # --- links ----------------------------------------------------------------------------

    def _link_clicked(self, url: QUrl) -> None:
        if is_web_link(url):
            QDesktopServices.openUrl(url)

    def _link_hovered(self, url: QUrl) -> None:
        self.link_target.setText(url.toString() if is_web_link(url) else "")
