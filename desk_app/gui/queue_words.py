"""Words for the queue's codes (issue 17); :mod:`desk_app.gui.messages` merges them into its
tables, so a clerk (or the citizen at the kiosk) sees them wherever an error is shown."""

from __future__ import annotations

from desk_app.gui.tr import QT_TR_NOOP

FIELD: dict[str, str] = {
    "bad_cccd": QT_TR_NOOP("Số CCCD phải gồm 12 chữ số: hãy quét lại thẻ, hoặc lấy số không cần "
                "thẻ."),
    "same_counter": QT_TR_NOOP("Vé đang ở quầy này: hãy chọn một quầy khác để chuyển."),
}

KNOWN: dict[str, str] = {
    "ticket_none": QT_TR_NOOP("Quầy {counter} chưa gọi số nào: hãy bấm «Gọi số tiếp» (F2) trước."),
}
