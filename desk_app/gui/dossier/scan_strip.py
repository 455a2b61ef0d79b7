"""The thumbnail strip of the scan dialog: the pages a clerk gathered, in their order.

Each item holds a key into :attr:`PageStrip.pages_by_key` (a
:class:`desk_app.scanning.assemble.Page`); the order of the pages is the order of the items,
so a drag (Qt's internal move), Ctrl+Up/Down, Ctrl+R (a quarter turn clockwise) and Delete
all work on the items and :meth:`PageStrip.pages` reads the result. Thumbnails are made off
the GUI thread by :func:`thumbnail` (a ``QImage`` is safe there, a ``QPixmap`` is not) and
turned here with the page. Files dropped on the strip from outside (the file manager) are
handed on as :attr:`PageStrip.filesDropped`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk_app.gui.tr import tr
from desk_app.scanning.assemble import Page
from desk_app.scanning.content import PDF

THUMB = QSize(120, 160)
ICON = QSize(160, 160)  # a turned page fits as well
KEY_ROLE = Qt.ItemDataRole.UserRole


def thumbnail(page: Page) -> QImage:
    """A small picture of ``page`` before the clerk's turns (a photo upright as its EXIF
    says, as :func:`~desk_app.scanning.assemble.assemble` puts it); a PDF page is drawn as
    a labelled sheet."""
    if page.kind != PDF:
        buf = QBuffer()
        buf.setData(QByteArray(page.data))
        reader = QImageReader(buf)
        reader.setAutoTransform(True)  # a photo's EXIF turn, as the saved page has it
        img = reader.read()
        if not img.isNull():
            return img.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
    img = QImage(THUMB.width() - 20, THUMB.height(), QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    painter.setPen(QColor("#555"))
    painter.drawRect(0, 0, img.width() - 1, img.height() - 1)
    painter.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, f"PDF\n{page.index + 1}")
    painter.end()
    return img


class _CaptionBelow(QStyledItemDelegate):
    """The page's number under its thumbnail, as in a viewer's strip."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: object) -> None:
        super().initStyleOption(option, index)  # type: ignore[arg-type]
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter


class PageStrip(QListWidget):
    changed = Signal()
    filesDropped = Signal(list)  # list[str]: local paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanStrip")
        self.setViewMode(QListView.ViewMode.ListMode)  # rows really move (icon mode only places)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(ICON)
        self.setSpacing(6)
        self.setItemDelegate(_CaptionBelow(self))
        # one row of pages: fixed, so a selected page is not drawn down the whole strip
        self.setFixedHeight(ICON.height() + 70)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.pages_by_key: dict[int, Page] = {}
        self.sources: dict[int, str] = {}
        self.thumbs: dict[int, QImage] = {}
        self._next = 0
        self.model().rowsMoved.connect(lambda *_a: self._moved())
        for keys, slot in (("Ctrl+R", self.rotate_current), ("Del", self.delete_current),
                           ("Ctrl+Up", lambda: self.move_current(-1)),
                           ("Ctrl+Down", lambda: self.move_current(1)),
                           ("Ctrl+Left", lambda: self.move_current(-1)),
                           ("Ctrl+Right", lambda: self.move_current(1))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    # contents ---------------------------------------------------------------------------
    def add(self, pages: list[Page], thumbs: list[QImage], source: str) -> None:
        for page, thumb in zip(pages, thumbs, strict=True):
            key = self._next
            self._next += 1
            self.pages_by_key[key], self.sources[key], self.thumbs[key] = page, source, thumb
            item = QListWidgetItem()
            item.setData(KEY_ROLE, key)
            item.setSizeHint(QSize(ICON.width() + 20, ICON.height() + 30))
            self.addItem(item)
            self._paint(item)
        if pages:
            self.setCurrentRow(self.count() - 1)
        self._relabel()

    def keys(self) -> list[int]:
        return [int(self.item(i).data(KEY_ROLE)) for i in range(self.count())]

    def pages(self) -> list[Page]:
        return [self.pages_by_key[k] for k in self.keys()]

    def source(self) -> str:
        """Where the pages came from, for the record: the first page's source."""
        keys = self.keys()
        return self.sources[keys[0]] if keys else "file"

    def _paint(self, item: QListWidgetItem) -> None:
        key = int(item.data(KEY_ROLE))
        img = self.thumbs[key]
        turn = self.pages_by_key[key].rotation
        if turn:
            img = img.transformed(QTransform().rotate(turn))
        item.setIcon(QIcon(QPixmap.fromImage(img)))

    def _relabel(self) -> None:
        for i in range(self.count()):
            item = self.item(i)
            page = self.pages_by_key[int(item.data(KEY_ROLE))]
            turned = tr(" (xoay {degrees}°)").format(degrees=page.rotation) if page.rotation else ""
            item.setText(tr("Trang {n}").format(n=i + 1) + turned)
            item.setToolTip(tr("Ctrl+R: xoay, Delete: xoá, Ctrl+↑/↓ hoặc kéo thả: đổi thứ tự"))
        self.changed.emit()

    def _moved(self) -> None:
        self._relabel()

    # the clerk's keys -------------------------------------------------------------------
    def rotate_current(self) -> None:
        item = self.currentItem()
        if item is None:
            return
        key = int(item.data(KEY_ROLE))
        page = self.pages_by_key[key]
        self.pages_by_key[key] = replace(page, rotation=(page.rotation + 90) % 360)
        self._paint(item)
        self._relabel()

    def delete_current(self) -> None:
        row = self.currentRow()
        if row < 0:
            return
        item = self.takeItem(row)
        if item is not None:
            key = int(item.data(KEY_ROLE))
            for table in (self.pages_by_key, self.sources, self.thumbs):
                table.pop(key, None)
        if self.count():
            self.setCurrentRow(min(row, self.count() - 1))
        self._relabel()

    def move_current(self, delta: int) -> None:
        row = self.currentRow()
        dst = row + delta
        if row < 0 or not 0 <= dst < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(dst, item)
        self.setCurrentRow(dst)
        self._relabel()

    # files dropped from outside ---------------------------------------------------------
    def _external(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return event.source() is not self and event.mimeData().hasUrls()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._external(event):
            paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            super().dropEvent(event)
