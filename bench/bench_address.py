"""The address conversion (desk_app.core.addresses): first call (the tables load) and then per
call, p50/p95 over 200 old three-tier addresses, with the process's memory before and after.

The first call is what the "warm" lane pays once after login; a clerk's scan pays a warm call.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desk_app.core import addresses

OLD = [
    "Thôn 5, xã Ea Kao, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk",
    "Thôn Phù Dực, xã Phù Đổng, huyện Gia Lâm, thành phố Hà Nội",
    "Xóm 3, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
    "Ấp 2, xã Tân Thạnh Đông, huyện Củ Chi, thành phố Hồ Chí Minh",
    "Thôn Đông, xã Tiên Phong, huyện Ba Vì, thành phố Hà Nội",
    "Tổ 4, phường Quang Trung, thành phố Thái Nguyên, tỉnh Thái Nguyên",
    "Khối 7, thị trấn Quán Hành, huyện Nghi Lộc, tỉnh Nghệ An",
    "Thôn An Lạc, xã Hòa Tiến, huyện Hòa Vang, thành phố Đà Nẵng",
]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    before = rss_mib()
    t = time.perf_counter()
    ok = addresses.warm()
    cold = time.perf_counter() - t
    rng = random.Random(5)
    sample = [f"Số {rng.randint(1, 200)}, " + rng.choice(OLD) for _ in range(200)]
    ms, offered = [], 0
    for text in sample:
        t = time.perf_counter()
        got = addresses.two_tier(text)
        ms.append((time.perf_counter() - t) * 1000)
        offered += got is not None
    ordered = sorted(ms)
    print(f"address conversion: available={ok}; first use (tables load) {cold:.1f} s; "
          f"then p50 {statistics.median(ms):.2f} ms, p95 {ordered[int(0.95 * (len(ms) - 1))]:.2f} ms "
          f"over {len(ms)} addresses ({offered} converted); peak RSS {before:.0f} -> "
          f"{rss_mib():.0f} MiB; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
