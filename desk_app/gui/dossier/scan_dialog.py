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

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import background, messages
from desk_app.gui.dossier.scan_reuse import ReuseBox
from desk_app.gui.dossier.scan_strip import PageStrip, thumbnail
from desk_app.gui.ops import Ops
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.scanning import sane
from desk_app.scanning.assemble import DEFAULT_DPI, DPI_RANGE, Page, pages_of
from desk_app.scanning.files import ScanFiles
from desk_app.scanning.watch import WatchedFolder
from desk_app.services import scans

log = logging.getLogger(__name__)

SCANNER_LANE, PAGES_LANE, FOLDER_LANE = "scanner", "scan-pages", "scan-folder"
POLL_MS = 2000
MODE_LABELS = (("gray", QT_TR_NOOP("Xám")), ("bw", QT_TR_NOOP("Đen trắng")),
               ("color", QT_TR_NOOP("Màu")))
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
            named.append((Path(p).name, Path(p).read_bytes()))
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
        self.ops, self.files = ops, ScanFiles.of_data_dir(data_dir)
        self.dossier_id, self.component_id = dossier_id, component_id
        self.setWindowTitle(tr("Số hóa giấy tờ"))
        self.extra_options: tuple[str, ...] = ()  # device options (tests: the test picture)
        self.watched: WatchedFolder | None = None
        self._polling = False
        self.busy_tasks = 0
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        head = QLabel(f"<b>{title}</b>")
        head.setWordWrap(True)
        outer.addWidget(head)
        outer.addWidget(self._build_sources())
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

    def _build_sources(self) -> QGroupBox:
        box = QGroupBox(tr("Thêm trang"))
        lay = QVBoxLayout(box)
        row = QHBoxLayout()
        self.device = QComboBox()
        self.device.setObjectName("scanDevice")
        self.device.setEditable(True)
        self.device.setMinimumWidth(200)
        edit = self.device.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(tr("máy quét mặc định"))
        self.dpi = QSpinBox()
        self.dpi.setObjectName("scanDpi")
        self.dpi.setRange(*DPI_RANGE)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(DEFAULT_DPI)
        self.dpi.setSuffix(" dpi")
        self.mode = QComboBox()
        self.mode.setObjectName("scanMode")
        for code, label in MODE_LABELS:
            self.mode.addItem(tr(label), code)
        self.sheets = QSpinBox()
        self.sheets.setObjectName("scanSheets")
        self.sheets.setRange(0, 100)
        self.sheets.setValue(1)
        self.sheets.setSpecialValueText(tr("cả khay giấy"))
        self.scan_button = QPushButton(tr("Quét (F5)"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setShortcut(QKeySequence("F5"))
        self.scan_button.setAutoDefault(False)
        self.scan_button.clicked.connect(self.scan)
        for label, widget in ((tr("Máy quét:"), self.device), (tr("Độ phân giải:"), self.dpi),
                              (tr("Chế độ:"), self.mode), (tr("Số tờ:"), self.sheets)):
            cap = QLabel(label)
            cap.setBuddy(widget)
            row.addWidget(cap)
            row.addWidget(widget)
        row.addWidget(self.scan_button)
        row.addStretch(1)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.file_button = QPushButton(tr("Chọn tệp… (Ctrl+O)"))
        self.file_button.setObjectName("scanFiles")
        self.file_button.setShortcut(QKeySequence("Ctrl+O"))
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(self.choose_files)
        row2.addWidget(self.file_button)
        row2.addWidget(QLabel(tr("hoặc kéo thả tệp PDF, JPEG, PNG vào đây.")))
        row2.addSpacing(20)
        self.folder_button = QPushButton(tr("Thư mục theo dõi…"))
        self.folder_button.setObjectName("scanFolder")
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.choose_folder)
        row2.addWidget(self.folder_button)
        self.folder_label = QLabel(tr("(chưa chọn: nơi phần mềm của máy quét lưu ảnh)"))
        self.folder_label.setObjectName("scanFolderLabel")
        row2.addWidget(self.folder_label, 1)
        lay.addLayout(row2)
        return box

    # messages ---------------------------------------------------------------------------
    def say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.message.setText(text)

    def _count_changed(self) -> None:
        n = self.strip.count()
        self.count.setText(tr("{n} trang").format(n=n))
        self.save_button.setEnabled(n > 0)

    def _busy(self, delta: int) -> None:
        self.busy_tasks += delta
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
        self._busy(1)
        self.say(tr("Đang quét…"), ok=True)

        def work() -> Loaded:
            return _load([(f"trang {i + 1}", d) for i, d in enumerate(sane.scan(settings))])

        def done(loaded: Loaded) -> None:
            self._busy(-1)
            self._landed(loaded, "scanner", tr("máy quét"))

        def failed(exc: KnownError) -> None:
            self._busy(-1)
            self.say(messages.known_message(exc), ok=False)

        background.lane(SCANNER_LANE).run(work, done, failed=failed, context=self, name="scan")

    def choose_files(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(self, tr("Chọn tệp PDF, JPEG, PNG"), "",
                                                 FILE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        if not paths:
            return
        self._busy(1)

        def done(loaded: Loaded) -> None:
            self._busy(-1)
            self._landed(loaded, "file", tr("tệp"))

        background.lane(PAGES_LANE).run(functools.partial(_read_files, list(paths)), done,
                                        context=self, name="scan files")

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Thư mục phần mềm máy quét lưu ảnh"))
        if folder:
            self.watch(Path(folder))

    def watch(self, folder: Path) -> None:
        self.watched = WatchedFolder(folder)
        self.folder_label.setText(tr("Đang theo dõi {folder}: ảnh mới lưu vào đó được thêm "
                                     "vào đây.").format(folder=str(folder)))
        self.timer.start()
        self.poll_folder()

    def poll_folder(self) -> None:
        watched = self.watched
        if watched is None or self._polling:
            return
        self._polling = True

        def work() -> Loaded:
            got = watched.poll()
            pages, thumbs, bad = _load([(t.name, t.data) for t in got.taken])
            refused = [(n, messages.field_message(FieldError("file", code)))
                       for n, code in got.refused]
            return pages, thumbs, refused + bad

        def done(loaded: Loaded) -> None:
            self._polling = False
            self._landed(loaded, "folder", tr("thư mục theo dõi"))

        background.lane(FOLDER_LANE).run(work, done, context=self, name="scan folder")

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
        pages = self.strip.pages()
        if not pages:
            self.say(tr("Chưa có trang nào để lưu."), ok=False)
            return False
        mode = str(self.mode.currentData())
        attach = functools.partial(scans.attach, source=self.strip.source(), mode=mode,
                                   dpi=self.dpi.value())
        self.say(tr("Đang lưu…"), ok=True)
        return self.ops.write(
            "scan", attach, self.files, self.dossier_id, self.component_id, pages, parent=self,
            done=self._saved, invalid=self._invalid, failed=self._failed) is not None

    def _saved(self, info: scans.DocumentInfo) -> None:
        self.timer.stop()
        self.saved.emit(info)
        self.accept()

    def _invalid(self, errors: list[FieldError]) -> None:
        self.say(tr("Chưa lưu: {why}").format(
            why=" ".join(messages.field_message(e) for e in errors)), ok=False)

    def _failed(self, exc: KnownError) -> None:
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
        super().done(result)
