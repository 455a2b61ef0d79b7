"""The main window's "Tài khoản" menu: lock the screen, log out, and for leaders and admins the
audit log ("Nhật ký thao tác…", :mod:`desk_app.gui.audit_dialog`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.core.permissions import Action, allowed
from desk_app.gui.tr import tr

if TYPE_CHECKING:
    from desk_app.gui.audit_dialog import AuditDialog
    from desk_app.gui.main_window import MainWindow


def build(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(tr("&Tài khoản"))
    lock = menu.addAction(tr("Khoá màn hình\tCtrl+L"))  # the key is the content's shortcut
    lock.triggered.connect(window.lock)
    if allowed(window.clerk.role, Action.AUDIT):  # the service refuses the others too
        log = menu.addAction(tr("Nhật ký thao tác…"))
        log.setObjectName("auditAction")
        log.triggered.connect(lambda: open_audit(window))
    logout = menu.addAction(tr("Đăng xuất, đổi cán bộ"))
    logout.setObjectName("logoutAction")
    logout.triggered.connect(window.logout)
    window.logout_action = logout


def open_audit(window: MainWindow) -> AuditDialog | None:
    from desk_app.gui.audit_dialog import AuditDialog

    if window.locked or not allowed(window.clerk.role, Action.AUDIT):
        return None
    dialog = AuditDialog(window.ops, window)
    dialog.open()
    window.audit_dialog = dialog
    return dialog
