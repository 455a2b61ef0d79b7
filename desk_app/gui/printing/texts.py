"""Vietnamese text of the printing screens: form names, printer faults, what became of a job.

Every code the printing code raises has its words here (or in ``messages.KNOWN_MESSAGES``); a
test reads the codes from the source, so a new code without words fails it."""

from __future__ import annotations

from desk_app.errors import KnownError
from desk_app.gui.tr import QT_TR_NOOP, tr

FORM_NAMES = {
    "01": QT_TR_NOOP("Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    "02": QT_TR_NOOP("Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "03": QT_TR_NOOP("Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "04": QT_TR_NOOP("Mẫu 04 - Văn bản xin lỗi và hẹn lại ngày trả kết quả"),
    "05": QT_TR_NOOP("Mẫu 05 - Thông báo dừng giải quyết hồ sơ"),
    "06": QT_TR_NOOP("Mẫu 06 - Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    "07": QT_TR_NOOP("Mẫu 07 - Sổ theo dõi hồ sơ"),
}

LAYOUT_NAMES = {
    "a4_two_up": QT_TR_NOOP("A4 ngang: 2 liên (2 nửa A5)"),
    "a5": QT_TR_NOOP("Khổ A5, mỗi liên một tờ"),
    "thermal80": QT_TR_NOOP("Máy in hóa đơn 80 mm"),
    "a4": QT_TR_NOOP("Khổ A4 dọc"),
    "a4_landscape": QT_TR_NOOP("Khổ A4 ngang"),
}

SAVED_NOTE = (QT_TR_NOOP("Hồ sơ đã được lưu, không bị mất. Kiểm tra máy in rồi bấm \"In\" lại, "
              "hoặc chọn máy in khác."))

PRINT_MESSAGES = {
    "printer_not_chosen": QT_TR_NOOP("Chưa chọn máy in."),
    "printer_not_found": QT_TR_NOOP("Không tìm thấy máy in \"{printer}\". Máy in có thể đã bị gỡ hoặc "
                         "đổi tên."),
    "printer_offline": QT_TR_NOOP("Máy in \"{printer}\" đang mất kết nối (chưa bật, rút cáp hoặc mất mạng)."),
    "printer_out_of_paper": QT_TR_NOOP("Máy in \"{printer}\" hết giấy. Hãy nạp giấy."),
    "printer_jammed": QT_TR_NOOP("Máy in \"{printer}\" bị kẹt giấy."),
    "printer_door_open": QT_TR_NOOP("Máy in \"{printer}\" đang mở nắp."),
    "printer_out_of_toner": QT_TR_NOOP("Máy in \"{printer}\" hết mực."),
    "printer_stopped": QT_TR_NOOP("Máy in \"{printer}\" đang tạm dừng."),
    "printer_not_accepting": QT_TR_NOOP("Máy in \"{printer}\" đang không nhận lệnh in."),
    "print_system_unavailable": QT_TR_NOOP("Dịch vụ in của máy tính không hoạt động."),
    "print_system_timeout": QT_TR_NOOP("Dịch vụ in của máy tính không phản hồi sau {seconds} giây. Lệnh "
                            "in có thể chưa được gửi: xem máy in đã in chưa trước khi in lại."),
    "print_failed": QT_TR_NOOP("Không in được trên máy in \"{printer}\"."),
    "pdf_not_saved": QT_TR_NOOP("Không lưu được tệp PDF của phiếu ({path}): ổ đĩa đầy hoặc không có quyền "
                     "ghi."),
    "form_not_applicable": QT_TR_NOOP("Hồ sơ này không có mẫu phiếu {form}."),
    "bad_date_range": QT_TR_NOOP("Ngày bắt đầu phải trước ngày kết thúc."),
    "too_many_rows": QT_TR_NOOP("Quá nhiều hồ sơ cho một tệp Excel: hãy chọn khoảng ngày ngắn hơn."),
    "dossier_not_found": QT_TR_NOOP("Không tìm thấy hồ sơ."),
    "commune_not_found": QT_TR_NOOP("Chưa cấu hình thông tin xã: chưa in được phiếu."),
    "unknown_form": QT_TR_NOOP("Không có mẫu phiếu này."),
    "bad_layout": QT_TR_NOOP("Mẫu phiếu này không in được theo cách in đã chọn. Hãy chọn cách in khác."),
}



def print_error_text(exc: KnownError) -> str:
    """The message for a print fault; printer faults add that the dossier is safe."""
    template = PRINT_MESSAGES.get(exc.code)
    if template is not None:
        template = tr(template)
    else:
        from desk_app.gui.messages import known_message

        return known_message(exc)
    params = {"printer": "", "path": "", "form": "", "seconds": "", **exc.params}
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = template
    if exc.code.startswith("print") or exc.code == "pdf_not_saved":
        text += "\n\n" + tr(SAVED_NOTE)
    return text


def sent_text(printer: str, job: object, form: str, code: str = "") -> str:
    """What the clerk reads once the spooler took the job: the printer and the job's id."""
    what = (tr("mẫu {form}").format(form=form) if form in FORM_NAMES else tr("phiếu")) + (tr(" (hồ sơ {code})").format(code=code) if code else "")
    text = tr('Đã gửi lệnh in {what} tới máy in "{printer}"').format(what=what, printer=printer)
    if isinstance(job, str) and job:
        text += tr(", mã lệnh in: {job}").format(job=job)
    return text + "."


def not_sent_text(exc: KnownError) -> str:
    """One line for the status bar: the print did not go out, and why."""
    return tr("Không in được: ") + print_error_text(exc).split("\n\n")[0]
