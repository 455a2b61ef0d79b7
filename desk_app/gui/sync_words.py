"""The sync indicator's words: each error code of the sync client and the province server in
Vietnamese, and the warning about this PC's clock.

A code without words is logged and shown as a general sentence (never the code itself).
"""

from __future__ import annotations

import logging
from datetime import datetime

from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import clock_check

log = logging.getLogger(__name__)

SKEW_WARN_S = clock_check.SKEW_WARN_S  # one threshold for the status bar and the intake form

ERROR_WORDS: dict[str, str] = {
    "unreachable": QT_TR_NOOP("Không kết nối được máy chủ tỉnh (mất mạng?)"),
    "timeout": QT_TR_NOOP("Máy chủ tỉnh không trả lời kịp"),
    "server_error": QT_TR_NOOP("Máy chủ tỉnh đang lỗi hoặc bảo trì"),
    "bad_answer": QT_TR_NOOP("Nhận được trả lời lạ (mạng bị chặn hoặc cần đăng nhập mạng?)"),
    "unauthorized": QT_TR_NOOP("Tỉnh không nhận mã của máy này: cần đăng ký lại"),
    "credential_revoked": QT_TR_NOOP("Mã đăng ký của máy đã bị thu hồi: dữ liệu chưa gửi vẫn giữ "
                          "trên máy; quản trị xin tỉnh mã mới rồi bấm «Đăng ký lại…»"),
    # a desk never sends an admin token; these mean the address is not the province's server
    "desk_only": QT_TR_NOOP("Máy chủ không nhận mã của máy này (sai địa chỉ máy chủ tỉnh?)"),
    "admin_only": QT_TR_NOOP("Máy chủ từ chối: việc này chỉ quản trị của tỉnh được làm"),
    "token_expired": QT_TR_NOOP("Mã truy cập đã hết hạn: cần đăng ký lại"),
    "enrol_failed": QT_TR_NOOP("Chưa đăng ký được vì một lỗi của chương trình (đã ghi nhật ký); thử lại"),
    "bad_url": QT_TR_NOOP("Địa chỉ máy chủ tỉnh không đúng dạng: chép lại đúng địa chỉ tỉnh cấp, đủ cả "
               "phần đầu"),
    "protocol_unsupported": QT_TR_NOOP("Phiên bản phần mềm quá cũ so với máy chủ tỉnh: cần cập nhật"),
    "batch_too_large": QT_TR_NOOP("Gói dữ liệu quá lớn so với giới hạn của tỉnh"),
    "not_enrolled": QT_TR_NOOP("Máy chưa đăng ký với tỉnh"),
    "credential_key_missing": QT_TR_NOOP("Mã đăng ký với tỉnh được khoá bằng khoá của máy cũ, không "
                              "mở được trên máy này: quản trị xin tỉnh mã mới rồi bấm «Đăng ký "
                              "lại…»"),
    "bad_enrolment_code": QT_TR_NOOP("Mã đăng ký sai, đã dùng hoặc đã hết hạn"),
    "wrong_commune": QT_TR_NOOP("Mã đăng ký này cấp cho xã khác"),
    "counter_taken": QT_TR_NOOP("Số quầy của máy này đã thuộc một máy khác của xã: quản trị chọn số quầy "
                     "khác (hai máy cùng số sẽ cấp trùng mã hồ sơ)"),
    "counter_not_set": QT_TR_NOOP("Máy chưa có số quầy: nhập số quầy (1-9) rồi đăng ký"),
    "installation_taken": QT_TR_NOOP("Tỉnh đã có một máy đang hoạt động đăng ký với mã cài đặt này: nếu "
                          "đúng là máy này, báo tỉnh thu hồi mã cũ của máy rồi đăng ký lại"),
    "db_locked": QT_TR_NOOP("Cơ sở dữ liệu của máy đang bận"),
    "disk_full": QT_TR_NOOP("Ổ đĩa đầy: chưa ghi được kết quả đồng bộ"),
    "db_error": QT_TR_NOOP("Lỗi cơ sở dữ liệu của máy: xem nhật ký"),
    # the province's answers (province_hub: Fail / AuthError codes)
    "invalid_request": QT_TR_NOOP("Máy chủ tỉnh không nhận dữ liệu gửi lên (sai dạng): báo cho quản trị"),
    "bad_batch": QT_TR_NOOP("Máy chủ tỉnh không đọc được gói dữ liệu gửi lên: báo cho quản trị"),
    "bad_gzip": QT_TR_NOOP("Gói dữ liệu bị hỏng trên đường truyền: máy sẽ tự gửi lại"),
    "not_found": QT_TR_NOOP("Máy chủ tỉnh không có dữ liệu được hỏi"),
    "unknown_commune": QT_TR_NOOP("Máy chủ tỉnh không có xã này trong danh sách"),
    "bad_catalogue": QT_TR_NOOP("Máy chủ tỉnh từ chối danh mục thủ tục"),
    "bad_status": QT_TR_NOOP("Máy chủ tỉnh từ chối trạng thái hồ sơ"),
    "hub_unavailable": QT_TR_NOOP("Máy chủ tỉnh tạm ngừng phục vụ (đang khởi động lại?): máy sẽ tự gửi "
                       "lại sau"),
    "too_deep": QT_TR_NOOP("Một thay đổi có dữ liệu lồng nhau quá sâu: tỉnh không nhận, máy giữ lại thay "
                "đổi đó và gửi tiếp các thay đổi khác"),
    "upload_cut": QT_TR_NOOP("Đường truyền bị ngắt khi đang gửi: máy sẽ tự gửi lại"),
    "body_too_large": QT_TR_NOOP("Dữ liệu gửi lên quá lớn so với giới hạn của tỉnh"),
    "duplicate_procedure": QT_TR_NOOP("Danh mục thủ tục có hai thủ tục trùng mã"),
    "transition_final": QT_TR_NOOP("Hồ sơ đã kết thúc: không đổi trạng thái được nữa"),
    "transition_not_allowed": QT_TR_NOOP("Trạng thái hiện tại của hồ sơ không cho phép bước chuyển này"),
    # why the province refused one event (province_hub.rules), shown with the held event
    "foreign_commune": QT_TR_NOOP("Dữ liệu không thuộc xã của máy này: tỉnh không nhận"),
    "foreign_desk": QT_TR_NOOP("Hồ sơ hoặc phiếu này đã do máy khác gửi lên tỉnh: báo cho quản trị"),
    "unknown_entity": QT_TR_NOOP("Tỉnh chưa có hồ sơ này (phần tiếp nhận chưa gửi được): báo cho quản trị"),
    "entity_exists": QT_TR_NOOP("Tỉnh đã có hồ sơ hoặc phiếu này: báo cho quản trị"),
    "unknown_kind": QT_TR_NOOP("Tỉnh không nhận loại dữ liệu này (phần mềm cần cập nhật?)"),
    "kind_mismatch": QT_TR_NOOP("Dữ liệu gửi lên sai loại: báo cho quản trị"),
    "entity_mismatch": QT_TR_NOOP("Dữ liệu gửi lên không khớp với hồ sơ của nó: báo cho quản trị"),
    "bad_seq": QT_TR_NOOP("Số thứ tự dữ liệu của máy không hợp lệ: báo cho quản trị"),
    "seq_not_increasing": QT_TR_NOOP("Số thứ tự dữ liệu lùi so với lần gửi trước: báo cho quản trị"),
    "duplicate_code": QT_TR_NOOP("Mã hồ sơ đã dùng cho một hồ sơ khác của xã: báo cho quản trị"),
    "unknown_status": QT_TR_NOOP("Trạng thái hồ sơ lạ: tỉnh không nhận"),
    # sending a scanned document's file (desk_app.sync.files): the file is sent again
    "unknown_file": QT_TR_NOOP("Tỉnh chưa nhận thông tin của tài liệu số hóa này: máy sẽ gửi tệp sau"),
    "offset_mismatch": QT_TR_NOOP("Tệp số hóa đang gửi dở không khớp với tỉnh: máy sẽ gửi tiếp từ chỗ tỉnh có"),
    "chunk_hash_mismatch": QT_TR_NOOP("Một phần tệp số hóa bị hỏng trên đường truyền: máy sẽ tự gửi lại"),
    "file_hash_mismatch": QT_TR_NOOP("Tệp số hóa đến tỉnh không trọn vẹn: máy sẽ gửi lại từ đầu"),
    "beyond_size": QT_TR_NOOP("Tệp số hóa gửi lên dài hơn khai báo: báo cho quản trị"),
    "bad_chunk": QT_TR_NOOP("Tỉnh không đọc được phần tệp số hóa gửi lên: máy sẽ tự gửi lại"),
}

