"""The one vocabulary: how a dossier's status, its return timing, the channel it came by, who
collected its result and the rating levels are named (Vietnamese), keyed by the core's codes.

Every screen and every printed form names these things with the words below, and nowhere else
are they typed. The words follow the law's own: the statuses and forms of Nghị định 61/2018/NĐ-CP
(sửa đổi bởi Nghị định 107/2021/NĐ-CP) and Thông tư 01/2018/TT-VPCP (tiếp nhận, yêu cầu bổ sung,
từ chối, giải quyết, trả kết quả, dừng giải quyết; "trước hạn / đúng hạn / quá hạn" on the
control slip), and the channels of its article 6 (trực tiếp, bưu chính công ích, trực tuyến).

How a word reaches people:

* **the screen**: the GUI never indexes these tables itself; it calls
  :mod:`desk_app.gui.messages` (``status_label``, ``timing_label``, ...), which passes the word
  through Qt's ``QCoreApplication.translate`` in the context ``"Words"``. Vietnamese is the
  source language, so with no translator installed the word shows as written here, and an
  English desk is one ``.qm`` file away. Each word is marked ``QT_TRANSLATE_NOOP("Words", ...)``
  (a no-op here: this module stays Qt-free) so that ``pyside6-lupdate`` run over this file
  collects them into the catalogue under that context.
* **the page**: printing (reportlab, Qt-free) calls :func:`desk_app.printing.forms.common.
  form_word`, which takes the province's override from the forms template when it has one
  (``common.status_names``, ``common.timing_names``, ``06.collector_roles`` in
  ``resources/templates/forms.json``, a data folder's ``templates/forms.json`` or the commune's
  ``settings["form_templates"]``) and this module's word otherwise.
* **the rating screen**: a rating slip (:mod:`desk_app.core.rating_settings`) may leave a
  level's ``label`` out when its code is one of :data:`RATING_LEVELS`; the word here is used.

A code this module does not know is shown as it is (a newer hub's status, say): never a blank.
"""

from __future__ import annotations

from desk_app.core.lifecycle import Status

