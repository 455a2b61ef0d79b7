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
    # the ticket printer driven directly by ESC/POS (desk_app/printing/ticket_raster.py)
    "ticket_printer_unreachable": QT_TR_NOOP("Không gửi được số thứ tự tới máy in vé «{printer}»: "
                                  "kiểm tra máy in đã bật, còn giấy và đã nối cáp hoặc mạng."),
    "ticket_printer_bad_address": QT_TR_NOOP("Địa chỉ máy in vé «{printer}» không đúng dạng (ví dụ "
                                  "tcp:192.168.1.50, usb:0x0416:0x5011, serial:COM3)."),
    "ticket_printer_driver_missing": QT_TR_NOOP("Máy tính thiếu trình điều khiển cho máy in vé "
                                     "«{printer}»: hãy in qua máy in của hệ thống."),
}

# the voice's state (desk_app/announce/voice.py): shown at the clerk's queue panel
VOICE: dict[str, str] = {
    "voice_ok": QT_TR_NOOP("Giọng đọc tiếng Việt: espeak-ng"),
    "voice_missing": QT_TR_NOOP("Máy không có giọng đọc tiếng Việt: cài espeak-ng"),
    "voice_no_vietnamese": QT_TR_NOOP("espeak-ng trên máy thiếu giọng tiếng Việt: cài lại espeak-ng"),
}
