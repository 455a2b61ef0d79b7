"""Digitised documents at the desk (issue 16), Qt-free: where the files live (:mod:`.files`),
what is accepted (:mod:`.content`), how pages become one PDF (:mod:`.assemble`), the scanner
through SANE (:mod:`.sane`), the desk scanner's folder (:mod:`.watch`) and the files in
backups (:mod:`.backup_files`). The clerk's actions over them are in
:mod:`desk_app.services.scans`."""