# an HTTP status without the hub's own code: a wrong address, a proxy, a captive portal
HTTP_WORDS: dict[int, str] = {
    401: QT_TR_NOOP("Máy chủ hoặc mạng đòi đăng nhập (mạng cơ quan cần đăng nhập?)"),
    403: QT_TR_NOOP("Máy chủ hoặc mạng từ chối truy cập (tường lửa cơ quan?)"),
    404: QT_TR_NOOP("Không thấy dịch vụ đồng bộ ở địa chỉ máy chủ đã nhập: kiểm tra lại địa chỉ"),
    405: QT_TR_NOOP("Không thấy dịch vụ đồng bộ ở địa chỉ máy chủ đã nhập: kiểm tra lại địa chỉ"),
    407: QT_TR_NOOP("Mạng cơ quan đòi đăng nhập máy chủ trung gian (proxy)"),
    413: QT_TR_NOOP("Gói dữ liệu quá lớn so với giới hạn của tỉnh"),
}
OTHER_REFUSAL = QT_TR_NOOP("Máy chủ tỉnh không nhận yêu cầu của máy này: báo cho quản trị (xem nhật ký)")
GENERIC_WORDS = QT_TR_NOOP("Chưa đồng bộ được: chi tiết đã ghi vào nhật ký")


# the credential no longer works: offer enrolment again (the outbox is kept, see enrolment.py)
REENROL_CODES = frozenset({"unauthorized", "credential_revoked", "credential_key_missing"})


def error_words(code: str) -> str:
    """The error in words; never the code itself (an unknown one is logged)."""
    words = ERROR_WORDS.get(code)
    if words is not None:
        return tr(words)
    status = code.removeprefix("http_")
    if code.startswith("http_") and status.isdigit():
        return tr(HTTP_WORDS.get(int(status), OTHER_REFUSAL))
    log.warning("no Vietnamese wording for sync error code %r", code)
    return tr(GENERIC_WORDS)


def when(t: datetime | None) -> str:
    return t.strftime("%H:%M %d/%m") if t else tr("chưa có")


def skew_words(offset_s: int | None) -> str:
    """The clock warning, or '' when the clocks agree within :data:`SKEW_WARN_S`."""
    if offset_s is None or abs(offset_s) <= SKEW_WARN_S:
        return ""
    minutes = round(abs(offset_s) / 60)
    size = tr("{minutes} phút").format(minutes=minutes) if minutes < 120 else tr("{round} giờ").format(round=round(minutes / 60))
    way = tr("chậm") if offset_s > 0 else tr("nhanh")
    return tr("Giờ máy {way} {size} so với tỉnh: hãy chỉnh lại đồng hồ máy tính").format(way=way,
                  size=size)
