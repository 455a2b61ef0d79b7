"""Vietnamese text of the printing screens: form names and printer faults."""

from __future__ import annotations

from desk_app.errors import KnownError

FORM_NAMES = {
    "01": "Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Mẫu 04 - Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Mẫu 05 - Thông báo dừng giải quyết hồ sơ",
    "06": "Mẫu 06 - Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "07": "Mẫu 07 - Sổ theo dõi hồ sơ",
}

LAYOUT_NAMES = {
    "a4_two_up": "A4 ngang: 2 liên (2 nửa A5)",
    "a5": "Khổ A5, mỗi liên một tờ",
    "thermal80": "Máy in hóa đơn 80 mm",
    "a4": "Khổ A4 dọc",
    "a4_landscape": "Khổ A4 ngang",
}

SAVED_NOTE = ("Hồ sơ đã được lưu, không bị mất. Kiểm tra máy in rồi bấm \"In\" lại, "
              "hoặc chọn máy in khác.")

PRINT_MESSAGES = {
    "printer_not_chosen": "Chưa chọn máy in.",
    "printer_not_found": "Không tìm thấy máy in \"{printer}\". Máy in có thể đã bị gỡ hoặc "
                         "đổi tên.",
    "printer_offline": "Máy in \"{printer}\" đang mất kết nối (chưa bật, rút cáp hoặc mất mạng).",
    "printer_out_of_paper": "Máy in \"{printer}\" hết giấy. Hãy nạp giấy.",
    "printer_jammed": "Máy in \"{printer}\" bị kẹt giấy.",
    "printer_door_open": "Máy in \"{printer}\" đang mở nắp.",
    "printer_out_of_toner": "Máy in \"{printer}\" hết mực.",
    "printer_stopped": "Máy in \"{printer}\" đang tạm dừng.",
    "printer_not_accepting": "Máy in \"{printer}\" đang không nhận lệnh in.",
    "print_system_unavailable": "Dịch vụ in của máy tính không hoạt động.",
    "print_failed": "Không in được trên máy in \"{printer}\".",
    "pdf_not_saved": "Không lưu được tệp PDF của phiếu ({path}): ổ đĩa đầy hoặc không có quyền "
                     "ghi.",
    "form_not_applicable": "Hồ sơ này không có mẫu phiếu {form}.",
    "bad_date_range": "Ngày bắt đầu phải trước ngày kết thúc.",
    "dossier_not_found": "Không tìm thấy hồ sơ.",
}


def print_error_text(exc: KnownError) -> str:
    """The message for a print fault; printer faults add that the dossier is safe."""
    template = PRINT_MESSAGES.get(exc.code)
    if template is None:
        from desk_app.gui.messages import known_message

        return known_message(exc)
    params = {"printer": "", "path": "", "form": "", **exc.params}
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = template
    if exc.code.startswith("print") or exc.code == "pdf_not_saved":
        text += "\n\n" + SAVED_NOTE
    return text
