"""Command line of the hub (the database URL: ``--db`` or ``PROVINCE_HUB_DB``).

    python -m province_hub migrate                         create / upgrade the schema
    python -m province_hub admin-token NAME                print a new province admin token
    python -m province_hub issue-code AGENCY_CODE "NAME"   print a one-time enrolment code
    python -m province_hub serve --host 0.0.0.0 --port 8080 --workers 4
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timedelta, timezone

from province_hub.db import database_url, make_engine, write


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m province_hub")
    ap.add_argument("--db", default=None, help="SQLAlchemy URL (default: $PROVINCE_HUB_DB)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("migrate")
    t = sub.add_parser("admin-token")
    t.add_argument("name")
    c = sub.add_parser("issue-code")
    c.add_argument("agency_code")
    c.add_argument("name", nargs="?", default="")
    c.add_argument("--days", type=int, default=7)
    s = sub.add_parser("serve")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    url = args.db or database_url()
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    if args.cmd == "migrate":
        from province_hub.migrate import upgrade

        upgrade(url)
        print("schema up to date")
    elif args.cmd in ("admin-token", "issue-code"):
        from province_hub import auth

        engine = make_engine(url)
        with write(engine) as session:
            if args.cmd == "admin-token":
                print(auth.make_admin_token(session, args.name, now))
            else:
                print(auth.issue_code(session, args.agency_code, args.name, now,
                                      timedelta(days=args.days)))
        engine.dispose()
    else:
        import uvicorn

        os.environ["PROVINCE_HUB_DB"] = url
        uvicorn.run("province_hub.app:create_app", factory=True, host=args.host,
                    port=args.port, workers=args.workers, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
