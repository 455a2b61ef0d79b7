"""The status-bar indicator: pending count, last success, last error in words, clock skew;
install() starts the worker without blocking the window."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMainWindow

from desk_app.gui.sync_indicator import EnrolDialog, SyncIndicator, install, skew_words
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from tests.helpers import shot
from tests.sync.helpers_sync import activity


def test_indicator_words(qtbot, store, clock, tmp_path) -> None:
    w = SyncIndicator(store, clock)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.snapshot is not None)  # read on a worker
    assert "chưa đăng ký" in w.text.text() and w.enrol_button.isVisibleTo(w)
    w.show_snapshot(state.Snapshot(True, 12, 0, datetime(2026, 11, 23, 9, 41), None, "", 30))
    assert "12 chờ gửi" in w.text.text() and "09:41 23/11" in w.text.text()
    assert not w.skew.isVisibleTo(w)
    w.show_snapshot(state.Snapshot(True, 12, 2, datetime(2026, 11, 23, 9, 41),
                                   datetime(2026, 11, 23, 10, 5), "unreachable", -720))
    text = w.text.text()
    assert "Không kết nối được máy chủ tỉnh" in text and "10:05" in text
    assert w.held_button.isVisibleTo(w) and w.held_button.text() == "2 bị từ chối…"
    assert "vẫn giữ trên máy" in w.toolTip()
    assert w.skew.isVisibleTo(w) and "nhanh 12 phút" in w.skew.text() and "chỉnh lại" in w.skew.toolTip()
    assert skew_words(200) == "" and "chậm 2 giờ" in skew_words(7200)
    assert not w.enrol_button.isVisibleTo(w)
    w.show_snapshot(state.Snapshot(True, 3, 0, datetime(2026, 11, 23, 9, 41),
                                   datetime(2026, 11, 23, 10, 5), "credential_revoked", 0))
    assert w.enrol_button.isVisibleTo(w) and w.enrol_button.text() == "Đăng ký lại…"
    assert "đã bị thu hồi" in w.text.text()
    w.show_snapshot(state.Snapshot(True, 12, 2, datetime(2026, 11, 23, 9, 41),
                                   datetime(2026, 11, 23, 10, 5), "unreachable", -720))
    w.resize(w.sizeHint())
    shot(w, "sync-indicator-error.png", tmp_path)


def test_scanned_files_not_yet_at_the_province_are_shown(qtbot, store, clock) -> None:
    from tests.sync.scan_docs import big_document

    big_document(store, clock, 10_000)
    big_document(store, clock, 20_000, id_number="001090054322")
    w = SyncIndicator(store, clock)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.snapshot is not None)
    assert w.snapshot.files == 2 and "2 tệp số hóa chờ gửi" in w.text.text()
    # enrolled: records sent, files still going
    w.show_snapshot(state.Snapshot(True, 0, 0, datetime(2026, 11, 23, 9, 41), None, "", 0,
                                   files=1))
    assert w.text.text().startswith("Tỉnh: 1 tệp số hóa chờ gửi · gửi được lúc")
    assert "Tệp số hóa chờ gửi: 1." in w.toolTip()
    w.show_snapshot(state.Snapshot(True, 4, 0, datetime(2026, 11, 23, 9, 41), None, "", 0,
                                   files=3))
    assert w.text.text().startswith("Tỉnh: 4 chờ gửi · 3 tệp số hóa chờ gửi")
    w.show_snapshot(state.Snapshot(True, 0, 0, datetime(2026, 11, 23, 9, 41), None, "", 0))
    assert w.text.text().startswith("Tỉnh: đã gửi hết")


def test_install_starts_the_worker_and_reports_from_its_thread(
    qtbot, hub, make_desk, clock, tmp_path
) -> None:
    desk = make_desk()
    enrol_desk(desk.store, clock, "http://testserver", hub.issue_code(desk.agency_code),
               transport=hub.transport)
    activity(desk.store, clock, 3)
    window = QMainWindow()
    qtbot.addWidget(window)
    ind = install(window, desk.store, clock, desk.data_dir, transport=hub.transport,
                  interval=3600)
    try:
        assert ind.parent() is not None
        qtbot.waitUntil(lambda: ind.snapshot is not None and ind.snapshot.pending == 0
                        and ind.snapshot.last_success_at is not None, timeout=10_000)
        assert "đã gửi hết" in ind.text.text()
        activity(desk.store, clock, 1)
        ind.refresh()
        qtbot.waitUntil(lambda: "chờ gửi" in ind.text.text())  # read on a worker
        with qtbot.waitSignal(ind.updated, timeout=10_000):
            ind.now_button.click()
        qtbot.waitUntil(lambda: ind.snapshot.pending == 0, timeout=10_000)
        window.resize(900, 80)
        shot(window, "sync-indicator-ok.png", tmp_path)
    finally:
        ind.worker.stop()


def test_enrolment_from_the_indicator(qtbot, hub, make_desk, clock, monkeypatch) -> None:
    desk = make_desk()
    w = SyncIndicator(desk.store, clock)
    qtbot.addWidget(w)
    code = hub.issue_code(desk.agency_code)
    real = enrol_desk
    monkeypatch.setattr("desk_app.gui.sync_indicator.enrol_desk",
                        lambda *a, **k: real(*a, transport=hub.transport, **k))
    with qtbot.waitSignal(w.enrolled, timeout=10_000):
        w.enrol("http://testserver", code)
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.enrolled)
    assert not w.enrol_button.isVisibleTo(w)


def test_a_refused_enrolment_keeps_what_was_typed(qtbot, hub, make_desk, clock,
                                                  monkeypatch) -> None:
    """Seen on a real display: after "Chưa đăng ký được với tỉnh" the dialog came back empty
    and the clerk retyped the address and the 12-character code to fix one letter."""
    from PySide6.QtWidgets import QMessageBox

    desk = make_desk()
    w = SyncIndicator(desk.store, clock)
    qtbot.addWidget(w)
    real = enrol_desk
    monkeypatch.setattr("desk_app.gui.sync_indicator.enrol_desk",
                        lambda *a, **k: real(*a, transport=hub.transport, **k))
    with qtbot.waitSignal(w.enrolled, timeout=10_000):
        w.enrol("http://testserver", "AAAA-BBBB-CCCC")  # a wrong code
    qtbot.waitUntil(lambda: any(b.isVisible() for b in w.findChildren(QMessageBox)))
    for box in w.findChildren(QMessageBox):
        box.close()
    w.open_enrolment()
    dialog = next(d for d in w.findChildren(EnrolDialog) if d.isVisible())
    assert (dialog.url.text(), dialog.code.text()) == ("http://testserver", "AAAA-BBBB-CCCC")
    dialog.code.setText(hub.issue_code(desk.agency_code))
    with qtbot.waitSignal(w.enrolled, timeout=10_000):
        dialog.accept()
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.enrolled)
    w.open_enrolment()  # a re-enrolment later starts from nothing: the code is spent
    again = next(d for d in w.findChildren(EnrolDialog) if d.isVisible())
    assert again.code.text() == ""
    again.reject()


def test_register_through_the_status_bar_hook(qtbot, store, clock, data_dir, monkeypatch) -> None:
    from desk_app.gui import hooks
    from desk_app.gui.sync_indicator import register

    monkeypatch.setattr(hooks, "status_bar_widgets", [])
    register(store, clock, data_dir)
    (factory,) = hooks.status_bar_widgets
    ind = factory()
    qtbot.addWidget(ind)
    try:
        assert ind.worker is not None and ind.worker.running
        qtbot.waitUntil(lambda: ind.worker.cycles >= 1)  # not enrolled: it waits quietly
        qtbot.waitUntil(lambda: "chưa đăng ký" in ind.text.text())  # read on a worker
    finally:
        ind.worker.stop()
