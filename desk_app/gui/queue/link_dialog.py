"""Hàng đợi → "Nối hàng đợi giữa các quầy…" (the administrator's): how this desk takes part
in the office's queue, one of three:

* this desk holds the queue (the kiosk is here): it shows this PC's address(es), the port and
  the office queue key to type at each counter, and can make a new key;
* this desk uses the queue of the host at ADDRESS:PORT, with the key typed from the host;
* no queue.

"Thử kết nối" asks the host (or, on the host, this desk's own server) on the LAN lane; "Lưu"
runs :func:`desk_app.services.queue_host.set_link` through ``Ops.write`` (audited), then starts
or stops this desk's server (:func:`desk_app.queue_lan.server.serve`) and refreshes the panel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import messages
from desk_app.gui.ops import Ops
from desk_app.gui.queue import remote
from desk_app.gui.tr import tr
from desk_app.queue_lan import server
from desk_app.queue_lan.client import QueueClient
from desk_app.services.counter import desk_counter
from desk_app.services.queue_host import DEFAULT_PORT, QueueLink, check_url, link, set_link


class LinkDialog(QDialog):
    def __init__(self, parent: QWidget | None, ops: Ops, desk: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueLink")
        self.setWindowTitle(tr("Nối hàng đợi giữa các quầy"))
        self.ops, self.desk = ops, desk
        with ops.read() as session:
            self.link: QueueLink = link(session)
            self.counter = desk_counter(session) or 1
        box = QVBoxLayout(self)
        self.modes = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for mode, text in (
                ("host", tr("Máy này giữ hàng đợi (máy lấy số đặt ở đây)")),
                ("client", tr("Dùng hàng đợi của máy giữ hàng đợi trong cơ quan")),
                ("none", tr("Không dùng số thứ tự"))):
            radio = QRadioButton(text)
            radio.setObjectName(f"queueLink_{mode}")
            self.radios[mode] = radio
            self.modes.addButton(radio)
            box.addWidget(radio)
            if mode == "host":
                box.addWidget(self._host_box())
            elif mode == "client":
                box.addWidget(self._client_box())
        self.outcome = QLabel("")
        self.outcome.setObjectName("queueLinkResult")
        self.outcome.setWordWrap(True)
        box.addWidget(self.outcome)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(tr("Thử kết nối"))
        self.save_button = QPushButton(tr("Lưu"))
        close = QPushButton(tr("Đóng"))
        self.test_button.clicked.connect(self.test)
        self.save_button.clicked.connect(lambda: self.save())
        close.clicked.connect(self.reject)
        for b in (self.test_button, self.save_button, close):
            buttons.addWidget(b)
        box.addLayout(buttons)
        self.radios[self.link.mode].setChecked(True)
        self.modes.buttonToggled.connect(lambda *_: self._enable())
        self._show_link(self.link)
        self.resize(620, self.sizeHint().height())

    def _host_box(self) -> QGroupBox:
        group = QGroupBox()
        form = QFormLayout(group)
        self.addresses = QLabel()
        self.addresses.setObjectName("queueLinkAddresses")
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.key_label = QLabel()
        self.key_label.setObjectName("queueLinkKey")
        mono = QFont("monospace")
        mono.setPointSize(mono.pointSize() + 3)
        self.key_label.setFont(mono)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.renew = QPushButton(tr("Tạo khóa mới (các quầy phải nhập lại)"))
        self.renew.clicked.connect(lambda: self.save(renew=True))
        form.addRow(tr("Địa chỉ của máy này:"), self.addresses)
        form.addRow(tr("Cổng:"), self.port)
        form.addRow(tr("Khóa hàng đợi:"), self.key_label)
        form.addRow("", self.renew)
        self.host_box = group
        return group

    def _client_box(self) -> QGroupBox:
        group = QGroupBox()
        form = QFormLayout(group)
        self.url = QLineEdit()
        self.url.setObjectName("queueLinkUrl")
        self.url.setPlaceholderText("192.168.1.10:8766")
        self.key = QLineEdit()
        self.key.setObjectName("queueLinkKeyInput")
        self.key.setPlaceholderText("ABCD-EFGH-…")
        form.addRow(tr("Địa chỉ máy giữ hàng đợi:"), self.url)
        form.addRow(tr("Khóa hàng đợi:"), self.key)
        self.client_box = group
        return group

    def mode(self) -> str:
        return next(m for m, r in self.radios.items() if r.isChecked())

    def _enable(self) -> None:
        self.host_box.setEnabled(self.mode() == "host")
        self.client_box.setEnabled(self.mode() == "client")
        self.test_button.setEnabled(self.mode() != "none")

    def _show_link(self, here: QueueLink) -> None:
        self.link = here
        self.port.setValue(here.port)
        shown = ", ".join(f"{a}:{here.port}" for a in server.lan_addresses())
        self.addresses.setText(shown or tr("(máy chưa nối mạng)"))
        self.key_label.setText(here.key if here.mode == "host" else tr("(lưu để tạo khóa)"))
        if here.mode == "client":
            self.url.setText(here.url.removeprefix("http://"))
            self.key.setText(here.key)
        self._enable()

    # -- actions -------------------------------------------------------------------------

    def save(self, renew: bool = False) -> None:
        mode = self.mode()
        self.outcome.setText("")
        self.ops.write("queue_link", set_link, mode, self.url.text(), self.key.text(),
                       self.port.value() if mode == "host" else DEFAULT_PORT, renew,
                       parent=self, done=self._saved, invalid=self._invalid,
                       failed=self._failed)

    def _saved(self, here: QueueLink) -> None:
        self._show_link(here)
        words = tr("Đã lưu.")
        try:
            running = server.serve(self.ops.store, self.ops.clock)
        except KnownError as exc:
            words = messages.known_message(exc)
        else:
            if running is not None:
                words += " " + tr("Máy này đang phục vụ hàng đợi ở cổng {port}: mở cổng này "
                                  "trên tường lửa của máy.").format(port=running.port)
        self.outcome.setText(words)
        if self.desk is not None:
            self.desk.link = here  # read on the right lane from now on
            self.desk.refresh()

    def _invalid(self, errors: list[FieldError]) -> None:
        self.outcome.setText(" ".join(messages.field_message(e) for e in errors))

    def _failed(self, exc: KnownError) -> None:
        if isinstance(exc, ValidationError):
            self._invalid(exc.errors)
            return
        self.outcome.setText(messages.known_message(exc))

    def test(self) -> None:
        """Ask the host (as typed, not yet saved) for its board, on the LAN lane."""
        mode = self.mode()
        try:
            url = check_url(self.url.text()) if mode == "client" else \
                f"http://127.0.0.1:{self.link.port}"
        except ValidationError as exc:
            self._invalid(exc.errors)
            return
        key = self.key.text() if mode == "client" else self.link.key
        counter, name = self.counter, self.ops.clerk.username
        self.outcome.setText(tr("Đang thử…"))

        def work() -> int:
            client = QueueClient(url, key, counter, name)
            try:
                return client.board().waiting
            finally:
                client.close()

        remote.lane().run(work, lambda waiting: self.outcome.setText(tr(
            "Nối được với máy giữ hàng đợi: đang có {count} người chờ.").format(count=waiting)),
            failed=self._failed, context=self, name="queue link test")


def open_dialog(parent: QWidget, ops: Ops, desk: Any = None) -> LinkDialog:
    dialog = LinkDialog(parent, ops, desk)
    dialog.open()
    return dialog
