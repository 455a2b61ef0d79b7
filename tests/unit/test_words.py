"""The one vocabulary outside the status names: return timing and who collected a result on the
forms (with a province's override), and the rating slip's levels. Expected words by hand."""

from __future__ import annotations

import pytest

from desk_app.core.rating_settings import FormError, default_form, parse_form
from desk_app.printing.forms.common import form_word
from desk_app.printing.templates import load_templates


def test_forms_use_the_vocabulary_unless_the_province_renames() -> None:
    tpl = load_templates()
    # Thông tư 01/2018/TT-VPCP, phiếu kiểm soát: "Trước hạn / đúng hạn / quá hạn"
    assert [form_word(tpl, "timing", t) for t in ("early", "on_time", "late")] == [
        "Trước hạn", "Đúng hạn", "Quá hạn"]
    assert form_word(tpl, "collector", "representative") == "người nhận thay"
    assert form_word(tpl, "status", "stopped") == "Dừng giải quyết"
    assert form_word(tpl, "status", "") == ""
    assert form_word(tpl, "status", "archived") == "archived"  # unknown: the code, not a blank
    province = load_templates({"form_templates": {
        "common": {"timing_names": {"late": "Trễ hạn"}},
        "06": {"collector_roles": {"representative": "người được ủy quyền"}}}})
    assert form_word(province, "timing", "late") == "Trễ hạn"
    assert form_word(province, "timing", "early") == "Trước hạn"
    assert form_word(province, "collector", "representative") == "người được ủy quyền"


def test_the_default_rating_slip_names_its_levels_once() -> None:
    form = default_form()
    assert [lv.label for lv in form.overall.levels] == [
        "Rất hài lòng", "Hài lòng", "Không hài lòng"]
    timeliness = form.question("timeliness")
    assert timeliness is not None
    assert [lv.label for lv in timeliness.levels] == ["Sớm hơn hẹn", "Đúng hẹn", "Trễ hẹn"]


def slip(*levels: dict[str, object]) -> dict[str, object]:
    return {"id": "tinh-x", "overall": {"code": "overall", "question": "Hài lòng không?",
                                        "levels": list(levels)}}


def test_a_slip_keeps_its_own_labels_and_must_name_unknown_levels() -> None:
    form = parse_form(slip({"code": "satisfied", "label": "Vừa ý", "positive": True},
                           {"code": "unsatisfied"}))
    assert [lv.label for lv in form.overall.levels] == ["Vừa ý", "Không hài lòng"]
    with pytest.raises(FormError, match="label"):
        parse_form(slip({"code": "satisfied", "positive": True}, {"code": "so_so"}))
