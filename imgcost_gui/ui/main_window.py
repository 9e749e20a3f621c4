"""The main window: the scenario on the left, the comparison and the catalog on the right."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import imgcost_gui
from imgcost_gui.core import Scenario, UnknownModel, UserCatalog

from .banner import Banner
from .catalog_document import STALE_AFTER_DAYS, CatalogDocument
from .catalog_editor import CatalogEditor
from .catalog_watcher import OverridesWatcher
from .charts_host import ChartInputs, ChartsHost
from .comparison_panel import ComparisonPanel, compare
from .document import ScenarioDocument
from .files import FileActions, example_scenario, templates
from .lifecycle import PRICE_CHECK_DAYS, day_words, old_prices
from .model_picker import ModelPicker, compared_ids
from .prices_update_dialog import update_prices_from_file
from .scenario_panel import ScenarioPanel

#: Typing stays live: recompute at most once per event-loop turn (ms).
RECOMPUTE_DELAY_MS = 0
#: Charts follow once the typing pauses this long (ms): one redraw, not one per key.
#: Charts redraw at most this often while edits keep coming (a redraw takes 25-55 ms).
CHART_INTERVAL_MS = 50


class MainWindow(QMainWindow):
    def __init__(
        self, user_catalog: UserCatalog, scenario: Scenario | None = None, *, persist: bool = True
    ):
        """``persist`` False (smoke tests): no autosave, and the window layout is neither restored nor kept."""
        super().__init__()
        self.persist = persist
        self.setWindowTitle("ImgCost")
        self.setAcceptDrops(True)
        self.doc = ScenarioDocument(scenario or example_scenario(), self)
        self.catalog_doc = CatalogDocument(user_catalog, self)
        self.files = FileActions(self, self.doc, autosave=persist)
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.doc.undo_stack)
        self.undo_group.addStack(self.catalog_doc.undo_stack)
        self.undo_group.setActiveStack(self.doc.undo_stack)

        self.banner = Banner()
        self.scenario_panel = ScenarioPanel(self.doc, self.report)
        self.model_picker = ModelPicker(self.doc, self.report)
        self.comparison = ComparisonPanel(self.doc)
        self.charts = ChartsHost()
        self.catalog_editor = CatalogEditor(self.catalog_doc)

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
        compare_split.setSizes([300, 380])
        compare_page = QWidget()
        page_layout = QVBoxLayout(compare_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(compare_split)
        self.compare_split = compare_split

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("mainSplitter")
        self.split.addWidget(self.left_tabs)
        self.split.addWidget(compare_page)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([420, 860])

        # Two pages: the everyday loop (form + comparison), and the price list at full width.
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.addTab(self.split, "Comparison")
        self.pages.addTab(self.catalog_editor, "Prices")
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

        self.catalog_status = QLabel()
        self.stale_status = QLabel()
        self.old_prices_status = QLabel()
        self.old_prices_status.setObjectName("oldPricesStatus")
        self.plan_status = QLabel()
        self.plan_status.setObjectName("planStatus")
        self.statusBar().addPermanentWidget(self.plan_status)
        self.statusBar().addPermanentWidget(self.stale_status)
        self.statusBar().addPermanentWidget(self.old_prices_status)
        self.statusBar().addPermanentWidget(self.catalog_status)

        self.recompute_timer = QTimer(self)
        self.recompute_timer.setSingleShot(True)
        self.recompute_timer.setInterval(RECOMPUTE_DELAY_MS)
        self.recompute_timer.timeout.connect(self.recompute)
        self.chart_timer = QTimer(self)
        self.chart_timer.setSingleShot(True)
        self.chart_timer.timeout.connect(self.flush_charts)
        self._charts_flushed_at = 0.0
        self._charted: tuple[object, ...] | None = None
        self._chart_inputs: ChartInputs | None = None

        self._build_menus()
        self.doc.changed.connect(self._scenario_changed)
        self.doc.changed.connect(self._update_title)  # an untitled scenario is titled by its name
        self.doc.fileChanged.connect(self._update_title)
        self.catalog_doc.changed.connect(self._catalog_changed)
        # Told after the step that failed has unwound (it may fail inside an editor's commit).
        self.catalog_doc.saveFailed.connect(self._save_failed, Qt.ConnectionType.QueuedConnection)
        self.watcher = OverridesWatcher(self.catalog_doc, self)
        self.watcher.reloaded.connect(self._prices_from_elsewhere)
        self.scenario_panel.stageSelected.connect(lambda _i: self.schedule_recompute())
        self.comparison.baselineRequested.connect(self.model_picker.set_baseline)

        self.model_picker.set_catalog(self.catalog_doc.catalog)
        self.banner.show_messages(self.catalog_doc.problems)
        self._update_title()
        self._update_status()
        self._update_plan_status()
        self.resize(1280, 800)
        if persist:
            self._restore_layout()
        self.recompute()

    # --- menus --------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, icon=None, tip: str = "") -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        f, sp = self.files, QStyle.StandardPixmap
        self.new_action = self._action(
            "&New", f.new, QKeySequence.StandardKey.New, sp.SP_FileIcon, "Start an empty scenario"
        )
        self.open_action = self._action(
            "&Open…",
            f.open_dialog,
            QKeySequence.StandardKey.Open,
            sp.SP_DialogOpenButton,
            "Open a saved scenario",
        )
        self.save_action = self._action(
            "&Save",
            f.save,
            QKeySequence.StandardKey.Save,
            sp.SP_DialogSaveButton,
            "Save the scenario",
        )
        self.save_as_action = self._action(
            "Save &As…",
            f.save_as,
            QKeySequence.StandardKey.SaveAs,
            tip="Save the scenario under a new name",
        )
        self.revert_action = self._action("&Revert", f.revert, tip="Go back to the saved version")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)

        menu = self.menuBar().addMenu("&File")
        menu.addAction(self.new_action)
        templates_menu = menu.addMenu("New from &template")
        for name, path in templates():
            templates_menu.addAction(name, lambda p=path: f.new_from_template(p))
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: f.fill_recent_menu(self.recent_menu))
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addAction(self.revert_action)
        menu.addSeparator()
        menu.addAction(self.comparison.export_action)
        menu.addSeparator()
        menu.addAction(quit_action)

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(self.style().standardIcon(sp.SP_ArrowBack))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(self.style().standardIcon(sp.SP_ArrowForward))
        edit = self.menuBar().addMenu("&Edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.comparison.copy_action)

        prices = self.menuBar().addMenu("&Prices")
        self.update_prices_action = self._action(
            "&Update prices from file…",
            lambda: self.update_prices(),  # triggered(bool) must not become the path
            tip="Take in price changes from LiteLLM's, genai-prices' or an ImgCost catalog file",
        )
        self.drop_update_action = self._action(
            "&Drop updated prices",
            self.drop_updated_prices,
            tip="Go back to the shipped prices under your own (you can undo this)",
        )
        prices.addAction(self.update_prices_action)
        prices.addAction(self.drop_update_action)
        prices.aboutToShow.connect(
            lambda: self.drop_update_action.setEnabled(self.catalog_doc.user.layer is not None)
        )

        view = self.menuBar().addMenu("&View")
        view.addAction(self._action("&Comparison", lambda: self.pages.setCurrentIndex(0), "Ctrl+1"))
        view.addAction(self._action("&Prices", lambda: self.pages.setCurrentIndex(1), "Ctrl+2"))
        view.addAction(
            self._action("&Models to compare", lambda: self.left_tabs.setCurrentIndex(1), "Ctrl+M")
        )

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About ImgCost", self._about))

        bar = self.addToolBar("File")
        bar.setObjectName("fileToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.new_action, self.open_action, self.save_action):
            bar.addAction(a)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        for action in (self.undo_action, self.redo_action):
            # their text names the last edit; icon-only keeps the toolbar from jumping
            bar.widgetForAction(action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About ImgCost",
            f"<b>ImgCost {imgcost_gui.__version__}</b><br>Which image model, size, quality and provider "
            f"to use, and what it costs per month.<br><br>Prices checked {self.catalog_doc.catalog.checked}.",
        )

    # --- prices --------------------------------------------------------------------

    def _show_prices(self) -> None:
        # The Prices page's undo stack is the active one there: Undo takes the step back.
        self.pages.setCurrentIndex(1)

    def update_prices(self, path: Path | None = None) -> bool:
        """Prices > Update prices from file…; whether prices were kept."""
        kept = update_prices_from_file(self, self.catalog_doc, path)
        if kept:
            self._show_prices()
            layer = self.catalog_doc.user.layer
            if layer is not None:
                self.report(
                    f"Updated prices kept from {layer.source.title} "
                    f"(version {layer.source.version}); Undo or Prices > Drop updated "
                    "prices takes them away."
                )
            self.banner.add_messages(self.catalog_doc.problems)
        return kept

    def drop_updated_prices(self) -> None:
        if self.catalog_doc.user.layer is None:
            self.report("No updated prices to drop.")
            return
        self.catalog_doc.drop_update()
        self._show_prices()
        if self.catalog_doc.user.layer is None:
            self.report("Updated prices dropped; the shipped prices apply under your own.")

    def _save_failed(self, text: str) -> None:
        QMessageBox.warning(self, "Prices not saved", text)

    def _prices_from_elsewhere(self, lines: list[str]) -> None:
        """Another ImgCost changed prices: say what, where it will be seen."""
        # The banner, not the status bar: its permanent labels leave a message no room.
        self.banner.add_messages([*lines, *self.catalog_doc.problems])

    # --- reacting ------------------------------------------------------------------

    def report(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def schedule_recompute(self) -> None:
        self.recompute_timer.start()

    def _scenario_changed(self) -> None:
        self.scenario_panel.refresh()
        self.model_picker.refresh()
        self._update_plan_status()
        self.schedule_recompute()

    def _catalog_changed(self, model_id: object) -> None:
        if model_id is None:
            self.model_picker.set_catalog(self.catalog_doc.catalog)
        self._update_status()
        self.schedule_recompute()

    def _page_changed(self, index: int) -> None:
        stack = self.catalog_doc.undo_stack if index == 1 else self.doc.undo_stack
        self.undo_group.setActiveStack(stack)

    def recompute(self) -> None:
        """Ask the core for the comparison and pass it to the table and the charts."""
        self.recompute_timer.stop()
        catalog = self.catalog_doc.catalog
        scenario = self.doc.scenario
        ids = compared_ids(self.doc, catalog) or None
        missing = [m for m in scenario.models if m not in catalog.by_id]
        if missing:
            self.report(f"Not in the catalog, left out: {', '.join(missing)}")
        try:
            rows = compare(scenario, catalog, ids)
        except UnknownModel as e:  # the catalog changed under the picker
            self.report(str(e))
            return
        self.comparison.show_rows(rows, catalog)
        self.scenario_panel.form.set_entries(self.model_picker.entries())
        self._chart_inputs = ChartInputs(
            scenario, catalog, ids, rows, self.scenario_panel.current_stage
        )
        # Throttle, not debounce: a lone edit redraws on the next turn of the event
        # loop; edits that come faster than the charts can draw share one redraw.
        since = (time.monotonic() - self._charts_flushed_at) * 1000
        if not self.chart_timer.isActive():
            self.chart_timer.start(max(0, int(CHART_INTERVAL_MS - since)))

    def flush_charts(self) -> None:
        """Give the charts the latest comparison now (the chart timer does this on its own)."""
        self.chart_timer.stop()
        if self.recompute_timer.isActive():
            self.recompute()  # never draw the last numbers for a scenario that has moved on
            self.chart_timer.stop()
        self._charts_flushed_at = time.monotonic()
        if self._chart_inputs is not None:
            inputs, self._chart_inputs = self._chart_inputs, None
            # A recompute that changed nothing (a refresh, a re-selection) must not
            # cost a redraw: compare what the charts would show with what they show.
            picture = (
                inputs.scenario.model_dump_json(),
                inputs.catalog,  # held, so a new catalog cannot take its id
                inputs.model_ids,
                inputs.rows,
                inputs.stage_index,
            )
            if picture == self._charted:
                return
            self._charted = picture
            self.charts.set_inputs(inputs)

    def load_charts(self) -> None:
        """Import matplotlib and draw the charts (after the window is on screen)."""
        self.charts.load()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — ImgCost")
        self.setWindowModified(self.doc.modified)
        self.revert_action.setEnabled(self.doc.path is not None)

    def _update_plan_status(self) -> None:
        """The day every estimate on screen is for."""
        plan_from = self.doc.scenario.plan_from
        self.plan_status.setText(f"Estimates as of {day_words(plan_from)}")
        self.plan_status.setToolTip(
            "Prices and model lifecycles are taken as of this day: the scenario's "
            "“Plan from” date, else today."
            if plan_from
            else "Prices and model lifecycles are taken as of today. Set “Plan from” "
            "on the Workload tab to plan for another day."
        )

    def _update_status(self) -> None:
        cat = self.catalog_doc
        user = cat.user
        old = list(
            old_prices(
                cat.catalog,
                users=lambda e, f: user.is_custom(e.id) or user.is_overridden(e.id, f.path),
            )
        )
        if old:
            n = len(old)
            self.old_prices_status.setText(
                f"⚠ {n} price{'s' if n != 1 else ''} checked over {PRICE_CHECK_DAYS} days ago"
            )
            models = sorted({o.entry.name for o in old})
            shown = ", ".join(models[:8]) + (
                f" and {len(models) - 8} more" if len(models) > 8 else ""
            )
            self.old_prices_status.setToolTip(
                f"Shipped prices of models in use that were last checked more than "
                f"{PRICE_CHECK_DAYS} days ago: {shown}. They are marked ⚠ in the Checked "
                "column of the Prices page."
            )
        else:
            self.old_prices_status.setText("")
            self.old_prices_status.setToolTip("")
        self.old_prices_status.setVisible(bool(old))
        overrides = cat.user.overrides
        prices = sum(len(v) for v in overrides.prices.values()) + sum(
            len(rows) for keys in overrides.dated_prices.values() for rows in keys.values()
        )
        custom = len(overrides.custom_models)
        parts = [f"Prices checked {cat.catalog.checked.isoformat()}"]
        layer = cat.user.layer
        if layer is not None:
            parts.append("updated prices kept")
        if prices:
            parts.append(f"{prices} price{'s' if prices != 1 else ''} changed by you")
        if custom:
            parts.append(f"{custom} custom model{'s' if custom != 1 else ''}")
        if not prices and not custom and layer is None:
            parts.append("shipped prices")
        if cat.user.read_only:
            parts.append("your price file is read-only")
        self.catalog_status.setText(" · ".join(parts))
        self.catalog_status.setToolTip(
            f"Updated prices from {layer.source.title}, version {layer.source.version}, "
            f"kept on {layer.source.imported_on.isoformat()} (Prices > Drop updated prices "
            "takes them away)."
            if layer is not None
            else ""
        )
        age = cat.age_days()
        if cat.stale:
            self.stale_status.setText(
                f"⚠ Prices are {age} days old; check them before you commit a budget"
            )
            self.stale_status.setToolTip(
                f"The catalog was last checked more than {STALE_AFTER_DAYS} days ago."
            )
            self.stale_status.setStyleSheet("color: #b3261e; font-weight: 600;")
        else:
            self.stale_status.setText("")

    # --- window state ----------------------------------------------------------------

    def _restore_layout(self) -> None:
        s = QSettings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in (
            ("window/split", self.split),
            ("window/compareSplit", self.compare_split),
        ):
            state = s.value(key)
            if state is not None:
                splitter.restoreState(state)

    def _save_layout(self) -> None:
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/split", self.split.saveState())
        s.setValue("window/compareSplit", self.compare_split.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.persist:
            self._save_layout()
        self.files.closed_normally()
        event.accept()

    # --- drag and drop -------------------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        for url in urls:
            if url.isLocalFile() and url.toLocalFile().endswith(".json"):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)
