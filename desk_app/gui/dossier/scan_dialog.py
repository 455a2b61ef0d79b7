"""The scan dialog (issue 16): the pages of one component of a dossier, or of its result.

Pages come from the scanner (:func:`desk_app.scanning.sane.scan` on the ``scanner`` lane,
never the GUI thread; black-and-white is scanned grey and made by ``assemble(mode="bw")``),
from files (the file dialog, or PDF/JPEG/PNG dropped on the dialog: each checked by content on
the ``scan-pages`` lane, a refused one named with the reason in the dialog), or from a watched
folder (:class:`desk_app.scanning.watch.WatchedFolder` polled on a timer, on the
``scan-folder`` lane). They gather in the :class:`~desk_app.gui.dossier.scan_strip.PageStrip`.

Save (Ctrl+S) runs :func:`desk_app.services.scans.attach` through :meth:`Ops.write`; the dialog
closes when it lands. A refused save (a limit, the clerk's role, a full disk) is said in the
dialog, which keeps every page: nothing the clerk gathered is lost. For a component, the
citizen's earlier documents that may be re-used are offered below the strip
(:mod:`desk_app.gui.dossier.scan_reuse`).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import background, messages
from desk_app.gui.dossier.scan_reuse import ReuseBox
from desk_app.gui.dossier.scan_sources import SourcesBox, remember, restore
from desk_app.gui.dossier.scan_strip import PageStrip, thumbnail
from desk_app.gui.ops import Ops
from desk_app.gui.tr import tr
from desk_app.scanning import sane
from desk_app.scanning.assemble import Assembled, Page, assemble, pages_of
from desk_app.scanning.content import read_file
from desk_app.scanning.files import ScanFiles
from desk_app.scanning.watch import Taken, WatchedFolder, inside
from desk_app.services import scans

log = logging.getLogger(__name__)

SCANNER_LANE, PAGES_LANE, FOLDER_LANE = "scanner", "scan-pages", "scan-folder"
POLL_MS = 2000
FILE_FILTER = "PDF, JPEG, PNG (*.pdf *.jpg *.jpeg *.png);;*"
OK_STYLE = "color: #1e6b34;"
BAD_STYLE = "color: #a32a1f; font-weight: bold;"

Loaded = tuple[list[Page], list[QImage], list[tuple[str, str]]]  # pages, thumbs, refusals


def _load(named: list[tuple[str, bytes]]) -> Loaded:
    """Each file checked by content and split into pages, with thumbnails (a worker)."""
    pages: list[Page] = []
    refused: list[tuple[str, str]] = []
    for name, data in named:
        try:
            got = pages_of(data)
        except ValidationError as exc:
            refused.append((name, messages.field_message(exc.errors[0])))
            continue
        pages += got
    return pages, [thumbnail(p) for p in pages], refused


def _read_files(paths: list[str]) -> Loaded:
    named: list[tuple[str, bytes]] = []
    refused: list[tuple[str, str]] = []
    for p in paths:
        try:
            named.append((Path(p).name, read_file(Path(p))))  # a huge one is refused unread
        except ValidationError as exc:
            refused.append((Path(p).name, messages.field_message(exc.errors[0])))
        except OSError as exc:
            refused.append((Path(p).name, tr("không đọc được tệp ({why}).").format(why=exc.strerror)))
    pages, thumbs, bad = _load(named)
    return pages, thumbs, refused + bad


class ScanDialog(QDialog):
    saved = Signal(object)  # scans.DocumentInfo

    def __init__(self, ops: Ops, data_dir: Path, dossier_id: int, component_id: int | None,
                 title: str, id_number: str = "", parent: QWidget | None = None,
                 component_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("scanDialog")
        self.ops, self.files, self.data_dir = ops, ScanFiles.of_data_dir(data_dir), data_dir
        self.dossier_id, self.component_id = dossier_id, component_id
        self.setWindowTitle(tr("Số hóa giấy tờ"))
        self.extra_options: tuple[str, ...] = ()  # device options (tests: the test picture)
        self.saving = False  # from Ctrl+S until the save landed or was refused
        self.watched: WatchedFolder | None = None
        self._tasks: list[background.Task[Any]] = []  # scans and files being read
        self._poll: background.Task[Any] | None = None  # the folder being looked at
        self._saving = self._closed = False  # no page is taken from the folder then
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        head = QLabel(f"<b>{title}</b>")
        head.setWordWrap(True)
        outer.addWidget(head)
        box = SourcesBox()
        outer.addWidget(box)
        self.device, self.find_button, self.dpi, self.mode = (box.device, box.find_button,
                                                              box.dpi, box.mode)
        self.sheets, self.scan_button, self.file_button = box.sheets, box.scan_button, \
            box.file_button
        self.folder_button, self.folder_label = box.folder_button, box.folder_label
        self.find_button.clicked.connect(self.find_devices)
        self.scan_button.clicked.connect(self.scan)
        self.file_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        outer.addWidget(QLabel(tr("<b>Các trang</b> (Ctrl+R: xoay, Delete: xoá, Ctrl+↑/↓ hoặc "
                                  "kéo thả: đổi thứ tự)")))
        self.strip = PageStrip()
        self.strip.filesDropped.connect(self.add_files)
        self.strip.changed.connect(self._count_changed)
        outer.addWidget(self.strip)
        self.reuse = ReuseBox(ops, self.files, dossier_id, component_id, id_number, self,
                              component_name)
        self.reuse.reused.connect(self._reused)
        outer.addWidget(self.reuse)
        outer.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("scanMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.count = QLabel()
        buttons.addWidget(self.count, 1)
        self.save_button = QPushButton(tr("Lưu (Ctrl+S)"))
        self.save_button.setObjectName("scanSave")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(tr("Đóng"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll_folder)
        self._count_changed()
        self.resize(1000, 640)
        self.sources = box
        folder = restore(box, data_dir)
        if folder is not None:  # set up once: the scanner's software keeps saving there
            self.watch(folder)


    # messages ---------------------------------------------------------------------------
    def say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.message.setText(text)

    def _count_changed(self) -> None:
        n = self.strip.count()
        self.count.setText(tr("{n} trang").format(n=n))
        self.save_button.setEnabled(n > 0)

    @property
    def busy_tasks(self) -> int:
        """Scans and files still being read (a task that raised, a bug, is over too)."""
        self._tasks = [t for t in self._tasks if not t.finished]
        return len(self._tasks)

    @property
    def _polling(self) -> bool:
        return self._poll is not None and not self._poll.finished

    def _busy(self, task: background.Task[Any] | None = None) -> None:
        if task is not None:
            self._tasks.append(task)
        self.scan_button.setEnabled(self.busy_tasks == 0)

    # adding pages -----------------------------------------------------------------------
    def _landed(self, loaded: Loaded, source: str, what: str) -> None:
        pages, thumbs, refused = loaded
        self.strip.add(pages, thumbs, source)
        lines = []
        if pages:
            lines.append(tr("Đã thêm {n} trang ({what}).").format(n=len(pages), what=what))
        lines += [tr("Không nhận «{name}»: {why}").format(name=n, why=w) for n, w in refused]
        if lines:
            self.say("<br>".join(lines), ok=not refused)
        if pages:
            self.strip.setFocus()

    def scan(self) -> None:
        mode = str(self.mode.currentData())
        settings = sane.ScanSettings(
            device=self.device.currentText().strip(), resolution=self.dpi.value(),
            mode="gray" if mode == "bw" else mode, pages=self.sheets.value(),
            extra=self.extra_options)
        self.say(tr("Đang quét…"), ok=True)
        remember(self.sources, self.data_dir, None)

        def work() -> Loaded:
            return _load([(f"trang {i + 1}", d) for i, d in enumerate(sane.scan(settings))])

        def done(loaded: Loaded) -> None:
            self._busy()
            self._landed(loaded, "scanner", tr("máy quét"))

        def failed(exc: KnownError) -> None:
            self._busy()
            self.say(messages.known_message(exc), ok=False)

        self._busy(background.lane(SCANNER_LANE).run(work, done, failed=failed, context=self,
                                                     name="scan"))

    def find_devices(self) -> None:
        """The scanners SANE finds (a few seconds: on the scanner lane)."""
        self.find_button.setEnabled(False)
        self.say(tr("Đang tìm máy quét…"), ok=True)

        def done(found: list[sane.Device]) -> None:
            self.find_button.setEnabled(True)
            typed = self.device.currentText()
            self.device.clear()
            for d in found:
                self.device.addItem(d.name)
                self.device.setItemData(self.device.count() - 1, f"{d.vendor} {d.model}",
                                        Qt.ItemDataRole.ToolTipRole)
            if not found:
                self.device.setEditText(typed)
            self.say(tr("Tìm thấy {n} máy quét.").format(n=len(found)) if found else
                     tr("Không tìm thấy máy quét nào: kiểm tra máy quét đã bật và đã cắm cáp, "
                        "hoặc dùng thư mục theo dõi."), ok=bool(found))

        def failed(exc: KnownError) -> None:
            self.find_button.setEnabled(True)
            self.say(messages.known_message(exc), ok=False)

        background.lane(SCANNER_LANE).run(sane.devices, done, failed=failed, context=self,
                                          name="scanners")

    def choose_files(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(self, tr("Chọn tệp PDF, JPEG, PNG"), "",
                                                 FILE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        if not paths:
            return
        def done(loaded: Loaded) -> None:
            self._busy()
            self._landed(loaded, "file", tr("tệp"))

        self._busy(background.lane(PAGES_LANE).run(
            functools.partial(_read_files, list(paths)), done, context=self, name="scan files"))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Thư mục phần mềm máy quét lưu ảnh"))
        if folder:
            self.watch(Path(folder))

    def watch(self, folder: Path) -> None:
        if inside(folder, self.data_dir):  # its files would be moved away
            self.say(tr("Không theo dõi thư mục {folder}: nó thuộc thư mục dữ liệu của chương "
                        "trình. Hãy chọn một thư mục riêng cho máy quét.").format(
                folder=str(folder)), ok=False)
            return
        self.watched = WatchedFolder(folder)
        remember(self.sources, self.data_dir, folder)
        self.folder_label.setText(tr("Đang theo dõi {folder}: ảnh mới lưu vào đó được thêm "
                                     "vào đây.").format(folder=str(folder)))
        self.timer.start()
        self.poll_folder()

    def poll_folder(self) -> None:
        self._busy()  # (a read that raised, a bug, gave nothing back: the button comes back)
        watched = self.watched
        if watched is None or self._polling:
            return

        def work() -> tuple[Loaded, list[Taken]]:
            got = watched.poll()
            pages, thumbs, bad = _load([(t.name, t.data) for t in got.taken])
            refused = [(n, messages.field_message(FieldError("file", code)))
                       for n, code in got.refused]
            return (pages, thumbs, refused + bad), got.taken

        def done(result: tuple[Loaded, list[Taken]]) -> None:
            loaded, taken = result
            if self._saving or self._closed:  # taken while the pages were being saved
                back = functools.partial(watched.give_back, taken)  # the next dialog's
                background.lane(FOLDER_LANE).run(back, lambda _n: None, name="give back")
                return
            self._landed(loaded, "folder", tr("thư mục theo dõi"))

        self._poll = background.lane(FOLDER_LANE).run(work, done, context=self,
                                                      name="scan folder")

    def _drop_ok(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return event.mimeData().hasUrls()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._drop_ok(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._drop_ok(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._drop_ok(event):
            event.acceptProposedAction()
            self.add_files([u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()])

    # saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        if self.busy_tasks:  # a scan or a file still being read would land after the save
            self.say(tr("Đang lấy thêm trang (máy quét hoặc tệp): chờ xong rồi lưu."), ok=False)
            return False
        pages = self.strip.pages()
        if not pages:
            self.say(tr("Chưa có trang nào để lưu."), ok=False)
            return False
        mode, dpi = str(self.mode.currentData()), self.dpi.value()
        attach = functools.partial(scans.attach, source=self.strip.source(), mode=mode, dpi=dpi)
        self.say(tr("Đang lưu…"), ok=True)
        self._hold(True)  # what is saved is what the strip shows: no edit meanwhile
        self.saving = True

        def assembled(made: Assembled) -> None:  # then the write, its lock held briefly
            started = self.ops.write(
                "scan", functools.partial(attach, made=made), self.files, self.dossier_id,
                self.component_id, pages, parent=self, done=self._saved,
                invalid=self._invalid, failed=self._failed) is not None
            if not started:
                self.saving = False
                self._hold(False)

        def refused(exc: KnownError) -> None:
            if isinstance(exc, ValidationError):
                self._invalid(exc.errors)
            else:
                self._failed(exc)

        background.lane(PAGES_LANE).run(functools.partial(assemble, pages, mode, dpi),
                                        assembled, failed=refused, context=self,
                                        name="scan assemble")
        return True

    def _hold(self, saving: bool) -> None:
        self._saving = saving
        for widget in (self.strip, self.save_button, self.scan_button, self.file_button,
                       self.folder_button, self.reuse):
            widget.setEnabled(not saving)
        self.setAcceptDrops(not saving)
        if saving:
            self.timer.stop()
        elif self.watched is not None:
            self.timer.start()

    def _saved(self, info: scans.DocumentInfo) -> None:
        self.saving = False
        self.timer.stop()
        self.saved.emit(info)
        self.accept()

    def _invalid(self, errors: list[FieldError]) -> None:
        self.saving = False
        self._hold(False)
        self.say(tr("Chưa lưu: {why}").format(
            why=" ".join(messages.field_message(e) for e in errors)), ok=False)

    def _failed(self, exc: KnownError) -> None:
        self.saving = False
        self._hold(False)
        self.say(tr("Chưa lưu: {why} Các trang vẫn còn đây.").format(
            why=messages.known_message(exc)), ok=False)

    def _reused(self, info: scans.DocumentInfo) -> None:
        self._saved(info)

    def reject(self) -> None:
        """Esc or "Đóng": pages not saved are dropped only when the clerk says so."""
        n = self.strip.count()
        if n and self.isVisible() and not messages.confirm(
                self, tr("Bỏ {n} trang chưa lưu của thành phần này?").format(n=n)):
            return
        super().reject()

    def done(self, result: int) -> None:  # closed either way: the folder is no longer watched
        self.timer.stop()
        self._closed = True
        super().done(result)
