"""The citizen's status link (desk_app.core.status_link): the key, the link, reading it back."""

from __future__ import annotations

import base64
import hashlib

import pytest

from desk_app.core.status_link import (
    code_in_link,
    key_matches,
    link_at_end,
    status_key,
    status_link,
)
from province_hub.status_page import mask_name

UUID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"
CODE = "000.00.01.H29-240115-0001"


def test_the_key_is_the_first_120_bits_of_a_labelled_sha256_in_url_safe_base64() -> None:
    digest = hashlib.sha256(b"desk_app citizen status link v1\x00" + UUID.encode()).digest()
    # 15 bytes = 120 bits; base64 writes 3 bytes as 4 characters: 20 characters, no padding
    assert status_key(UUID) == base64.urlsafe_b64encode(digest[:15]).decode()
    assert status_key(UUID) == "kC89ED0CynG03psEaO2q"
    assert status_key(UUID.upper()) == status_key(UUID) == status_key(f" {UUID} ")


def test_keys_of_other_dossiers_differ_and_stay_url_safe() -> None:
    keys = {status_key(f"00000000-0000-4000-8000-{n:012d}") for n in range(2000)}
    assert len(keys) == 2000
    assert all(len(k) == 20 and set(k) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for k in keys)


def test_key_matches_only_the_dossiers_own_and_never_raises() -> None:
    assert key_matches(UUID, "kC89ED0CynG03psEaO2q")
    for wrong in ["", "kC89ED0CynG03psEaO2Q", "kC89ED0CynG03psEaO2", "kC89ED0CynG03psEaO2qq",
                  "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ", "\x00" * 20, "\ud800"]:
        assert not key_matches(UUID, wrong), wrong


def test_the_link_and_reading_it_back() -> None:
    link = status_link("https://dvc.tinh.gov.vn/", CODE, UUID)
    assert link == f"https://dvc.tinh.gov.vn/tra-cuu/{CODE}?k=kC89ED0CynG03psEaO2q"
    assert code_in_link(link) == CODE
    assert link_at_end("Lê Văn" + link) == (link, CODE)  # typed after a half-typed name
    # a hub behind a path prefix and a port
    assert code_in_link(status_link("http://10.0.0.5:8080/hub", CODE, UUID)) == CODE


@pytest.mark.parametrize("text", [
    CODE, "https://dvc.tinh.gov.vn/tra-cuu/" + CODE,  # no key
    f"https://dvc.tinh.gov.vn/tra-cuu/{CODE}?k=short",  # not a key
    f"https://dvc.tinh.gov.vn/tra-cuu/nguyen-van-a?k={'A' * 20}",  # not a code
    f"https://dichvucong.hanoi.gov.vn/tra-cuu?ma={CODE}",  # another look-up link
    f"x https://dvc.tinh.gov.vn/tra-cuu/{CODE}?k={'A' * 20}",  # more than the link
])
def test_what_is_no_status_link(text: str) -> None:
    assert code_in_link(text) is None


@pytest.mark.parametrize("name,masked", [
    ("Nguyễn Văn An", "Nguyễn V. A."), ("Đặng Văn Đức", "Đặng V. Đ."),
    ("  trần   thị  hằng ", "trần T. H."), ("Ánh", "Á."), ("", ""),
    ("Công Tôn Nữ Phương Thảo", "Công T. N. P. T."),
    ("A\u0300nh Nguye\u0302\u0303n", "Ành N."),  # decomposed letters keep their marks
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked
