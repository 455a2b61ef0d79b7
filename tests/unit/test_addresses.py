"""Old (three-tier) CCCD addresses to today's two tiers, with the real converter's tables.

Expected values read by hand from the package's mapping table (vietnam-address-converter
1.0.5, mapping 10_25) and the 2025 resolutions: xã Ea Kao (TP Buôn Ma Thuột) became phường Ea
Kao of tỉnh Đắk Lắk; xã Phù Đổng (huyện Gia Lâm) stays xã Phù Đổng of thành phố Hà Nội;
quận Hai Bà Trưng's old wards went to several new wards, so a text naming only the district
cannot be converted without asking.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desk_app.core import addresses

pytestmark = pytest.mark.slow  # the tables load for ~20 s once per process


@pytest.fixture(scope="module")
def real() -> Iterator[None]:
    addresses.use(None)
    assert addresses.warm()
    yield
    addresses.use(lambda _text: None)


@pytest.mark.parametrize(("card", "today"), [
    ("Thôn 5, xã Ea Kao, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk",
     "Thôn 5, Phường Ea Kao, Tỉnh Đắk Lắk"),
    ("Thôn Phù Dực, xã Phù Đổng, huyện Gia Lâm, thành phố Hà Nội",
     "Thôn Phù Dực, Xã Phù Đổng, Thành phố Hà Nội"),
])
def test_an_old_address_gets_todays_units(real: None, card: str, today: str) -> None:
    assert addresses.two_tier(card) == today


@pytest.mark.parametrize("text", [
    "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội",  # already two tiers: nothing to offer
    "Số 12 phố Huế, quận Hai Bà Trưng, thành phố Hà Nội",  # several new wards: ask by hand
    "không rõ địa chỉ", "",
])
def test_nothing_is_offered_when_there_is_nothing_sure_to_offer(real: None, text: str) -> None:
    assert addresses.two_tier(text) is None
