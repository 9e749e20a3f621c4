"""The main window: builds the features and connects them.

The scenario on the left (Workload, Models), the comparison and its charts on
the right, the Prices page behind. What each part does is its feature's:
``ui.scenario``, ``ui.comparison``, ``ui.charts``, ``ui.catalog``, ``ui.files``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragLeaveEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import imgcost_gui
from imgcost_gui.ui.help import GUIDE

from .appearance import apply_appearance, saved_appearance
from .banner import Banner
from .layout_settings import restore_geometry, restore_splitters, save_layout
from .startup import LoadingPage

if TYPE_CHECKING:
    from imgcost_gui.core import Scenario, UserCatalog
    from imgcost_gui.ui.catalog import CatalogEditor
    from imgcost_gui.ui.help import HelpWindow

COMPARISON_PAGE, PRICES_PAGE = 0, 1
MODELS_TAB = 1
#: The Prices page is built this long after the first paint if the charts never draw.
PRICES_PAGE_WAIT_MS = 3000


class MainWindow(QMainWindow):
    """The window. Built in two steps, so it can paint before the core is imported:
    ``MainWindow()`` is the window itself (title, size, appearance, "Loading prices…"),
    and ``build(user_catalog)`` makes the features and wires them. Given a catalog,
    the constructor does both."""

    def __init__(
        self,
        user_catalog: UserCatalog | None = None,
        scenario: Scenario | None = None,
        *,
        persist: bool = True,
    ):
        """``persist`` False (smoke tests): no autosave, and the window layout is neither restored nor kept."""
        super().__init__()
        apply_appearance(saved_appearance())  # before anything is drawn
        self.persist = persist
        self.built = False
        self.setWindowTitle("ImgCost")
        self.setCentralWidget(LoadingPage())
        self.resize(1280, 800)
        if persist:
            restore_geometry(self)
        if user_catalog is not None:
            self.build(user_catalog, scenario)

    def build(self, user_catalog: UserCatalog, scenario: Scenario | None = None) -> None:
        """Make the features, lay them out in the window and price the scenario."""
        # Imported here, not at the top: the window paints before these load.
        from imgcost_gui.ui.catalog import CatalogDocument, PriceActions, PricesPage
        from imgcost_gui.ui.charts import ChartsHost
        from imgcost_gui.ui.comparison import ComparisonPanel, LiveComparison, ModelPicker
        from imgcost_gui.ui.files import FileActions, ScenarioDrops, example_scenario
        from imgcost_gui.ui.scenario import ScenarioDocument, ScenarioPanel

        from .menus import Menus
        from .status import StatusLabels

        assert not self.built, "a window is built once"
        self.doc = ScenarioDocument(scenario or example_scenario(), self)
        self.catalog_doc = CatalogDocument(user_catalog, self)
        self.files = FileActions(self, self.doc, autosave=self.persist)
        self.drops = ScenarioDrops(self, self.files)
        self.prices = PriceActions(self, self.catalog_doc)
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.doc.undo_stack)
        self.undo_group.addStack(self.catalog_doc.undo_stack)
        self.undo_group.setActiveStack(self.doc.undo_stack)

        self.banner = Banner()
        self.scenario_panel = ScenarioPanel(self.doc, self.report)
        self.model_picker = ModelPicker(self.doc, self.report)
        self.comparison = ComparisonPanel(self.doc)
        self.charts = ChartsHost()
        self.prices_page = PricesPage(self.catalog_doc)
        self.live = LiveComparison(
            self.doc,
            lambda: self.catalog_doc.catalog,
            lambda: self.scenario_panel.current_stage,
            self.comparison,
            lambda inputs: self.charts.set_inputs(inputs),  # looked up late: tests wrap it
            self.report,
            self,
            shipped=lambda: (
                self.catalog_doc.user.base
            ),  # the detail strip names what a user's price replaces
        )
        self._lay_out()

        self.status = StatusLabels(self.statusBar())
        self.plan_status = self.status.plan
        self.stale_status = self.status.stale
        self.old_prices_status = self.status.old_prices
        self.catalog_status = self.status.catalog

        menus = Menus(
            self,
            self.files,
            self.undo_group,
            self.comparison,
            self.prices,
            show_page=self.pages.setCurrentIndex,
            show_models=lambda: self.left_tabs.setCurrentIndex(MODELS_TAB),
            scenario=lambda: self.doc.scenario,
            find=self.focus_search,
            show_help=self.show_help,
            about=self._about,
        )
        self.menus = menus
        self.help_window: HelpWindow | None = None
        self.new_action, self.save_action = menus.new_action, menus.save_action
        self.save_as_action, self.revert_action = menus.save_as_action, menus.revert_action
        self.undo_action, self.redo_action = menus.undo_action, menus.redo_action
        self.update_prices_action = menus.update_prices_action
        self.drop_update_action = menus.drop_update_action

        self.doc.changed.connect(self._scenario_changed)
        self.doc.changed.connect(self._update_title)  # an untitled scenario is titled by its name
        self.doc.fileChanged.connect(self._update_title)
        self.catalog_doc.changed.connect(self._catalog_changed)
        self.prices.report.connect(self.report)
        self.prices.messages.connect(self.banner.add_messages)
        self.prices.showPrices.connect(lambda: self.pages.setCurrentIndex(PRICES_PAGE))
        self.scenario_panel.stageSelected.connect(lambda _i: self.live.schedule())
        self.comparison.baselineRequested.connect(self.model_picker.set_baseline)
        self.live.computed.connect(
            lambda: self.scenario_panel.set_entries(self.model_picker.entries())
        )

        self.model_picker.set_catalog(self.catalog_doc.catalog)
        self.banner.show_messages(self.catalog_doc.problems)
        self._update_title()
        self.status.show_prices(self.catalog_doc)
        self.status.show_plan_day(self.doc.scenario.plan_from)
        if self.persist:
            restore_splitters(self._splitters())
        self.built = True
        self.recompute()

    def _lay_out(self) -> None:
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.scenario_panel, "Workload")
        self.left_tabs.addTab(self.model_picker, "Models")
        self.left_tabs.setMinimumWidth(380)

        compare_split = QSplitter(Qt.Orientation.Vertical)
        compare_split.setObjectName("compareSplitter")
        compare_split.addWidget(self.comparison)
        compare_split.addWidget(self.charts)
        compare_split.setStretchFactor(0, 4)
        compare_split.setStretchFactor(1, 5)
        compare_split.setChildrenCollapsible(False)
        compare_split.setSizes([400, 300])  # the answer and the table first
        compare_page = QWidget()
        page_layout = QVBoxLayout(compare_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(compare_split)
        self.compare_split = compare_split

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("mainSplitter")
        self.split.addWidget(self.left_tabs)
        self.split.addWidget(compare_page)
        # A wider window widens both: the form by a third of the gain, so at 1920 px its
        # fields are no longer squeezed (a saved splitter state still sets the sizes).
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([420, 860])

        # Two pages: the everyday loop (form + comparison), and the price list at full width.
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.addTab(self.split, "Comparison")
        self.pages.addTab(self.prices_page, "Prices")
        self.pages.setTabToolTip(0, "Describe the workload and compare what every model costs")
        self.pages.setTabToolTip(1, "Every model's prices: check them, change them, add your own")
        self.pages.currentChanged.connect(self._page_changed)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    @property
    def catalog_editor(self) -> CatalogEditor:
        """The Prices page's editor (built on first ask: the window shows without it)."""
        return self.prices_page.editor

    def finish_start(self) -> None:
        """Build what the window showed without: the charts, then the Prices page."""
        # The Prices page waits until the charts are drawn, not to hold them up.
        self.charts.drawn.connect(self._build_prices_page, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(PRICES_PAGE_WAIT_MS, self._build_prices_page)
        self.load_charts()

    def _build_prices_page(self) -> None:
        self.prices_page.editor  # noqa: B018 (built on first ask)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"window/split": self.split, "window/compareSplit": self.compare_split}

    def _about(self) -> None:
        from imgcost_gui.ui.common import message_box

        box = message_box(
            self,
            QMessageBox.Icon.Information,
            "About ImgCost",
            f"<b>ImgCost {imgcost_gui.__version__}</b><br>Which image model, size, quality and provider "
            f"to use, and what it costs per month.<br><br>Prices checked {self.catalog_doc.catalog.checked}."
            "<br><br>Copyright 2026 the ImgCost authors. Help > Licence lists the components "
            "ImgCost is built on.",
            rich=True,
        )
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.exec()

    def show_help(self, page: str = GUIDE) -> HelpWindow:
        """Help > User guide (F1) and the other Help pages: one Help window, kept."""
        if self.help_window is None:
            from imgcost_gui.ui.help import HelpWindow  # imported when first asked for

            self.help_window = HelpWindow(self, lambda: self.catalog_doc.user.shipped)
        self.help_window.show_page(page)
        return self.help_window

    def focus_search(self) -> QLineEdit:
        """Edit > Find (Ctrl+F): the search box of the page on show, its text selected."""
        if self.pages.currentIndex() == PRICES_PAGE:
            box = self.catalog_editor.search
        else:
            self.left_tabs.setCurrentIndex(MODELS_TAB)
            box = self.model_picker.search
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()
        return box

    # --- what the features offer, at the window -------------------------------------------

    def update_prices(self, path: Path | None = None) -> bool:
        """Prices > Update prices from file…; whether prices were kept."""
        return self.prices.update_prices(path)

    def drop_updated_prices(self) -> None:
        self.prices.drop_updated_prices()

    def report(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def recompute(self) -> None:
        """Price the scenario now and show it (the edit timer does this on its own)."""
        self.live.recompute()

    def flush_charts(self) -> None:
        """Give the charts the latest comparison now (the chart timer does this on its own)."""
        self.live.flush_charts()

    def load_charts(self) -> None:
        """Import matplotlib and draw the charts (after the window is on screen)."""
        self.charts.load()

    # --- reacting ------------------------------------------------------------------

    def _scenario_changed(self) -> None:
        self.scenario_panel.refresh()
        self.model_picker.refresh()
        self.status.show_plan_day(self.doc.scenario.plan_from)
        self.live.schedule()

    def _catalog_changed(self, model_id: object) -> None:
        if model_id is None:
            self.model_picker.set_catalog(self.catalog_doc.catalog)
        self.status.show_prices(self.catalog_doc)
        self.live.schedule()

    def _page_changed(self, index: int) -> None:
        prices = index == PRICES_PAGE
        self.undo_group.setActiveStack(
            self.catalog_doc.undo_stack if prices else self.doc.undo_stack
        )

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — ImgCost")
        self.setWindowModified(self.doc.modified)
        self.revert_action.setEnabled(self.doc.path is not None)

    # --- Qt's events ------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.built:  # closed while loading: there is nothing to keep yet
            event.accept()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.persist:
            save_layout(self, self._splitters())
        self.files.closed_normally()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.built:
            self.drops.enter(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        if self.built:
            self.drops.leave()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.built:
            self.drops.drop(event)
