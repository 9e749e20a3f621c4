"""The comparison's table view: a mark by each model's name, models that open to
their stages, a focus frame a keyboard user can follow, and Tab that leaves.

The model's cell is drawn by ``ModelCellDelegate``: a disclosure arrow (when the
scenario has several stages), the status mark (``STATUS_ROLE``: a warning, a
note, or not available on the day), then the name. A stage's line is indented
under its model. Right opens a model to its stages and Left closes it (or goes
from a stage back to its model); a double click or a click on the arrow toggles.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from .comparison_model import COL_MODEL, STAGE_ROLE, STATUS_ROLE, ComparisonModel

Index = QModelIndex | QPersistentModelIndex

#: Room for the disclosure arrow, the status mark, and a stage's indent (px).
ARROW_W, MARK_W, STAGE_INDENT = 16, 20, 36


def _muted_mark(size: int, palette: QPalette) -> QIcon:
    """A grey circle with a bar: the model cannot be used on the day."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    painter.setPen(QPen(colour, size / 5))
    m = size / 4
    painter.drawEllipse(int(m), int(m), int(size * 2 - 2 * m), int(size * 2 - 2 * m))
    painter.drawLine(int(size * 0.6), int(size), int(size * 1.4), int(size))
    painter.end()
    return QIcon(pixmap)


def draw_focus_frame(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """A clear frame around the current cell while the table has focus (the style's
    own dotted one is often invisible)."""
    palette: QPalette = option.palette
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
    painter.save()
    painter.setPen(QPen(palette.color(role), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    rect: QRect = option.rect
    painter.drawRect(rect.adjusted(1, 1, -1, -1))
    painter.restore()


class ModelCellDelegate(QStyledItemDelegate):
    """The model's cell: disclosure arrow, status mark, name; a stage's name indented."""

    #: The user clicked a model's arrow (its line in the view).
    toggled = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._icons: dict[str, QIcon] = {}

    def _mark(self, status: str, palette: QPalette) -> QIcon:
        if status not in self._icons:
            style = QApplication.style()
            if status == "warning":
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            elif status == "info":
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            else:
                icon = _muted_mark(16, palette)
            self._icons[status] = icon
        return self._icons[status]

    def _source(self, index: Index) -> tuple[ComparisonModel | None, int]:
        model = index.model()
        while isinstance(model, QAbstractProxyModel):
            index = model.mapToSource(index)
            model = index.model()
        return (model, index.row()) if isinstance(model, ComparisonModel) else (None, -1)

    @staticmethod
    def _plain(index: Index) -> QModelIndex:
        model = index.model()
        return model.index(index.row(), index.column()) if model is not None else QModelIndex()

    def _arrow(self, index: Index) -> bool | None:
        """None: no arrow; else whether the model's stages are shown."""
        model, line = self._source(index)
        if model is None or not model.expandable(line):
            return None
        return model.is_expanded(line)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        option.state &= ~QStyle.StateFlag.State_HasFocus
        rect: QRect = QRect(option.rect)
        palette: QPalette = option.palette
        style = QApplication.style()
        # The background (selection, alternating rows) across the whole cell first.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        background.icon = QIcon()
        background.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        if index.data(STAGE_ROLE) is not None:
            inner = QStyleOptionViewItem(option)
            inner.rect = rect.adjusted(STAGE_INDENT, 0, 0, 0)
            super().paint(painter, inner, index)
        else:
            arrow = self._arrow(index)
            if arrow is not None:
                branch = QStyleOptionViewItem(option)
                branch.rect = QRect(rect.left() + 2, rect.top(), ARROW_W - 4, rect.height())
                state = QStyle.StateFlag.State_Children | QStyle.StateFlag.State_Item
                if arrow:
                    state |= QStyle.StateFlag.State_Open
                branch.state = option.state | state
                style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorBranch, branch, painter)
            status = index.data(STATUS_ROLE)
            if status:
                size = min(16, rect.height() - 6)
                top = rect.top() + (rect.height() - size) // 2
                mark = QRect(rect.left() + ARROW_W + 1, top, size, size)
                self._mark(status, palette).paint(painter, mark)
            inner = QStyleOptionViewItem(option)
            inner.rect = rect.adjusted(ARROW_W + MARK_W, 0, 0, 0)
            super().paint(painter, inner, index)
        if focused:
            draw_focus_frame(painter, option)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width() + ARROW_W + MARK_W, size.height())

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: Index
    ) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and self._arrow(index) is not None
        ):
            rect: QRect = option.rect
            if event.position().x() < rect.left() + ARROW_W:
                self.toggled.emit(self._plain(index))
                return True
        return super().editorEvent(event, model, option, index)


class ComparisonTable(QTableView):
    """The table: Tab and Shift+Tab move on to the next control (arrows move inside),
    Right and Left open and close a model's stages."""

    #: Open (True) or close a model's stages: its line in the view.
    expandRequested = Signal(QModelIndex, bool)  # noqa: N815
    #: The table's width changed (the columns are fitted to it again).
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        width = event.oldSize().width()
        super().resizeEvent(event)
        if width != event.size().width():
            self.resized.emit()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # The figures' cells are drawn by Qt's own delegate: a delegate written in
        # Python costs a call into Python for every cell of every repaint (about 2 ms
        # of a keystroke's repaint). Their focus frame is drawn once per paint instead.
        self.setItemDelegate(QStyledItemDelegate(self))
        self.model_delegate = ModelCellDelegate(self)
        self.setItemDelegateForColumn(COL_MODEL, self.model_delegate)
        self.model_delegate.toggled.connect(self._toggle)
        self.doubleClicked.connect(self._toggle)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        current = self.currentIndex()
        if not self.hasFocus() or not current.isValid() or current.column() == COL_MODEL:
            return  # (the model's cell draws its own frame)
        option = QStyleOptionViewItem()
        option.rect = self.visualRect(current)
        if not option.rect.intersects(event.rect()):
            return
        option.palette = self.palette()
        selection = self.selectionModel()
        if selection is not None and selection.isSelected(current):
            option.state |= QStyle.StateFlag.State_Selected
        painter = QPainter(self.viewport())
        draw_focus_frame(painter, option)
        painter.end()

    def _toggle(self, index: QModelIndex) -> None:
        arrow = self.model_delegate._arrow(index.siblingAtColumn(COL_MODEL))
        if arrow is not None:
            self.expandRequested.emit(index, not arrow)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        key = event.key()
        if index.isValid() and key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            on_model = index.siblingAtColumn(COL_MODEL)
            arrow = self.model_delegate._arrow(on_model)
            if key == Qt.Key.Key_Right and arrow is False:
                self.expandRequested.emit(index, True)
                return
            if key == Qt.Key.Key_Left and arrow is True:
                self.expandRequested.emit(index, False)
                return
            if key == Qt.Key.Key_Left and on_model.data(STAGE_ROLE) is not None:
                self.go_to_model(index)
                return
        super().keyPressEvent(event)

    def go_to_model(self, index: QModelIndex) -> None:
        """From a stage's line to its model's line (the line above its first stage)."""
        row = index.row()
        while row > 0 and self.model().index(row, COL_MODEL).data(STAGE_ROLE) is not None:
            row -= 1
        self.selectRow(row)
        self.setCurrentIndex(self.model().index(row, index.column()))
