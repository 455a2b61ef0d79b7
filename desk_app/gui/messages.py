"""Text for people: error codes, statuses and outcomes in Vietnamese, and the only QMessageBox.

The words of the one vocabulary (statuses, return timing, urgency, collector) are owned by
:mod:`desk_app.core.words`; the GUI reaches them only through :func:`word_label` and its
helpers here, which pass them through Qt's translation (context ``"Words"``).

The core and services raise codes (:class:`~desk_app.errors.FieldError`,
:class:`~desk_app.errors.KnownError`); this module turns them into Vietnamese. A code never
reaches the clerk as it is: one without wording gets a general sentence, and the code goes to
the log (``tests/test_error_words.py`` fails when a code raised in the source has no wording).
Message boxes are opened window-modal and non-blocking (``open()``), so a scanner typing into
the window or a test driving it never hangs on a nested event loop; :func:`confirm` is the one
blocking question.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.core import words
from desk_app.core.lifecycle import Status
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import queue_words, scan_words
from desk_app.gui.tr import QT_TR_NOOP, tr

log = logging.getLogger(__name__)

FIELD_MESSAGES: dict[str, str] = {
    "required": QT_TR_NOOP("Chưa nhập thông tin bắt buộc."),
    "too_long": QT_TR_NOOP("Quá dài (tối đa {max} ký tự)."),
    "bad_name": QT_TR_NOOP("Họ tên chỉ gồm chữ cái, không có chữ số."),
    "bad_id_number": QT_TR_NOOP("Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số)."),
    "bad_id_province": QT_TR_NOOP("Ba chữ số đầu của CCCD không phải mã tỉnh hợp lệ."),
    "bad_phone": QT_TR_NOOP("Số điện thoại không đúng: di động gồm 10 chữ số, đầu 03, 05, 07, 08, 09 "
                 "(ví dụ 0912 345 678); cố định gồm 11 chữ số, đầu 02 (ví dụ 024 3825 1234)."),
    "phone_chars": QT_TR_NOOP("Số điện thoại chỉ gồm chữ số (được có dấu cách, dấu chấm, gạch ngang, +84); "
                   "có ký tự không hợp lệ: {chars}."),
    "old_mobile": QT_TR_NOOP("Đầu số di động 11 chữ số đã đổi sang 10 chữ số từ năm 2018: số mới là {new}."),
    "unprintable": QT_TR_NOOP("Có ký tự không in được trên biểu mẫu: {chars}. Hãy xoá ký tự đó hoặc thay "
                   "bằng chữ, số, dấu câu thông thường."),
    "control_chars": QT_TR_NOOP("Có ký tự ẩn không được phép ({codes}), thường lẫn vào khi dán từ nơi "
                     "khác: hãy xoá đoạn vừa dán rồi gõ lại."),
    "bad_email": QT_TR_NOOP("Thư điện tử không đúng dạng (ví dụ ten@example.vn)."),
    "in_future": QT_TR_NOOP("Ngày sinh không thể ở tương lai."),
    "too_old": QT_TR_NOOP("Ngày sinh trước năm 1900: kiểm tra lại."),
    "bad_datetime": QT_TR_NOOP("Nhập giờ và ngày dạng giờ:phút ngày/tháng/năm, ví dụ 09:00 04/12/2026."),
    "bad_date": QT_TR_NOOP("Ngày không đúng dạng ngày/tháng/năm (ví dụ 15/03/1990)."),
    "bad_gender": QT_TR_NOOP("Giới tính chỉ là Nam hoặc Nữ."),
    "out_of_range": QT_TR_NOOP("Giá trị ngoài khoảng cho phép."),
    "bad_choice": QT_TR_NOOP("Lựa chọn không hợp lệ."),
    "not_in_force": QT_TR_NOOP("Thủ tục này không còn hiệu lực hôm nay."),
    "unknown_component": QT_TR_NOOP("Thành phần không thuộc thủ tục này."),
    "negative": QT_TR_NOOP("Số lượng không được âm."),
    "missing": QT_TR_NOOP("Chưa đủ số lượng yêu cầu."),
    "not_later": QT_TR_NOOP("Ngày hẹn mới phải sau ngày hẹn hiện tại."),
    "set_by_province": QT_TR_NOOP("Ngày {day} do tỉnh quy định: xã không thay đổi được."),
    "already_off": QT_TR_NOOP("Ngày {day} đã là ngày nghỉ."),
    "already_working": QT_TR_NOOP("Ngày {day} đã là ngày làm việc."),
    "not_set": QT_TR_NOOP("Ngày {day} không có trong lịch riêng của xã."),
    "bad_time": QT_TR_NOOP("Giờ «{value}» không hợp lệ: nhập dạng 07:30."),
    "hours_end_early": QT_TR_NOOP("Giờ kết thúc phải sau giờ bắt đầu."),
    "hours_overlap": QT_TR_NOOP("Buổi này bắt đầu trước khi buổi trước kết thúc."),
    "in_past": QT_TR_NOOP("Thời điểm hẹn mới đã qua: chọn một thời điểm sau bây giờ."),
    "not_working_day": QT_TR_NOOP("Ngày {day} là {why}, không phải ngày làm việc: chọn một ngày làm việc."),
    "outside_hours": QT_TR_NOOP("{time} là ngoài giờ làm việc ({hours}): chọn giờ trong giờ làm việc."),
    "bad_username": QT_TR_NOOP("Tên đăng nhập chỉ gồm chữ, số, dấu chấm hoặc gạch dưới."),
    "taken": QT_TR_NOOP("Tên đăng nhập đã có người dùng."),
    "too_short": QT_TR_NOOP("Mật khẩu cần ít nhất {min} ký tự."),
    "mismatch": QT_TR_NOOP("Hai lần nhập mật khẩu không khớp."),
    "mismatch_unconfirmed": QT_TR_NOOP("Số CCCD không khớp với thông tin đã nhập ({problems}): sửa lại, "
                            "hoặc đánh dấu «Đã đối chiếu thẻ gốc» nếu thông tin đúng."),
    "same_password": QT_TR_NOOP("Mật khẩu mới phải khác mật khẩu tạm do quản trị đặt."),
    "agency_format": QT_TR_NOOP("Mã định danh gồm 4 nhóm cách nhau bởi dấu chấm: 3 số, 2 số, 2 số, "
                     "rồi một chữ in hoa và 2 số (ví dụ 000.00.12.H26)."),
    "agency_province_level": QT_TR_NOOP("Đây là mã của UBND tỉnh (hai nhóm giữa đều là 00), không "
                             "phải mã của xã: nhập mã định danh của UBND xã."),
    "agency_enrolled": QT_TR_NOOP("Máy đã đăng ký với tỉnh theo mã {code}: đề nghị tỉnh đổi mã của "
                       "xã trước, rồi đăng ký lại máy."),
    "bad_url": QT_TR_NOOP("Địa chỉ máy chủ tỉnh không đúng dạng: chép lại đúng địa chỉ tỉnh cấp, "
               "đủ cả phần đầu (như ví dụ mờ trong ô)."),
    "folder_not_absolute": QT_TR_NOOP("Chọn thư mục bằng nút «Chọn…» (đường dẫn đầy đủ, ví dụ E:\\SaoLuu "
                           "hoặc /media/usb/saoluu)."),
    "bad_counter": QT_TR_NOOP("Số quầy là một chữ số từ {min} đến {max}; mỗi máy của xã một số khác nhau."),
    # the citizen's rating (checked again by the service; the rating screen offers only these)
    "unknown": QT_TR_NOOP("Lựa chọn không có trong phiếu đánh giá."),
    "unknown_level": QT_TR_NOOP("Mức đánh giá không có trong phiếu."),
    "unknown_question": QT_TR_NOOP("Câu hỏi không có trong phiếu đánh giá."),
    "invalid": QT_TR_NOOP("Mã định danh của phiếu đánh giá không hợp lệ."),
}

# What a role may not do (services.access.ForbiddenError, by core.permissions.Action).
FORBIDDEN_MESSAGES: dict[str, str] = {
    "receive": QT_TR_NOOP("Tài khoản này không được tiếp nhận hồ sơ."),
    "supplement": QT_TR_NOOP("Tài khoản này không được lập phiếu yêu cầu bổ sung."),
    "refuse": QT_TR_NOOP("Tài khoản này không được từ chối hồ sơ."),
    "process": QT_TR_NOOP("Tài khoản này không được chuyển xử lý hồ sơ."),
    "digitise": QT_TR_NOOP("Tài khoản này không được số hóa hồ sơ."),
    "withdraw": QT_TR_NOOP("Tài khoản này không được ghi nhận rút hồ sơ."),
    "return": QT_TR_NOOP("Tài khoản này không được trả kết quả."),
    "print": QT_TR_NOOP("Tài khoản này không được in phiếu."),
    "extend": QT_TR_NOOP("Chỉ lãnh đạo bộ phận mới được gia hạn và ký văn bản xin lỗi (mẫu 04)."),
    "stop": QT_TR_NOOP("Chỉ lãnh đạo bộ phận mới được dừng giải quyết hồ sơ (mẫu 05)."),
    "rating_figures": QT_TR_NOOP("Chỉ lãnh đạo bộ phận mới xem và kiểm tra được số liệu đánh giá."),
    "enrol": QT_TR_NOOP("Chỉ tài khoản quản trị mới đăng ký được máy với máy chủ tỉnh."),
    "settings": QT_TR_NOOP("Chỉ tài khoản quản trị mới thay đổi được cài đặt."),
    "accounts": QT_TR_NOOP("Chỉ tài khoản quản trị mới quản lý được tài khoản cán bộ."),
    "reports": QT_TR_NOOP("Chỉ lãnh đạo bộ phận mới xem được báo cáo tổng hợp."),
}

# When a code has no wording (a bug: the code is logged). Neither names the code.
GENERIC_FIELD = QT_TR_NOOP("Giá trị chưa hợp lệ: hãy kiểm tra lại ô này.")
GENERIC_KNOWN = (QT_TR_NOOP("Không thực hiện được việc này. Chi tiết đã được ghi vào nhật ký để người "
                 "quản trị kiểm tra."))

KNOWN_MESSAGES: dict[str, str] = {
    "enrol_failed": QT_TR_NOOP("Chưa đăng ký được với tỉnh vì một lỗi của chương trình (đã ghi nhật ký). "
                    "Hãy thử lại."),
    "already_running": QT_TR_NOOP("Chương trình Một cửa đang mở với thư mục dữ liệu {folder} (tiến trình "
                       "số {pid}). Mỗi thư mục dữ liệu chỉ mở một chương trình một lúc, để hai "
                       "cửa sổ không ghi đè lên nhau. Hãy dùng cửa sổ đang mở (xem trên thanh "
                       "tác vụ); nếu không thấy, đợi một lát rồi mở lại."),
    "report_not_saved": QT_TR_NOOP("Không lưu được tệp báo cáo ({path}): ổ đĩa đầy, không có quyền ghi"
                        " vào thư mục đó, hoặc tệp đang mở trong chương trình khác. Hãy đóng tệp"
                        " hoặc chọn thư mục khác rồi thử lại."),
    "db_locked": QT_TR_NOOP("Cơ sở dữ liệu đang bận (một cửa sổ khác đang ghi). Vui lòng thử lại."),
    "disk_full": QT_TR_NOOP("Ổ đĩa chứa thư mục dữ liệu {folder} đã đầy (không ghi thêm được): chưa lưu "
                 "được. Hồ sơ đang nhập (nếu có) vẫn còn trên màn hình. Hãy xoá "
                 "bớt tệp không cần trên ổ đĩa đó (hoặc nhờ cán bộ tin học), rồi thử lại."),
    "folder_read_only": QT_TR_NOOP("Không ghi được vào thư mục dữ liệu {folder}: thư mục hoặc ổ đĩa đang ở "
                        "chế độ chỉ đọc, hoặc tài khoản này không có quyền ghi. Chưa lưu được; "
                        "hồ sơ đang nhập (nếu có) vẫn còn trên màn hình. Hãy nhờ cán bộ tin học kiểm "
                        "tra ổ đĩa và quyền ghi của thư mục, rồi thử lại."),
    "db_error": QT_TR_NOOP("Lỗi cơ sở dữ liệu trong thư mục {folder}: chưa lưu được. Xem nhật ký để biết "
                "chi tiết."),
    "store_corrupt": QT_TR_NOOP("Tệp dữ liệu trong thư mục {folder} bị hỏng (kiểm tra toàn vẹn không "
                     "đạt). Để không làm hỏng thêm, chương trình ngừng ghi: vẫn xem được hồ sơ "
                     "đã có, nhưng chưa tiếp nhận hay cập nhật được hồ sơ nào. Hãy đóng chương "
                     "trình, mở lại và chọn «Khôi phục từ bản sao lưu»; báo ngay cán bộ tin học "
                     "của xã (hoặc bộ phận hỗ trợ phần mềm của tỉnh)."),
    "store_missing": QT_TR_NOOP("Không thấy tệp dữ liệu {file} trong thư mục {folder}, dù thư mục cho thấy "
                     "máy này đã có dữ liệu."),
    "store_empty": QT_TR_NOOP("Tệp dữ liệu {file} trong thư mục {folder} rỗng (0 byte), dù thư mục cho "
                   "thấy máy này đã có dữ liệu."),
    "backup_damaged": QT_TR_NOOP("Bản sao lưu {backup} không đạt kiểm tra toàn vẹn: chưa khôi phục, dữ liệu "
                      "hiện có không bị thay đổi. Hãy báo cán bộ tin học."),
    "backup_passphrase": QT_TR_NOOP("Mật khẩu sao lưu không đúng với bản sao lưu {backup}: gõ lại đúng "
                         "mật khẩu đã đặt khi sao lưu (phân biệt chữ hoa, chữ thường, dấu)."),
    "backup_not_ours": QT_TR_NOOP("Tệp {backup} không phải bản sao lưu của phần mềm Một cửa."),
    "backup_verify_failed": QT_TR_NOOP("Bản sao lưu vừa tạo không đạt kiểm tra (đọc lại, toàn vẹn, số "
                            "bản ghi): đã xoá bản hỏng, dữ liệu trên máy không bị ảnh hưởng. Kiểm "
                            "tra ổ đĩa sao lưu (USB, thư mục mạng) rồi sao lưu lại."),
    "backup_folder": QT_TR_NOOP("Không ghi hoặc đọc được thư mục sao lưu {path} (chưa cắm USB, mất mạng "
                     "tới thư mục chung, hoặc không có quyền ghi). Dữ liệu trên máy không bị ảnh "
                     "hưởng."),
    "backup_not_set": QT_TR_NOOP("Chưa đặt thư mục và mật khẩu sao lưu: quản trị đặt trong «Quản trị» → "
                      "«Sao lưu, khôi phục…»."),
    "passphrase_short": QT_TR_NOOP("Mật khẩu sao lưu cần ít nhất {min} ký tự."),
    "restore_lost": QT_TR_NOOP("Bản sao lưu chuẩn bị khôi phục ({path}) không còn: chưa khôi phục, dữ "
                    "liệu hiện có được giữ nguyên. Hãy khôi phục lại từ «Quản trị»."),
    "transition_final": QT_TR_NOOP("Hồ sơ đã ở trạng thái cuối «{current}», không thể chuyển sang «{target}»."),
    "transition_not_allowed": QT_TR_NOOP("Không thể chuyển hồ sơ từ «{current}» sang «{target}»."),
    "dossier_not_found": QT_TR_NOOP("Không tìm thấy hồ sơ."),
    "clerk_not_found": QT_TR_NOOP("Tài khoản cán bộ không còn hoạt động."),
    "cannot_disable_self": QT_TR_NOOP("Không thể tự khoá tài khoản đang đăng nhập."),
    "not_resumable": QT_TR_NOOP("Hồ sơ {dossier} không phải hồ sơ đang chờ công dân bổ sung (mẫu 02): "
                     "không tiếp tục được."),
    "already_resumed": QT_TR_NOOP("Hồ sơ {dossier} đã được tiếp tục bằng hồ sơ {by}: mỗi hồ sơ chỉ tiếp tục "
                       "được một lần. Mở hồ sơ {by} để xem."),
    "schema_too_new": QT_TR_NOOP("Dữ liệu này do một phiên bản mới hơn của phần mềm tạo ra (lược đồ "
                      "{revision}; phiên bản đang chạy chỉ biết đến {head}). Hãy cài phiên bản "
                      "mới hơn. Dữ liệu không bị thay đổi."),
    "commune_not_found": QT_TR_NOOP("Chưa có thông tin của xã trong dữ liệu: hãy báo người quản trị."),
    "unknown_form": QT_TR_NOOP("Không có mẫu phiếu này."),
    "bad_layout": QT_TR_NOOP("Mẫu phiếu này không in được theo khổ giấy đã chọn."),
    "counter_not_set": QT_TR_NOOP("Máy này chưa có số quầy nên chưa cấp được mã hồ sơ. Người quản trị đặt "
                       "số quầy (1-9, mỗi máy của xã một số khác nhau) trong «Quản trị», rồi "
                       "tiếp nhận lại; hồ sơ đang nhập vẫn giữ nguyên."),
    "counter_taken": QT_TR_NOOP("Tỉnh báo số quầy {counter} đã thuộc một máy khác của xã: nếu tiếp tục, hai "
                     "máy sẽ cấp trùng mã hồ sơ. Người quản trị chọn số quầy khác trong «Quản "
                     "trị», rồi tiếp nhận lại; hồ sơ đang nhập vẫn giữ nguyên."),
}

FIELD_MESSAGES |= scan_words.FIELD | queue_words.FIELD  # issue 16's and issue 17's codes
KNOWN_MESSAGES |= scan_words.KNOWN | queue_words.KNOWN
CCCD_MESSAGES: dict[str, str] = {
    "not_payload": QT_TR_NOOP("Mã vừa quét không phải mã QR của thẻ CCCD."),
    "bad_number": QT_TR_NOOP("Mã QR có số CCCD không hợp lệ (cần 12 chữ số)."),
    "bad_name": QT_TR_NOOP("Mã QR có họ tên không đọc được."),
    "bad_date": QT_TR_NOOP("Mã QR có ngày không đọc được."),
    "bad_gender": QT_TR_NOOP("Mã QR có giới tính không đọc được."),
    "incomplete": QT_TR_NOOP("Mã QR đọc được chưa trọn (thiếu thông tin, có thể bị ngắt giữa chừng khi quét): "
                  "chưa điền gì từ mã này."),
    "control_chars": QT_TR_NOOP("Mã vừa quét có ký tự điều khiển lạ (máy quét cài sai chế độ?): chưa điền gì "
                     "từ mã này. Hãy quét lại, hoặc nhập tay."),
    "old_id_number": QT_TR_NOOP("Mã vừa quét bắt đầu bằng số 9 chữ số (số CMND cũ), không phải số CCCD "
                     "12 chữ số: chưa điền gì từ mã này."),
}

MISMATCH_MESSAGES: dict[str, str] = {
    "format": QT_TR_NOOP("số CCCD không đủ 12 chữ số"),
    "province": QT_TR_NOOP("mã tỉnh trong số CCCD không tồn tại"),
    "gender": QT_TR_NOOP("chữ số giới tính trong số CCCD không khớp giới tính"),
    "birth_year": QT_TR_NOOP("năm sinh trong số CCCD không khớp ngày sinh"),
}

# The button text for moving a dossier into a status.
ACTION_LABELS: dict[str, str] = {
    "in_processing": QT_TR_NOOP("Chuyển xử lý"),
    "waiting_supplement": QT_TR_NOOP("Chờ bổ sung"),
    "result_ready": QT_TR_NOOP("Đã có kết quả"),
    "returned": QT_TR_NOOP("Trả kết quả (F8)"),
    "refused": QT_TR_NOOP("Từ chối giải quyết"),
    "withdrawn": QT_TR_NOOP("Công dân rút hồ sơ"),
    "stopped": QT_TR_NOOP("Dừng giải quyết (mẫu 05)"),
}

ROLE_LABELS: dict[str, str] = {"clerk": QT_TR_NOOP("Cán bộ"), "leader": QT_TR_NOOP("Lãnh đạo bộ phận"), "admin": QT_TR_NOOP("Quản trị")}

EVENT_LABELS: dict[str, str] = {
    "intake": QT_TR_NOOP("Tiếp nhận"),
    "status": QT_TR_NOOP("Chuyển trạng thái"),
    "extend": QT_TR_NOOP("Gia hạn (mẫu 04)"),
    "resumed": QT_TR_NOOP("Tiếp tục (công dân bổ sung)"),
    "upstream": QT_TR_NOOP("Tỉnh chuyển trạng thái"),
    "upstream_ignored": QT_TR_NOOP("Tỉnh chuyển trạng thái: không áp dụng (đã báo lại tỉnh)"),
}

# -- the one vocabulary (desk_app.core.words), through Qt's translation -----------------------

WORDS_CONTEXT = words.CONTEXT


def word_label(group: str, code: str | None) -> str:
    """A word of :mod:`desk_app.core.words` as the screen shows it: translated in the context
    ``"Words"`` (Vietnamese is the source language, so untranslated it reads as written)."""
    text = words.word(group, code)
    return QCoreApplication.translate(WORDS_CONTEXT, text) if text else ""


def status_label(status: str | Status) -> str:
    """The name of a status ('in_processing' -> 'Đang giải quyết')."""
    return word_label("status", Status(status).value if isinstance(status, Status) else status)


def _mid_sentence(text: str) -> str:
    return text[:1].lower() + text[1:]


def timing_label(timing: str | None) -> str:
    """Early / on time / late, read mid-sentence ('đã trả ... (trước hạn)')."""
    return _mid_sentence(word_label("timing", timing))


def collector_label(kind: object) -> str:
    """Who collected the result, read mid-sentence ('người nhận thay')."""
    return word_label("collector", str(kind or ""))


def urgency_label(urgency: str) -> str:
    """'Quá hạn' / 'Sắp đến hạn ...' for an open dossier, '' for neither."""
    return word_label("urgency", urgency) if urgency in words.URGENCY else ""


def table_words(table: dict[str, str], key: object, default: str | None = None) -> str:
    """``table[key]`` (a table of this module, its texts marked with QT_TR_NOOP) as shown:
    through :func:`tr`; ``default`` (else the key itself) when the table lacks it."""
    text = table.get(str(key))
    return tr(text) if text is not None else (str(key) if default is None else default)


def mismatch_words(problem: object) -> str:
    return table_words(MISMATCH_MESSAGES, problem)


def name_chars(chars: str) -> str:
    """Characters named for a clerk: «😀» (U+1F600), so an invisible one is named too."""
    return ", ".join(f"«{ch}» (U+{ord(ch):04X})" for ch in chars)


def field_message(error: FieldError) -> str:
    template = FIELD_MESSAGES.get(error.code)
    if template is None:
        log.warning("no Vietnamese wording for field code %r (field %s)", error.code, error.field)
        return tr(GENERIC_FIELD)
    params = dict(error.params)
    if isinstance(params.get("day"), str) and params["day"].count("-") == 2:
        params["day"] = "/".join(reversed(params["day"].split("-")))  # 2026-11-24 -> 24/11/2026
    if "chars" in params:
        params["chars"] = name_chars(str(params["chars"]))
    if isinstance(params.get("problems"), list):
        params["problems"] = "; ".join(mismatch_words(p) for p in params["problems"])
    return _fill(tr(template), {**params, **_appointment_words(error)})


def _appointment_words(error: FieldError) -> dict[str, str]:
    """Words for the facts an appointment check sends (services.working_hours)."""
    p = error.params
    if error.code == "not_working_day":
        weekday = int(p.get("weekday", -1))
        why = (tr("ngày nghỉ lễ «{p}»").format(p=p['holiday']) if p.get("holiday")
               else tr("thứ Bảy") if weekday == 5 else tr("Chủ nhật") if weekday == 6
               else tr("ngày nghỉ theo lịch làm việc của xã"))
        day = str(p.get("day", ""))
        return {"why": why, "day": "/".join(reversed(day.split("-")))}
    if error.code == "outside_hours":
        hours = ", ".join(f"{a}-{b}" for a, b in p.get("hours", []))
        return {"hours": hours}
    return {}


def known_message(exc: KnownError) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(field_message(e) for e in exc.errors)
    if exc.code == "forbidden":
        words = FORBIDDEN_MESSAGES.get(str(exc.params.get("action")))
        return tr(words) if words else tr("Tài khoản này không được làm việc này.")
    params = {"folder": tr("(thư mục dữ liệu)"), "file": "desk.sqlite3", "backup": "",
              **exc.params}
    for key in ("current", "target"):
        if key in params:
            params[key] = status_label(str(params[key]))
    template = KNOWN_MESSAGES.get(exc.code)
    if template is None:
        log.warning("no Vietnamese wording for error code %r: %s", exc.code, exc)
        return tr(GENERIC_KNOWN)
    return _fill(tr(template), params)


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, tr(title), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def inform(parent: QWidget | None, text: str, title: str = QT_TR_NOOP("Thông báo")) -> QMessageBox:
    log.info("message: %s", text)
    return _box(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, text: str, title: str = QT_TR_NOOP("Lưu ý")) -> QMessageBox:
    log.info("warning shown: %s", text)
    return _box(parent, QMessageBox.Icon.Warning, title, text)


def show_known_error(parent: QWidget | None, exc: KnownError) -> QMessageBox:
    log.warning("known error %s: %s", exc.code, exc)
    return _box(parent, QMessageBox.Icon.Warning, tr("Không thực hiện được"), known_message(exc))


def startup_failure(exc: KnownError, log_path: str) -> QMessageBox:
    """The data folder could not be opened: say why, in words, before the program stops."""
    if exc.code == "already_running":  # not a failure: the program is open already
        log.warning("the data folder is open in another program: %s", exc)
        box = QMessageBox(QMessageBox.Icon.Information, tr("Chương trình đang mở"),
                          known_message(exc), QMessageBox.StandardButton.Ok)
        box.setObjectName("startupFailure")
        return box
    log.error("cannot open the data folder: %s: %s", exc.code, exc)
    box = QMessageBox(QMessageBox.Icon.Critical, tr("Không mở được dữ liệu"),
                      tr("{known_message}\n\nNhật ký: {log_path}").format(known_message=known_message(exc),
                             log_path=log_path),
                      QMessageBox.StandardButton.Ok)
    box.setObjectName("startupFailure")
    return box


def confirm(parent: QWidget | None, text: str, title: str = QT_TR_NOOP("Xác nhận")) -> bool:
    """A blocking yes/no question (only for discarding typed data on purpose)."""
    answer = QMessageBox.question(
        parent, tr(title), text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_bug(parent: QWidget | None, exc: BaseException, log_path: str) -> QMessageBox:
    """The crash dialog: something unexpected; the details are in the log."""
    log.error("unexpected error", exc_info=exc)
    box = _box(
        parent, QMessageBox.Icon.Critical, tr("Lỗi chương trình"),
        tr("Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\nChi tiết lỗi được "
           "ghi tại: {log_path}").format(log_path=log_path),
    )
    box.setDetailedText(f"{type(exc).__name__}: {exc}")
    return box
