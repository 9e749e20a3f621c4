"""The Prices page, built when first needed: the window shows without it.

The editor and its table of every price cost a tenth of a second to import and
build; the page stays empty until it is shown or asked for (``editor``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from .catalog_document import CatalogDocument

if TYPE_CHECKING:
    from .catalog_editor import CatalogEditor


class PricesPage(QWidget):
    def __init__(self, doc: CatalogDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._editor: CatalogEditor | None = None
        #: A model whose measured tokens were kept before the editor was built: shown first.
        self._first_model: str | None = None
        doc.measuredChanged.connect(self._measured_changed)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._editor is not None

    @property
    def editor(self) -> CatalogEditor:
        """The Prices page's editor (built on first ask)."""
        if self._editor is None:
            from .catalog_editor import CatalogEditor

            self._editor = CatalogEditor(self.doc)
            self._layout.addWidget(self._editor)
            self._editor.show()  # a child added to a page already shown stays hidden else
            if self._first_model is not None:
                self._editor.show_model(self._first_model)
        return self._editor

    def _measured_changed(self, model_id: str) -> None:
        if self._editor is None:
            self._first_model = model_id  # the editor shows it itself once built

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self.editor  # noqa: B018 (built as it is first shown)
        super().showEvent(event)
