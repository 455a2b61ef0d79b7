"""Command line of the hub (the database URL: ``--db`` or ``PROVINCE_HUB_DB``).

    python -m province_hub migrate                         create / upgrade the schema
    python -m province_hub admin-token NAME [--days 90]    print a new province admin token
                                                           (it expires after --days, at most 366)
    python -m province_hub revoke-token ID                 stop admin token adm.ID.… at once
    python -m province_hub issue-code AGENCY_CODE "NAME"   print a one-time enrolment code
    python -m province_hub desks [AGENCY_CODE]             list the desks (counter, revoked ...)
    python -m province_hub revoke-desk ID                  stop desk dk.ID.… at once
    python -m province_hub rotate-desk ID                  ask desk dk.ID.… to rotate its
                                                           credential at its next sync
    python -m province_hub staff-add USERNAME "Full name"  make a provincial staff account for
                                                           the dashboard (/tinh/); the password
                                                           is asked, or read from stdin with
                                                           --password-stdin
    python -m province_hub staff-disable USERNAME          shut a staff account out (its sessions
                                                           end at once); staff-enable lets it in
    python -m province_hub staff-password USERNAME         a new password (asked, or
                                                           --password-stdin); sessions end
    python -m province_hub serve --host 0.0.0.0 --port 8080 --workers 4
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timedelta

from province_hub import auth
from province_hub.clock import Clock
from province_hub.db import database_url, make_engine, write


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m province_hub")
    ap.add_argument("--db", default=None, help="SQLAlchemy URL (default: $PROVINCE_HUB_DB)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("migrate")
    t = sub.add_parser("admin-token")
    t.add_argument("name")
    t.add_argument("--days", type=int, default=auth.ADMIN_TOKEN_TTL.days,
                   help=f"lifetime in days (default {auth.ADMIN_TOKEN_TTL.days}, "
                        f"at most {auth.ADMIN_TOKEN_MAX_TTL.days})")
    r = sub.add_parser("revoke-token")
    r.add_argument("token_id", type=int, help="the number in adm.<number>.<secret>")
    c = sub.add_parser("issue-code")
    c.add_argument("agency_code")
    c.add_argument("name", nargs="?", default="")
    c.add_argument("--days", type=int, default=7)
    d = sub.add_parser("desks")
    d.add_argument("agency_code", nargs="?", default=None)
    for name in ("revoke-desk", "rotate-desk"):
        sub.add_parser(name).add_argument("desk_id", type=int,
                                          help="the number in dk.<number>.<secret>")
    st = sub.add_parser("staff-add")
    st.add_argument("username")
    st.add_argument("full_name", nargs="?", default="")
    st.add_argument("--password-stdin", action="store_true",
                    help="read the password from the first line of stdin")
    for name in ("staff-disable", "staff-enable", "staff-password"):
        sp = sub.add_parser(name)
        sp.add_argument("username")
        if name == "staff-password":
            sp.add_argument("--password-stdin", action="store_true")
    s = sub.add_parser("serve")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    if args.cmd == "admin-token" and not 1 <= args.days <= auth.ADMIN_TOKEN_MAX_TTL.days:
        ap.error(f"--days: from 1 to {auth.ADMIN_TOKEN_MAX_TTL.days}")
    url = args.db or database_url()
    now = Clock().utc()
    rc = 0
    if args.cmd == "migrate":
        from province_hub.migrate import upgrade

        upgrade(url)
        print("schema up to date")
    elif args.cmd in ("desks", "revoke-desk", "rotate-desk"):
        rc = _desk_command(args, url, now)
    elif args.cmd.startswith("staff-"):
        rc = _staff(args, url, now)
    elif args.cmd in ("admin-token", "revoke-token", "issue-code"):
        engine = make_engine(url)
        with write(engine) as session:
            if args.cmd == "admin-token":
                lifetime = timedelta(days=args.days)
                print(auth.make_admin_token(session, args.name, now, lifetime))
                print(f"valid until {(now + lifetime).isoformat()}Z", file=sys.stderr)
            elif args.cmd == "revoke-token":
                found = auth.revoke_admin_token(session, args.token_id)
                if found:
                    print(f"admin token {args.token_id} revoked")
                else:
                    print(f"no admin token {args.token_id}", file=sys.stderr)
                    rc = 1
            else:
                print(auth.issue_code(session, args.agency_code, args.name, now,
                                      timedelta(days=args.days)))
        engine.dispose()
    else:
        from province_hub import serve

        os.environ["PROVINCE_HUB_DB"] = url
        serve.run(args.host, args.port, args.workers)  # TCP_NODELAY: see province_hub.serve
    return rc


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    password = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != password:
        print("the two passwords differ", file=sys.stderr)
        return None
    return password


def _staff(args: argparse.Namespace, url: str, now: datetime) -> int:
    """staff-add, staff-disable, staff-enable, staff-password."""
    from province_hub.staff import change_staff, create_staff

    password = _password(args) if args.cmd in ("staff-add", "staff-password") else None
    if args.cmd in ("staff-add", "staff-password") and password is None:
        return 1
    engine = make_engine(url)
    try:
        with write(engine) as session:
            if args.cmd == "staff-add":
                row = create_staff(session, args.username, args.full_name, password or "", now)
                print(f"staff {row.username} created")
            else:
                row = change_staff(session, args.username, password=password,
                                   disabled={"staff-disable": True,
                                             "staff-enable": False}.get(args.cmd))
                print(f"staff {row.username}: {args.cmd.removeprefix('staff-')}; sessions ended")
        return 0
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _desk_command(args: argparse.Namespace, url: str, now: datetime) -> int:
    engine = make_engine(url)
    try:
        with write(engine) as session:
            if args.cmd == "desks":
                for row in auth.desk_rows(session, args.agency_code):
                    state = "revoked" if row["revoked"] else "active"
                    print(f"{row['desk_id']}\t{row['agency_code']}\tcounter "
                          f"{row['counter'] or '-'}\t{state}\tlast seen "
                          f"{row['last_seen_at'] or 'never'}\t{row['name']}")
                return 0
            act = auth.revoke_desk if args.cmd == "revoke-desk" else (
                lambda s, i, _now: auth.request_rotation(s, i))
            if not act(session, args.desk_id, now):
                print(f"no desk {args.desk_id}", file=sys.stderr)
                return 1
            print(f"desk {args.desk_id} " + ("revoked" if args.cmd == "revoke-desk"
                                              else "will rotate its credential at its next sync"))
            return 0
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
