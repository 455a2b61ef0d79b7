"""Who may do what at the desk: one table of roles and actions, checked by every service.

Three roles: ``clerk`` (cán bộ tiếp nhận: the counter's daily work), ``leader`` (lãnh đạo bộ
phận: also decides extensions with an apology (form 04), stops a dossier (form 05) and reads and
re-checks the satisfaction figures) and ``admin`` (quản trị: accounts, desk settings, enrolment
with the province; a commune's admin is usually its leader, so an admin may do a leader's work).

The GUI asks :func:`allowed` to hide or disable what a role may not do; the services call it
again (through :func:`desk_app.services.access.require`), so a hidden button is never the only
guard.
"""

from __future__ import annotations

from enum import Enum

ROLES = ("clerk", "leader", "admin")


class Action(str, Enum):
    RECEIVE = "receive"  # intake: form 01
    SUPPLEMENT = "supplement"  # intake: form 02
    REFUSE = "refuse"  # intake or later: form 03
    PROCESS = "process"  # hand over for processing, waiting for a supplement, result ready
    WITHDRAW = "withdraw"  # the citizen takes the dossier back
    RETURN = "return"  # hand the result back
    EXTEND = "extend"  # a new appointment with an apology: form 04
    STOP = "stop"  # stop handling the dossier: form 05
    PRINT = "print"  # print or reprint a dossier's forms and the register
    ENROL = "enrol"  # enrol this desk with the provincial server
    SETTINGS = "settings"  # desk settings (idle lock ...)
    ACCOUNTS = "accounts"  # create, lock, unlock clerks, reset their passwords
    RATING_FIGURES = "rating_figures"  # read the satisfaction figures, re-check their chain
    AUDIT = "audit"  # read the audit log (who did what), re-check its chain
    REPORTS = "reports"  # the leader's reports: on time, late, form 04, QĐ 766 groups, exports
    DIGITISE = "digitise"  # scan or attach a dossier's papers, re-use a citizen's documents
    QUEUE = "queue"  # queue tickets at the counter: call, recall, absent, transfer, finish


_COUNTER = frozenset(ROLES)
_LEADERS = frozenset({"leader", "admin"})
_ADMIN = frozenset({"admin"})

ALLOWED: dict[Action, frozenset[str]] = {
    Action.RECEIVE: _COUNTER,
    Action.SUPPLEMENT: _COUNTER,
    Action.REFUSE: _COUNTER,
    Action.PROCESS: _COUNTER,
    Action.DIGITISE: _COUNTER,  # its own action: a province may give it to fewer roles
    Action.WITHDRAW: _COUNTER,
    Action.RETURN: _COUNTER,
    Action.PRINT: _COUNTER,
    Action.QUEUE: _COUNTER,
    Action.EXTEND: _LEADERS,
    Action.STOP: _LEADERS,
    Action.RATING_FIGURES: _LEADERS,
    Action.AUDIT: _LEADERS,
    Action.REPORTS: _LEADERS,
    Action.ENROL: _ADMIN,
    Action.SETTINGS: _ADMIN,
    Action.ACCOUNTS: _ADMIN,
}


def allowed(role: str, action: Action) -> bool:
    return role in ALLOWED[action]
