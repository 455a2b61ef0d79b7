"""Entry script of the frozen build (PyInstaller needs a file, not ``-m desk_app``)."""

import multiprocessing
import sys

from desk_app.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the address tables' child process starts this program
    sys.exit(main())
