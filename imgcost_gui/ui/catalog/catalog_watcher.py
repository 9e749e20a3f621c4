"""Takes in the prices another ImgCost (a second window, the command line) saves.

The overrides file is watched, and so is its folder: an atomic save replaces
the file with a new one, which a watch on the old file never sees.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from imgcost_gui.core.writing import file_signature

from .catalog_document import CatalogDocument

#: Events of one save (temp file, rename, lock) are taken in once, this long after.
SETTLE_MS = 150


class OverridesWatcher(QObject):
    """Calls ``CatalogDocument.reload`` when the overrides file changes on disk."""

    #: Another ImgCost changed prices: what changed, one line each.
    reloaded = Signal(list)

    def __init__(self, doc: CatalogDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.path = doc.user.path
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.check)
        self.watcher.fileChanged.connect(lambda _p: self.timer.start())
        self.watcher.directoryChanged.connect(lambda _p: self.timer.start())
        self._seen = file_signature(self.path)
        #: The measured token counts beside it (``imgcost calibrate --save`` writes them).
        self.measured_path = doc.user.measured_path
        self._seen_measured = file_signature(self.measured_path)
        self._watch()

    def _watch(self) -> None:
        folder = self.path.parent
        if folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        if self.path.exists() and str(self.path) not in self.watcher.files():
            self.watcher.addPath(str(self.path))

    def check(self) -> None:
        """Take in the file if it changed since last seen (this window's saves say nothing)."""
        self._watch()
        said: list[str] = []
        now = file_signature(self.path)
        if now != self._seen:
            self._seen = now
            said += self.doc.reload()
        measured = file_signature(self.measured_path)
        if measured != self._seen_measured:
            self._seen_measured = measured
            said += self.doc.reload_measured()
        if said:
            self.reloaded.emit(said)
