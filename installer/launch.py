"""Entry script of the frozen build (PyInstaller needs a file, not ``-m desk_app``)."""

import sys

from desk_app.app import main

sys.exit(main())
