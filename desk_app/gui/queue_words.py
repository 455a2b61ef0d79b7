"""Words for the queue's codes (issue 17); :mod:`desk_app.gui.messages` merges them into its
tables, so a clerk (or the citizen at the kiosk) sees them wherever an error is shown."""

from __future__ import annotations

from desk_app.gui.tr import QT_TR_NOOP

FIELD: dict[str, str] = {
    "bad_cccd": QT_TR_NOOP("Số CCCD phải gồm 12 chữ số: hãy quét lại thẻ, hoặc lấy số không cần "
                "thẻ."),
    "same_counter": QT_TR_NOOP("Vé đang ở quầy này: hãy chọn một quầy khác để chuyển."),
    # the queue's link on the office LAN (desk_app/services/queue_host.py)
    "bad_queue_url": QT_TR_NOOP("Địa chỉ máy giữ hàng đợi phải có dạng 192.168.1.10:8766 "
                     "(địa chỉ của máy trong mạng cơ quan, dấu hai chấm, cổng)."),
    "bad_queue_key": QT_TR_NOOP("Khóa hàng đợi gồm 8 nhóm 4 chữ và số, xem trên máy giữ hàng đợi "
                     "(Hàng đợi → Nối hàng đợi giữa các quầy…)."),
    "bad_queue_mode": QT_TR_NOOP("Hãy chọn một trong ba cách: máy này giữ hàng đợi, dùng hàng đợi "
                      "của máy khác, hoặc không dùng số thứ tự."),
    "bad_port": QT_TR_NOOP("Cổng phải là một số từ {min} đến {max} (thường dùng 8766)."),
}

KNOWN: dict[str, str] = {
    "ticket_none": QT_TR_NOOP("Quầy {counter} chưa gọi số nào: hãy bấm «Gọi số tiếp» (F2) trước."),
    # the ticket printer driven directly by ESC/POS (desk_app/printing/ticket_raster.py)
    "ticket_printer_unreachable": QT_TR_NOOP("Không gửi được số thứ tự tới máy in vé «{printer}»: "
                                  "kiểm tra máy in đã bật, còn giấy và đã nối cáp hoặc mạng."),
    "ticket_printer_bad_address": QT_TR_NOOP("Địa chỉ máy in vé «{printer}» không đúng dạng (ví dụ "
                                  "tcp:192.168.1.50, usb:0x0416:0x5011, serial:COM3)."),
    # a counter calling the queue of the host on the office LAN (desk_app/queue_lan)
    "queue_unreachable": QT_TR_NOOP("Không nối được tới máy giữ hàng đợi ({url}): máy đó đã bật và "
                         "mở chương trình chưa, cùng mạng cơ quan chưa, tường lửa đã mở cổng "
                         "chưa? Vẫn tiếp nhận hồ sơ bình thường, chỉ chưa gọi được số."),
    "queue_key_refused": QT_TR_NOOP("Máy giữ hàng đợi không nhận khóa của quầy này (khóa đã đổi, "
                         "hoặc máy đó không còn giữ hàng đợi): người quản trị nhập lại khóa."),
    "queue_bad_answer": QT_TR_NOOP("Địa chỉ {url} không phải máy giữ hàng đợi của cơ quan: kiểm tra "
                        "lại địa chỉ và cổng."),
    "queue_bad_request": QT_TR_NOOP("Máy giữ hàng đợi không hiểu yêu cầu của quầy này: cập nhật "
                         "chương trình ở hai máy cho cùng phiên bản."),
    "queue_not_found": QT_TR_NOOP("Máy giữ hàng đợi không có chức năng này: cập nhật chương trình "
                       "ở hai máy cho cùng phiên bản."),
    "queue_host_fault": QT_TR_NOOP("Máy giữ hàng đợi gặp lỗi khi gọi số (xem nhật ký trên máy đó)."),
    "queue_port_taken": QT_TR_NOOP("Cổng {port} đã có chương trình khác dùng: máy này chưa phục vụ "
                        "hàng đợi cho các quầy khác; người quản trị chọn cổng khác."),
    "ticket_printer_driver_missing": QT_TR_NOOP("Máy tính thiếu trình điều khiển cho máy in vé "
                                     "«{printer}»: hãy in qua máy in của hệ thống."),
}

# the host's panel when its server could not start (another program holds the port)
NOT_SERVING = QT_TR_NOOP("Máy này giữ hàng đợi nhưng các quầy khác chưa gọi được số: cổng mạng "
                         "đang bị chương trình khác dùng (người quản trị chọn cổng khác).")

# the voice's state (desk_app/announce/voice.py): shown at the clerk's queue panel
VOICE: dict[str, str] = {
    "voice_ok": QT_TR_NOOP("Giọng đọc tiếng Việt: espeak-ng"),
    "voice_missing": QT_TR_NOOP("Máy không có giọng đọc tiếng Việt: cài espeak-ng"),
    "voice_no_vietnamese": QT_TR_NOOP("espeak-ng trên máy thiếu giọng tiếng Việt: cài lại espeak-ng"),
}