CONTEXT = "Words"  # the context of these words in Qt's translation catalogue (as typed below)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    """Marks ``text`` for the translation catalogue under ``context``; it stays as written here
    (this module is Qt-free), and the GUI translates it when it shows it."""
    return text


STATUS: dict[Status, str] = {
    Status.RECEIVED: QT_TRANSLATE_NOOP("Words", "Đã tiếp nhận"),
    Status.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP("Words", "Yêu cầu bổ sung"),
    Status.REFUSED: QT_TRANSLATE_NOOP("Words", "Từ chối giải quyết"),
    Status.IN_PROCESSING: QT_TRANSLATE_NOOP("Words", "Đang giải quyết"),
    Status.WAITING_SUPPLEMENT: QT_TRANSLATE_NOOP("Words", "Chờ bổ sung"),
    Status.RESULT_READY: QT_TRANSLATE_NOOP("Words", "Đã có kết quả"),
    Status.RETURNED: QT_TRANSLATE_NOOP("Words", "Đã trả kết quả"),
    Status.WITHDRAWN: QT_TRANSLATE_NOOP("Words", "Rút hồ sơ"),
    Status.STOPPED: QT_TRANSLATE_NOOP("Words", "Dừng giải quyết"),
}

# The order a clerk thinks in: open work first, then the ways a dossier ends.
STATUS_ORDER: tuple[Status, ...] = (
    Status.RECEIVED, Status.IN_PROCESSING, Status.WAITING_SUPPLEMENT, Status.RESULT_READY,
    Status.RETURNED, Status.SUPPLEMENT_REQUESTED, Status.REFUSED, Status.WITHDRAWN,
    Status.STOPPED,
)

# When the result was returned against the due time (services.lifecycle.return_timing).
TIMING: dict[str, str] = {
    "early": QT_TRANSLATE_NOOP("Words", "Trước hạn"),
    "on_time": QT_TRANSLATE_NOOP("Words", "Đúng hạn"),
    "late": QT_TRANSLATE_NOOP("Words", "Quá hạn"),
}

# Where an open dossier stands against its due time (services.register.Deadlines.urgency).
URGENCY: dict[str, str] = {
    "overdue": QT_TRANSLATE_NOOP("Words", "Quá hạn"),
    "due_soon": QT_TRANSLATE_NOOP("Words", "Sắp đến hạn (trong một ngày làm việc)"),
}

# How the dossier was submitted (Dossier.channel).
CHANNEL: dict[str, str] = {
    "desk": QT_TRANSLATE_NOOP("Words", "Trực tiếp"),
    "post": QT_TRANSLATE_NOOP("Words", "Qua dịch vụ bưu chính công ích"),
    "online": QT_TRANSLATE_NOOP("Words", "Trực tuyến"),
}

# Where the citizen collects the result (Dossier.delivery).
DELIVERY: dict[str, str] = {
    "desk": QT_TRANSLATE_NOOP("Words", "Tại Bộ phận một cửa"),
    "post": QT_TRANSLATE_NOOP("Words", "Qua dịch vụ bưu chính (gửi về địa chỉ)"),
}

# Who collected the result (services.returns.Collector.kind); read mid-sentence.
COLLECTOR: dict[str, str] = {
    "applicant": QT_TRANSLATE_NOOP("Words", "người nộp hồ sơ"),
    "representative": QT_TRANSLATE_NOOP("Words", "người nhận thay"),
}

# The levels of the default rating slip, by code (resources/rating/default.json).
RATING_LEVELS: dict[str, str] = {
    "very_satisfied": QT_TRANSLATE_NOOP("Words", "Rất hài lòng"),
    "satisfied": QT_TRANSLATE_NOOP("Words", "Hài lòng"),
    "unsatisfied": QT_TRANSLATE_NOOP("Words", "Không hài lòng"),
    "earlier": QT_TRANSLATE_NOOP("Words", "Sớm hơn hẹn"),
    "on_time": QT_TRANSLATE_NOOP("Words", "Đúng hẹn"),
    "later": QT_TRANSLATE_NOOP("Words", "Trễ hẹn"),
}

# What a check of a desk's rating chain found (desk_app.core.ratingchain.ChainProblem.code),
# for the leader's figures at the desk and the province's dashboard; {seq}: the slip's number.
CHAIN_PROBLEM = {
    "edited": QT_TRANSLATE_NOOP("Words", "phiếu số {seq} đã bị sửa"),
    "missing": QT_TRANSLATE_NOOP("Words", "thiếu phiếu trước phiếu số {seq} (bị xóa?)"),
    "duplicate": QT_TRANSLATE_NOOP("Words", "phiếu số {seq} bị chèn thêm"),
    "reordered": QT_TRANSLATE_NOOP("Words", "phiếu số {seq} sai thứ tự"),
    "broken_link": QT_TRANSLATE_NOOP("Words", "chuỗi bị đứt tại phiếu số {seq}"),
    "malformed": QT_TRANSLATE_NOOP("Words", "có phiếu hỏng dữ liệu"),
}

# Each table by the name the printed forms' override maps and the GUI's helpers use.
GROUPS: dict[str, dict[str, str]] = {
    "status": {s.value: w for s, w in STATUS.items()},
    "timing": TIMING,
    "urgency": URGENCY,
    "channel": CHANNEL,
    "delivery": DELIVERY,
    "collector": COLLECTOR,
    "rating_level": RATING_LEVELS,
    "chain_problem": CHAIN_PROBLEM,
}


def word(group: str, code: str | None) -> str:
    """The word for ``code`` in ``group`` ('status', 'timing', ...); the code itself when
    unknown, '' for no code."""
    if not code:
        return ""
    return GROUPS[group].get(str(code), str(code))


def status_word(status: str | Status) -> str:
    """'in_processing' -> 'Đang giải quyết'."""
    return word("status", Status(status).value if isinstance(status, Status) else status)
