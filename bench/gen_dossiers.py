"""Generate a data folder holding N realistic Vietnamese dossiers (for benchmarks).

    .venv/bin/python bench/gen_dossiers.py --rows 1000000 --out bench/out/million

The folder is created with the real start-up path (migrations, demo commune, bundled
catalogue, three clerks), then filled with raw ``executemany`` inserts in large transactions:
dossiers spread over the three years before 2026-11-20 (codes with a per-day sequence),
their components (what the procedure version requires), one to four history events, and a
sent outbox row per dossier. Names follow the real frequency of Vietnamese surnames;
addresses are villages of real communes. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.core.calendar import TimeLimit
from desk_app.core.codes import format_code
from desk_app.core.fees import compute_fee
from desk_app.core.text import fold
from desk_app.paths import database_path
from desk_app.services.clerks import create_clerk, hash_password
from desk_app.services.counter import set_counter
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Commune, ProcedureVersion

SURNAMES = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3), ("Huỳnh", 2),
    ("Phan", 4.5), ("Vũ", 2), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.6), ("Trịnh", 0.5), ("Đào", 0.4),
    ("Mai", 0.3), ("Lương", 0.3), ("Tạ", 0.2), ("Chu", 0.2), ("Kiều", 0.1), ("Lò", 0.1),
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thanh", "Xuân", "Đình", "Ngọc", "Gia"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Phương", "Hồng", "Mỹ"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Huy", "Khánh", "Long", "Nam", "Phúc",
           "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Hải", "Hiếu", "Trung", "Đạt", "Lộc", "Tài"]
GIVEN_F = ["Anh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Phương",
           "Thảo", "Trang", "Yến", "Vân", "Hà", "Ngân", "Dung", "Loan", "Thủy", "Oanh", "Đào"]
HAMLETS = ["Thôn Phù Dực", "Thôn Phù Đổng", "Thôn Đổng Viên", "Thôn Thiên Đức", "Xóm Đoài",
           "Xóm Đông", "Thôn Trung Màu", "Thôn Ninh Hiệp", "Thôn Kim Sơn", "Ấp Bình Thạnh",
           "Buôn Ea Kao", "Thôn Yên Viên", "Khu phố 3", "Tổ dân phố Đồng Xuân", "Thôn Đình Xuyên"]
COMMUNES = ["xã Phù Đổng, thành phố Hà Nội", "xã Gia Lâm, thành phố Hà Nội",
            "xã Ninh Hiệp, thành phố Hà Nội", "phường Long Biên, thành phố Hà Nội",
            "xã Ea Kao, tỉnh Đắk Lắk", "xã Tân Phú, tỉnh Đồng Nai"]
STREETS = ["", "", "", "số 12 ngõ 4, ", "số 7, ", "số 215 đường Đông Dư, ", "số 3 hẻm 19, "]

END = date(2026, 11, 20)
START = END - timedelta(days=3 * 365)


def person(rng: random.Random) -> dict:
    female = rng.random() < 0.52
    surname = rng.choices([s for s, _ in SURNAMES], [w for _, w in SURNAMES])[0]
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    if rng.random() < 0.25:
        given = f"{rng.choice(MIDDLE_F if female else MIDDLE_M)} {given}"
    year = rng.randint(1945, 2006)
    born = date(year, rng.randint(1, 12), rng.randint(1, 28))
    century = 0 if year < 2000 else 2
    number = f"001{century + (1 if female else 0)}{year % 100:02d}{rng.randint(0, 999999):06d}"
    address = f"{rng.choice(STREETS)}{rng.choice(HAMLETS)}, {rng.choice(COMMUNES)}"
    return {
        "name": f"{surname} {middle} {given}", "number": number, "born": born,
        "gender": "Nữ" if female else "Nam", "address": address,
        "phone": f"09{rng.randint(0, 99999999):08d}",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, default=Path("bench/out/million"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if database_path(args.out).exists():
        sys.exit(f"{database_path(args.out)} exists; remove the folder to rebuild")
    rng = random.Random(args.seed)
    clock = FixedClock(datetime(2023, 11, 1, 8, 0))
    t0 = time.perf_counter()
    store = open_store(args.out, clock)
    pw = hash_password("mat-khau-123")
    with store.write() as s:
        for user, name, role in (("admin", "Quản Trị Viên", "admin"),
                                 ("lan", "Trần Thị Lan", "leader"),
                                 ("binh", "Nguyễn Văn Bình", "clerk"),
                                 ("hoa", "Lê Thị Hoa", "clerk")):
            create_clerk(s, clock, user, name, "", role, password_hash=pw)
        set_counter(s, 1)
        commune = s.query(Commune).one()
        cal = load_calendar(s, commune)
        versions = [
            (v.id, v.procedure.national_code, v.name, v.field,
             TimeLimit.from_dict({"kind": v.limit_kind, "days": v.limit_days, "cutoff": v.cutoff}),
             v.fee_rule, [(c.position, c.name, c.required, c.originals, c.certified_copies,
                           c.copies) for c in v.components])
            for v in s.query(ProcedureVersion).filter(ProcedureVersion.effective_to.is_(None))
        ]
        agency, fmt = commune.agency_code, commune.code_format
    store.dispose()
    # Frequent procedures (civil status, certification) get more dossiers, as at a real desk.
    weights = [8 if v[3] in ("Chứng thực", "Hộ tịch") else 1 for v in versions]
    working = [START + timedelta(days=i) for i in range((END - START).days + 1)]
    working = [d for d in working if cal.is_working_day(d)]
    per_day, extra = divmod(args.rows, len(working))
    con = sqlite3.connect(database_path(args.out))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-200000")
    dossier_sql = (
        "INSERT INTO dossiers (id, uuid, code, commune_id, procedure_version_id, status, channel,"
        " sets_count, applicant_name, applicant_id_number, applicant_birth_date, applicant_gender,"
        " applicant_address, applicant_phone, applicant_email, rep_name, rep_id_number, rep_phone,"
        " rep_relation, search_folded, delivery, delivery_address, fee_amount, note,"
        " outcome_reason, received_at, received_by, due_at, original_due_at, returned_at,"
        " return_timing, updated_at) VALUES (?,?,?,1,?,?,'desk',1,?,?,?,?,?,?,'','','','','',?,"
        "'desk','',?,'','',?,?,?,?,?,?,?)"
    )
    comp_sql = (
        "INSERT INTO dossier_components (dossier_id, position, name, required, originals_required,"
        " certified_copies_required, copies_required, originals, certified_copies, copies,"
        " missing_note) VALUES (?,?,?,?,?,?,?,?,?,?,'')"
    )
    event_sql = (
        "INSERT INTO dossier_events (dossier_id, at, clerk_id, action, from_status, to_status,"
        " reason, data) VALUES (?,?,?,?,?,?,'','{}')"
    )
    outbox_sql = (
        "INSERT INTO outbox (uuid, entity, entity_uuid, kind, payload, created_at, sent_at,"
        " attempts) VALUES (?, 'dossier', ?, 'dossier.intake', ?, ?, ?, 1)"
    )
    # the text SQLAlchemy's SQLite DateTime writes, so SQL comparisons agree to the second
    ts = lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
    did = 0
    recent = END - timedelta(days=20)
    for day_index, day in enumerate(working):
        n = per_day + (1 if day_index < extra else 0)
        dossiers, comps, events, outbox = [], [], [], []
        for seq in range(1, n + 1):
            did += 1
            p = person(rng)
            vid, _code, _name, _field, limit, fee, components = rng.choices(versions, weights)[0]
            minute = rng.randint(0, 7 * 60 - 1)
            at = datetime.combine(day, datetime.min.time()) + timedelta(hours=7, minutes=30 + minute)
            if at.hour in (11, 12) or (at.hour == 13 and at.minute < 30):
                at += timedelta(hours=2)
            due = cal.due_at(at, limit)
            clerk = rng.choice((2, 3, 4))
            if day < recent:
                status = rng.choices(["returned", "refused", "withdrawn", "supplement_requested"],
                                     [95, 2, 1, 2])[0]
            else:
                status = rng.choices(["received", "in_processing", "waiting_supplement",
                                      "result_ready", "returned"], [20, 35, 5, 15, 25])[0]
            returned = timing = None
            if status == "returned":
                late = rng.random() < 0.02
                returned = due + timedelta(hours=rng.randint(1, 30)) if late else (
                    due - timedelta(hours=rng.randint(0, 20)))
                returned = max(returned, at + timedelta(minutes=30))
                timing = "late" if returned > due else (
                    "early" if returned.date() < due.date() else "on_time")
            has_due = status not in ("supplement_requested", "refused")
            code = format_code(fmt, agency, day, seq)
            duid = str(uuid.UUID(int=rng.getrandbits(128)))
            dossiers.append((
                did, duid, code, vid, status, p["name"], p["number"], p["born"].isoformat(),
                p["gender"], p["address"], p["phone"], fold(f"{p['name']} | {p['address']}"),
                compute_fee(fee) if has_due else 0, ts(at), clerk,
                ts(due) if has_due else None, ts(due) if has_due else None,
                ts(returned) if returned else None, timing or "", ts(returned or at),
            ))
            for pos, cname, req, o, cc, c in components:
                comps.append((did, pos, cname, req, o, cc, c, o, cc, c))
            events.append((did, ts(at), clerk, "intake", "", "received" if has_due else status))
            if status in ("in_processing", "result_ready", "returned"):
                events.append((did, ts(at + timedelta(hours=1)), clerk, "status", "received",
                               "in_processing"))
            if status in ("result_ready", "returned"):
                ready = min(due, (returned or due)) - timedelta(minutes=30)
                events.append((did, ts(max(ready, at)), clerk, "status", "in_processing",
                               "result_ready"))
            if status == "returned":
                events.append((did, ts(returned), clerk, "status", "result_ready", "returned"))
            payload = json.dumps({"uuid": duid, "code": code, "status": status},
                                 ensure_ascii=False)
            outbox.append((str(uuid.UUID(int=rng.getrandbits(128))), duid, payload, ts(at), ts(at)))
        with con:
            con.executemany(dossier_sql, dossiers)
            con.executemany(comp_sql, comps)
            con.executemany(event_sql, events)
            con.executemany(outbox_sql, outbox)
            con.execute(
                "INSERT INTO code_counters (agency_code, day, last_seq) VALUES (?, ?, ?)",
                (agency, day.isoformat(), n),
            )
        if day_index % 100 == 0:
            print(f"{day} {did:>9} dossiers  {time.perf_counter() - t0:6.1f} s", flush=True)
    # One merged FTS5 b-tree instead of the hundreds of segments the bulk load left behind.
    with con:
        con.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('optimize')")
        con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = database_path(args.out).stat().st_size
    print(f"rows={did} working_days={len(working)} file_bytes={size} "
          f"seconds={time.perf_counter() - t0:.1f}")


if __name__ == "__main__":
    main()
