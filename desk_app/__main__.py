"""``python -m desk_app`` starts the counter program."""

from desk_app.app import main

raise SystemExit(main())
