"""The File menu's work: new, templates, open, save, recent files, revert, autosave."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from imgcost_gui.core import FileProblem, Scenario, load_scenario, save_scenario
from imgcost_gui.core.paths import templates_dir, user_data_dir
from imgcost_gui.core.storage import (
    LEGACY_SCENARIO_SUFFIX,
    SCENARIO_SUFFIX,
    one_line,
    remove_stale_temp_files,
)
from imgcost_gui.ui.common import (
    ask,
    ask_save_path,
    give_button_mnemonics,
    message_box,
    remember_folder,
    resolved,
    safe_file_name,
    start_folder,
    tell,
)
from imgcost_gui.ui.scenario import ScenarioDocument

from .drops import SCENARIO_SUFFIXES
from .recovery import AUTOSAVE_INTERVAL_MS, Autosave, Recovered

SCENARIO_FILTER = (
    f"ImgCost scenarios (*{SCENARIO_SUFFIX} *{LEGACY_SCENARIO_SUFFIX});;JSON files (*.json)"
)
RECENT_KEY = "recentFiles"
MAX_RECENT = 8
#: The scenario a first start opens on.
EXAMPLE_TEMPLATE = "campaign-drafts-and-finals.imgcost.json"


def templates() -> list[tuple[str, Path]]:
    """Shipped templates as (scenario name, file), in file-name order."""
    out = []
    found = [
        *templates_dir().glob(f"*{SCENARIO_SUFFIX}"),
        *templates_dir().glob(f"*{LEGACY_SCENARIO_SUFFIX}"),
    ]
    for path in sorted(found):
        try:
            scenario, _ = load_scenario(path)
        except FileProblem:
            continue
        out.append((scenario.name, path))
    return out


def example_scenario() -> Scenario:
    try:
        return load_scenario(templates_dir() / EXAMPLE_TEMPLATE)[0]
    except FileProblem:
        return Scenario(name="Example")


class FileActions(QObject):
    """Opens and saves the document for ``window``, asking before anything is lost.

    With ``autosave`` False (smoke tests) the autosave folder is never read or written.
    """

    def __init__(self, window: QWidget, doc: ScenarioDocument, *, autosave: bool = True):
        super().__init__(window)
        self.window = window
        self.doc = doc
        self.autosave = Autosave() if autosave else None
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.autosave_now)
        if self.autosave is not None:
            self.timer.start()
            # temp files of saves that were killed (a crash, a power cut)
            for folder in (user_data_dir(), self.autosave.folder):
                remove_stale_temp_files(folder)

    # --- asking -------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is safe to drop the current document."""
        if not self.doc.modified:
            return True
        answer = ask(
            self.window,
            "Unsaved changes",
            f"“{self.doc.display_name}” has changes that are not saved.\nSave them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _problem(self, title: str, message: str) -> None:
        message_box(self.window, QMessageBox.Icon.Warning, title, one_line(message)).exec()

    # --- new and open -------------------------------------------------------------

    def new(self) -> None:
        if self.maybe_save():
            self.doc.load(Scenario(), None)

    def new_from_template(self, path: Path) -> None:
        if not self.maybe_save():
            return
        try:
            scenario, _ = load_scenario(path)
        except FileProblem as e:
            self._problem("Cannot open the template", e.message)
            return
        self.doc.load(scenario, None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else str(start_folder())
        path, _ = QFileDialog.getOpenFileName(self.window, "Open scenario", start, SCENARIO_FILTER)
        if path:
            remember_folder(Path(path))
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open a scenario file; on any problem the current document stays as it was."""
        if ask and not self.maybe_save():
            return False
        try:
            scenario, upgraded = load_scenario(path)
        except FileProblem as e:
            self._problem("Cannot open the scenario", e.message)
            self.forget_recent(path)
            return False
        self.doc.load(scenario, None if upgraded else resolved(path))
        if upgraded:
            # Keep the old file whole; the upgraded one is saved under a new name when the user chooses.
            self.doc.path = None
            self.doc.fileChanged.emit()
            tell(
                self.window,
                "Scenario upgraded",
                f"{Path(path).name} was written by an older ImgCost and was upgraded. "
                "Save it under a new name to keep the upgraded version.",
            )
        self.remember(Path(path))
        return True

    def revert(self) -> None:
        if self.doc.path is None or not self.doc.modified:
            return
        answer = ask(
            self.window,
            "Revert",
            f"Throw away the changes to “{self.doc.display_name}” since it was saved?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_path(self.doc.path, ask=False)

    # --- save ------------------------------------------------------------------------

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self) -> bool:
        start = (
            str(self.doc.path)
            if self.doc.path
            else safe_file_name(self.doc.scenario.name, "Scenario") + SCENARIO_SUFFIX
        )
        path = ask_save_path(
            self.window, "Save scenario", start, SCENARIO_FILTER, SCENARIO_SUFFIXES
        )
        return path is not None and self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_scenario(self.doc.scenario, path)
        except OSError as e:
            why = e.strerror or str(e)
            self._problem(
                "Cannot save",
                f"{path.name} could not be written in {path.parent} ({why}). Your changes "
                "are still here: save them somewhere else with Save As.",
            )
            return False
        self.doc.mark_saved(resolved(path))
        self.remember(Path(path))
        if self.autosave is not None:
            self.autosave.clear()
        return True

    # --- recent files ----------------------------------------------------------------

    def recent(self) -> list[Path]:
        value = QSettings().value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings gives one string for a list of one
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(str(p)) for p in value]

    def remember(self, path: Path) -> None:
        path = resolved(path)
        paths = [path] + [p for p in self.recent() if p != path]
        QSettings().setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])

    def forget_recent(self, path: Path) -> None:
        path = resolved(path)
        QSettings().setValue(RECENT_KEY, [str(p) for p in self.recent() if p != path])

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        paths = self.recent()
        for path in paths:
            action = menu.addAction(path.name.replace("&", "&&"), partial(self.open_path, path))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
        if not paths:
            menu.addAction("No recent files").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("&Clear recent files", lambda: QSettings().setValue(RECENT_KEY, []))

    # --- autosave and recovery ---------------------------------------------------------

    def autosave_now(self) -> None:
        if self.autosave is None:
            return
        try:
            if self.doc.modified:
                self.autosave.write(self.doc.scenario, self.doc.path)
            else:
                self.autosave.clear()  # only this session's own file
        except OSError:
            pass  # autosave is a safety net; a full disk must not interrupt the user

    def offer_recovery(self) -> bool:
        """Offer the work of sessions that crashed; True if one was brought back."""
        if self.autosave is None:
            return False
        pending = self.autosave.leftovers()
        recovered = False
        for i, leftover in enumerate(pending):
            answer = self._ask_recovery(leftover, i + 1, len(pending))
            if answer == QMessageBox.StandardButton.Yes and self.maybe_save():
                self.doc.load(leftover.scenario, leftover.source, recovered=True)
                self.autosave_now()  # keep it safe under this session before the old file goes
                if self.autosave.wrote:
                    leftover.remove()
                else:
                    leftover.release()
                for rest in pending[i + 1 :]:
                    rest.release()  # one scenario per window: the others wait for a later start
                recovered = True
                break
            if answer == QMessageBox.StandardButton.Discard:
                leftover.remove()
            else:
                leftover.release()
        return recovered

    def _ask_recovery(self, leftover: Recovered, n: int, of: int) -> QMessageBox.StandardButton:
        where = f"“{leftover.source.name}”" if leftover.source else f"“{leftover.scenario.name}”"
        when = f" (autosaved {leftover.saved_at.replace('T', ' ')})" if leftover.saved_at else ""
        which = f" ({n} of {of})" if of > 1 else ""
        box = QMessageBox(self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the scenario's name came from a file
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Recover unsaved work?")
        box.setText(
            f"ImgCost did not close normally. It kept unsaved changes to {where}{when}{which}."
        )
        box.setInformativeText(
            "Recover them now, keep them for the next start, or discard them for good?"
        )
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Yes | buttons.No | buttons.Discard)
        box.button(buttons.Yes).setText("&Recover")
        box.button(buttons.No).setText("&Keep for later")
        give_button_mnemonics(box.buttons())  # Discard
        box.setDefaultButton(buttons.Yes)
        box.setEscapeButton(buttons.No)
        return QMessageBox.StandardButton(box.exec())

    def closed_normally(self) -> None:
        self.timer.stop()
        if self.autosave is not None:
            self.autosave.clear()
