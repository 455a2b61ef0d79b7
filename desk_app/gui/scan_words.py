"""Words for the digitised documents' codes (issue 16); :mod:`desk_app.gui.messages` merges
them into its tables, so a clerk sees them wherever an error is shown."""

from __future__ import annotations

from desk_app.gui.tr import QT_TR_NOOP

FIELD: dict[str, str] = {
    "scan_not_document": QT_TR_NOOP("Tệp này không phải ảnh JPEG, PNG hay tệp PDF (kiểm tra theo nội "
                         "dung, không theo tên tệp): không đính kèm được."),
    "scan_damaged": QT_TR_NOOP("Tệp bị hỏng hoặc chưa ghi xong (không đọc hết được): hãy quét hoặc chọn "
                    "lại tệp."),
    "scan_page_damaged": QT_TR_NOOP("Trang {page} bị hỏng, không đưa vào bản PDF được: hãy xoá "
                         "trang đó rồi quét hoặc chọn lại."),
    "scan_pdf_encrypted": QT_TR_NOOP("Tệp PDF có đặt mật khẩu: hãy mở khoá (hoặc in ra PDF khác) rồi "
                          "đính kèm lại."),
    "scan_file_too_large": QT_TR_NOOP("Tệp quá lớn (tối đa {limit} MB một tệp): hãy quét ở độ phân "
                           "giải thấp hơn hoặc chế độ xám."),
    "scan_page_too_many_pixels": QT_TR_NOOP("Ảnh quá lớn (tối đa {mp} triệu điểm ảnh một trang): "
                                 "hãy quét ở độ phân giải thấp hơn."),
    "scan_too_many_pages": QT_TR_NOOP("Thành phần có {pages} trang, vượt quá {max} trang cho phép."),
    "scan_component_too_large": QT_TR_NOOP("Tệp của thành phần nặng {mb} MB, vượt quá {limit} MB: "
                                "hãy quét ở chế độ xám hoặc đen trắng, 200 dpi."),
    "scan_dossier_too_many_pages": QT_TR_NOOP("Hồ sơ sẽ có {pages} trang số hóa, vượt quá {max} trang "
                                   "cho phép một hồ sơ."),
    "scan_dossier_too_large": QT_TR_NOOP("Các tệp số hóa của hồ sơ sẽ nặng {mb} MB, vượt quá {limit} "
                              "MB cho phép một hồ sơ."),
}

KNOWN: dict[str, str] = {
    "scan_not_saved": QT_TR_NOOP("Không lưu được tệp số hóa vào thư mục {folder} (ổ đĩa đầy hoặc "
                      "không có quyền ghi): hồ sơ chưa thay đổi. Hãy báo cán bộ tin học."),
    "scan_file_missing": QT_TR_NOOP("Không thấy tệp số hóa {path} trong thư mục dữ liệu: hãy khôi phục "
                         "từ bản sao lưu hoặc quét lại."),
    "scan_file_damaged": QT_TR_NOOP("Tệp số hóa {path} đã bị thay đổi hoặc hỏng: hãy khôi phục từ bản "
                         "sao lưu hoặc quét lại."),
    "scan_not_found": QT_TR_NOOP("Không tìm thấy giấy tờ đã số hóa này."),
    "scan_not_reusable": QT_TR_NOOP("Giấy tờ này thuộc hồ sơ của người khác (khác số CCCD): không "
                         "tái sử dụng được."),
    "scan_expired": QT_TR_NOOP("Giấy tờ đã số hóa này hết hiệu lực (đến {until}): hãy quét bản mới."),
    "scanner_missing": QT_TR_NOOP("Máy này chưa cài chương trình quét (SANE, scanimage): hãy dùng phần "
                       "mềm của máy quét lưu vào thư mục theo dõi, hoặc chọn tệp."),
    "scanner_timeout": QT_TR_NOOP("Máy quét không trả lời sau {seconds} giây: kiểm tra máy quét đã bật, "
                       "đã cắm cáp, có giấy, rồi quét lại."),
    "scanner_failed": QT_TR_NOOP("Máy quét báo lỗi (kẹt giấy, đang bận, hoặc không tìm thấy máy quét): "
                      "kiểm tra máy quét rồi quét lại."),
}
