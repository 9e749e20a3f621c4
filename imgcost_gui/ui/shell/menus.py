"""The menus and the toolbar: each item calls what a feature offers.

Every item has an underlined letter (``keep_mnemonics``: items other features
give, or add later, get a free one).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QStyle, QToolButton

from imgcost_gui.core import Scenario
from imgcost_gui.ui.catalog import PriceActions
from imgcost_gui.ui.common import keep_mnemonics
from imgcost_gui.ui.comparison import ComparisonPanel
from imgcost_gui.ui.files import FileActions, templates
from imgcost_gui.ui.help import GUIDE, LICENCE, PRICES, SHORTCUTS

from .appearance import APPEARANCES, LABELS, saved_appearance, set_appearance

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
        scenario: Callable[[], Scenario],
        find: Slot,
        show_help: Callable[[str], object],
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
            templates_menu.addAction(name.replace("&", "&&"), partial(f.new_from_template, path))
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu("Open re&cent")
        self.recent_menu.aboutToShow.connect(lambda: f.fill_recent_menu(self.recent_menu))
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addAction(self.revert_action)
        menu.addSeparator()
        comparison.export_action.setShortcut("Ctrl+E")
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
        edit.addSeparator()
        self.find_action = action(
            "&Find",
            find,
            QKeySequence.StandardKey.Find,
            tip="Search the models (Comparison page) or the prices (Prices page)",
        )
        edit.addAction(self.find_action)

        #: More items go at its end: each gets an underlined letter when the menu opens.
        self.prices_menu = price_menu = bar.addMenu("&Prices")
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
        self.calibrate_action = action(
            "&Calibrate from responses…",
            lambda: prices.calibrate(),  # triggered(bool) must not become the path
            tip="Measure a model's tokens from saved API responses; keep them for estimates",
        )
        self.reconcile_action = action(
            "Compare with what was &billed…",
            lambda: prices.reconcile(scenario()),
            tip="Set the scenario's plan beside OpenAI's Usage and Costs API exports",
        )
        price_menu.addAction(self.update_prices_action)
        price_menu.addAction(self.drop_update_action)
        price_menu.addSeparator()
        price_menu.addAction(self.calibrate_action)
        price_menu.addAction(self.reconcile_action)
        price_menu.aboutToShow.connect(lambda: self.drop_update_action.setEnabled(prices.can_drop))

        view = bar.addMenu("&View")
        view.addAction(action("&Comparison", lambda: show_page(0), "Ctrl+1"))
        view.addAction(action("&Prices", lambda: show_page(1), "Ctrl+2"))
        view.addAction(action("&Models to compare", show_models, "Ctrl+M"))
        view.addSeparator()
        appearance = view.addMenu("&Appearance")
        group = QActionGroup(window)
        self.appearance_actions: dict[str, QAction] = {}
        for name in APPEARANCES:
            item = action(LABELS[name], partial(set_appearance, name))
            item.setCheckable(True)
            item.setChecked(name == saved_appearance())
            group.addAction(item)
            appearance.addAction(item)
            self.appearance_actions[name] = item

        help_menu = bar.addMenu("&Help")
        self.help_action = action(
            "&User guide",
            partial(show_help, GUIDE),
            QKeySequence.StandardKey.HelpContents,
            tip="How ImgCost works, offline",
        )
        help_menu.addAction(self.help_action)
        help_menu.addAction(action("&Keyboard shortcuts", partial(show_help, SHORTCUTS)))
        help_menu.addAction(action("&Where prices come from", partial(show_help, PRICES)))
        help_menu.addAction(action("&Licence", partial(show_help, LICENCE)))
        help_menu.addSeparator()
        help_menu.addAction(action("&About ImgCost", about))
        for m in (menu, edit, price_menu, view, help_menu):
            keep_mnemonics(m)

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
        action.triggered.connect(lambda _checked=False: slot())  # never the checked flag
        return action
