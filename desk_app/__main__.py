"""``python -m desk_app`` starts the counter program."""

from desk_app.app import main

if __name__ == "__main__":  # not when a child process (the address tables) imports it
    raise SystemExit(main())
