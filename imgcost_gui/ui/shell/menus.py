"""The menus and the toolbar: each item calls what a feature offers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QStyle, QToolButton

from imgcost_gui.ui.catalog import PriceActions
from imgcost_gui.ui.comparison import ComparisonPanel
from imgcost_gui.ui.files import FileActions, templates

Slot = Callable[[], object]
Shortcut = QKeySequence.StandardKey | str


class Menus:
    """File, Edit, Prices, View and Help, and the File toolbar, on ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        files: FileActions,
        undo_group: QUndoGroup,
        comparison: ComparisonPanel,
        prices: PriceActions,
        *,
        show_page: Callable[[int], None],
        show_models: Slot,
        about: Slot,
    ):
        self.window = window
        f, sp = files, QStyle.StandardPixmap
        action = self._action
        self.new_action = action(
            "&New", f.new, QKeySequence.StandardKey.New, sp.SP_FileIcon, "Start an empty scenario"
        )
        self.open_action = action(
            "&Open…",
            f.open_dialog,
            QKeySequence.StandardKey.Open,
            sp.SP_DialogOpenButton,
            "Open a saved scenario",
        )
        self.save_action = action(
            "&Save",
            f.save,
            QKeySequence.StandardKey.Save,
            sp.SP_DialogSaveButton,
            "Save the scenario",
        )
        self.save_as_action = action(
            "Save &As…",
            f.save_as,
            QKeySequence.StandardKey.SaveAs,
            tip="Save the scenario under a new name",
        )
        self.revert_action = action("&Revert", f.revert, tip="Go back to the saved version")
        quit_action = action("&Quit", window.close, QKeySequence.StandardKey.Quit)

        bar = window.menuBar()
        menu = bar.addMenu("&File")
        menu.addAction(self.new_action)
        templates_menu = menu.addMenu("New from &template")
        for name, path in templates():
            templates_menu.addAction(name, partial(f.new_from_template, path))
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: f.fill_recent_menu(self.recent_menu))
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addAction(self.revert_action)
        menu.addSeparator()
        menu.addAction(comparison.export_action)
        menu.addSeparator()
        menu.addAction(quit_action)

        style = window.style()
        self.undo_action = undo_group.createUndoAction(window, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(style.standardIcon(sp.SP_ArrowBack))
        self.redo_action = undo_group.createRedoAction(window, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(style.standardIcon(sp.SP_ArrowForward))
        edit = bar.addMenu("&Edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(comparison.copy_action)

        price_menu = bar.addMenu("&Prices")
        self.update_prices_action = action(
            "&Update prices from file…",
            lambda: prices.update_prices(),  # triggered(bool) must not become the path
            tip="Take in price changes from LiteLLM's, genai-prices' or an ImgCost catalog file",
        )
        self.drop_update_action = action(
            "&Drop updated prices",
            prices.drop_updated_prices,
            tip="Go back to the shipped prices under your own (you can undo this)",
        )
        price_menu.addAction(self.update_prices_action)
        price_menu.addAction(self.drop_update_action)
        price_menu.aboutToShow.connect(lambda: self.drop_update_action.setEnabled(prices.can_drop))

        view = bar.addMenu("&View")
        view.addAction(action("&Comparison", lambda: show_page(0), "Ctrl+1"))
        view.addAction(action("&Prices", lambda: show_page(1), "Ctrl+2"))
        view.addAction(action("&Models to compare", show_models, "Ctrl+M"))

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(action("&About ImgCost", about))

        toolbar = window.addToolBar("File")
        toolbar.setObjectName("fileToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.new_action, self.open_action, self.save_action):
            toolbar.addAction(a)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        for a in (self.undo_action, self.redo_action):
            # their text names the last edit; icon-only keeps the toolbar from jumping
            button = toolbar.widgetForAction(a)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _action(
        self,
        text: str,
        slot: Slot,
        shortcut: Shortcut | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action
