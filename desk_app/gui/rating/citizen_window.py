"""The citizen's screen: idle (commune, clerk on duty), the satisfaction slip, thanks.

A pure view: it knows nothing of the store or timers (see :mod:`.controller`). It emits
:attr:`CitizenWindow.submitted` once per slip - the send button and every choice are disabled
on the first tap, so a double tap cannot send twice - and :attr:`activity` on every touch so
the controller can push its idle timeout back.

Sizes follow the window height (touch targets ~1/6 of the height on the big buttons), so the
same screen reads well on a 1366x768 laptop turned to the citizen and a 1920x1080 monitor.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.rating_settings import Question, RatingForm
from desk_app.gui.tr import QT_TR_NOOP, tr

IDLE, RATING, THANKS = 0, 1, 2
OCCASION_TEXT = {"return": QT_TR_NOOP("Trả kết quả"), "intake": QT_TR_NOOP("Tiếp nhận hồ sơ")}


@dataclass(frozen=True)
class Answers:
    overall: str
    criteria: dict[str, str]
    comment: str


class _Choices(QWidget):
    """One question's levels as big exclusive buttons."""

    chosen = Signal()

    def __init__(self, question: Question, kind: str) -> None:
        super().__init__()
        self.question = question
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.buttons: dict[str, QPushButton] = {}
        for level in question.levels:
            button = QPushButton(level.label)
            button.setCheckable(True)
            button.setObjectName(kind)
            button.setProperty("level", level.code)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            color = level.color or ("#1b7f3b" if level.positive else "#b3261e")
            button.setStyleSheet(
                f"QPushButton {{ border: 3px solid {color}; color: {color}; }}"
                f"QPushButton:checked {{ background: {color}; color: white; }}"
            )
            self.group.addButton(button)
            row.addWidget(button, 1)
            self.buttons[level.code] = button
        self.group.buttonClicked.connect(lambda _b: self.chosen.emit())

    def value(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("level")) if button else ""


class _CommentChips(QWidget):
    """The optional comment as phrases the citizen taps (several allowed): a screen facing the
    citizen has no keyboard of its own, and it must never take the clerk's."""

    chosen = Signal()

    def __init__(self, options: tuple[str, ...]) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.note = QLabel(tr("Góp ý thêm (không bắt buộc, chạm để chọn):"))
        self.note.setObjectName("small")
        grid.addWidget(self.note, 0, 0, 1, 3)
        self.buttons: list[QPushButton] = []
        for i, text in enumerate(options):
            button = QPushButton(text)
            button.setObjectName("chip")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.toggled.connect(lambda _on: self.chosen.emit())
            grid.addWidget(button, 1 + i // 3, i % 3)
            self.buttons.append(button)

    def text(self) -> str:
        return "; ".join(b.text() for b in self.buttons if b.isChecked())


class CitizenWindow(QWidget):
    submitted = Signal(object)  # Answers
    activity = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(tr("Đánh giá mức độ hài lòng"))
        self.setObjectName("citizen")
        self.setProperty("citizenScreen", True)  # the lock leaves it up, on its idle page
        # Never the keyboard's: a tap here must not take the clerk's typing or a scanner's
        # keystrokes (X11: WM_HINTS input=False; Windows: WS_EX_NOACTIVATE).
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # the window's size is the screen's (or the clerk's choice), never the content's: no
        # minimum size pushed to the platform window each time a slip is built
        outer.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        outer.addWidget(self.stack)
        self.stack.addWidget(self._idle_page())
        self.rating_page = QWidget()
        self.stack.addWidget(self.rating_page)
        self.stack.addWidget(self._thanks_page())
        self.overall: _Choices | None = None
        self.criteria: list[_Choices] = []
        self.comment: _CommentChips | None = None
        self.send: QPushButton | None = None
        self.hint = QLabel()
        self._sent = False
        self.resize(1024, 640)
        self._restyle()

    # --- pages -------------------------------------------------------------------------

    def _idle_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("idle")
        box = QVBoxLayout(page)
        box.setContentsMargins(48, 48, 48, 48)
        self.idle_parent = QLabel()
        self.idle_parent.setObjectName("small")
        self.idle_commune = QLabel()
        self.idle_commune.setObjectName("title")
        self.idle_desk = QLabel()
        self.idle_desk.setObjectName("subtitle")
        self.idle_welcome = QLabel(tr("Xin kính chào Ông/Bà!"))
        self.idle_welcome.setObjectName("welcome")
        self.idle_clerk = QLabel()
        self.idle_clerk.setObjectName("clerk")
        for w in (self.idle_parent, self.idle_commune, self.idle_desk):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setWordWrap(True)
            box.addWidget(w)
        box.addStretch(2)
        for w in (self.idle_welcome, self.idle_clerk):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setWordWrap(True)
            box.addWidget(w)
        box.addStretch(3)
        hint = QLabel(tr("Sau khi nhận hoặc nộp hồ sơ, xin Ông/Bà dành vài giây đánh giá "
                      "mức độ hài lòng trên màn hình này."))
        hint.setObjectName("small")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        box.addWidget(hint)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        title = QLabel(tr("Xin cảm ơn Ông/Bà!"))
        title.setObjectName("title")
        body = QLabel(tr("Ý kiến của Ông/Bà đã được ghi nhận và giúp chúng tôi phục vụ tốt hơn."))
        body.setObjectName("subtitle")
        for w in (title, body):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setWordWrap(True)
            box.addWidget(w)
        box.addStretch(1)
        return page

    def show_idle(self, parent_name: str, commune: str, desk: str, clerk: str) -> None:
        self.idle_parent.setText(parent_name.upper())
        self.idle_commune.setText(commune.upper())
        self.idle_desk.setText(desk)
        self.idle_clerk.setText(tr("Công chức đang làm việc: <b>{clerk}</b>").format(clerk=clerk) if clerk else "")
        self.stack.setCurrentIndex(IDLE)

    def show_thanks(self) -> None:
        self.stack.setCurrentIndex(THANKS)

    def show_rating(self, form: RatingForm, occasion: str, code: str, procedure: str,
                    timeout_seconds: int) -> None:
        """Build a fresh slip (nothing of the previous citizen's choice survives)."""
        old = self.rating_page
        self.rating_page = self._rating_page(form, occasion, code, procedure, timeout_seconds)
        self.stack.insertWidget(RATING, self.rating_page)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._sent = False
        self.stack.setCurrentIndex(RATING)
        self._restyle()

    def _rating_page(self, form: RatingForm, occasion: str, code: str, procedure: str,
                     timeout_seconds: int) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(40, 24, 40, 24)
        box.setSpacing(14)
        head = QLabel(tr("{get} · Hồ sơ {code}<br>{procedure}").format(get=tr(OCCASION_TEXT.get(occasion, '')),
                             code=code, procedure=procedure))
        head.setObjectName("small")
        head.setWordWrap(True)
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(head)
        question = QLabel(form.overall.question)
        question.setObjectName("question")
        question.setWordWrap(True)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(question)
        self.overall = _Choices(form.overall, "big")
        self.overall.chosen.connect(self._on_choice)
        box.addWidget(self.overall, 3)
        self.criteria = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(10)
        for row, q in enumerate(form.criteria_for(occasion)):
            label = QLabel(q.question)
            label.setObjectName("criterion")
            label.setWordWrap(True)
            choices = _Choices(q, "small")
            choices.chosen.connect(self.activity.emit)
            grid.addWidget(label, row, 0)
            grid.addWidget(choices, row, 1)
            self.criteria.append(choices)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 5)
        if self.criteria:
            note = QLabel(tr("Các tiêu chí dưới đây không bắt buộc:"))
            note.setObjectName("small")
            box.addWidget(note)
            box.addLayout(grid, 3)
        self.comment = None
        if form.comment and form.comment_options:
            self.comment = _CommentChips(form.comment_options)
            self.comment.chosen.connect(self.activity.emit)
            box.addWidget(self.comment)
        bottom = QHBoxLayout()
        self.hint = QLabel(
            tr("Màn hình tự trở về sau {timeout_seconds} giây nếu không có thao tác.").format(timeout_seconds=timeout_seconds))
        self.hint.setObjectName("small")
        self.hint.setWordWrap(True)
        bottom.addWidget(self.hint, 1)
        self.send = QPushButton(tr("Gửi đánh giá"))
        self.send.setObjectName("send")
        self.send.setEnabled(False)
        self.send.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send.clicked.connect(self._on_send)
        bottom.addWidget(self.send)
        box.addLayout(bottom)
        return page

    # --- behaviour -----------------------------------------------------------------------

    def _on_choice(self) -> None:
        if self.send is not None and not self._sent:
            self.send.setEnabled(True)
        self.activity.emit()

    def answers(self) -> Answers | None:
        """The citizen's current choice, or None when no overall level is chosen yet."""
        if self.overall is None or not self.overall.value():
            return None
        criteria = {c.question.code: c.value() for c in self.criteria if c.value()}
        comment = self.comment.text() if self.comment is not None else ""
        return Answers(self.overall.value(), criteria, comment)

    def _on_send(self) -> None:
        answers = self.answers()
        if self._sent or answers is None:
            return  # a second tap of a double tap: already sent
        self._sent = True
        for w in self.rating_page.findChildren(QPushButton):
            w.setEnabled(False)
        self.submitted.emit(answers)

    def allow_retry(self, message: str) -> None:
        """After a failed save: the choice is still on screen; say so, let them send again."""
        self.hint.setObjectName("error")
        self.hint.setText(message)
        self._restyle()
        self._sent = False
        for w in self.rating_page.findChildren(QPushButton):
            w.setEnabled(True)

    def page(self) -> int:
        return self.stack.currentIndex()

    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.activity.emit()
        return super().event(e)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._restyle()

    def _restyle(self) -> None:
        """Type sizes in pixels from the window's height, so both screen sizes read well."""
        u = max(12, self.height() // 54)  # 14 px at 768, 20 px at 1080
        self.setStyleSheet(f"""
            QWidget#citizen {{ background: #f6f8fb; }}
            QLabel {{ color: #17324d; font-size: {u + 2}px; }}
            QLabel#small {{ color: #4a5d70; font-size: {u}px; }}
            QLabel#error {{ color: #b3261e; font-size: {u + 2}px; font-weight: bold; }}
            QLabel#title {{ font-size: {int(u * 2.4)}px; font-weight: bold; color: #a11d1d; }}
            QLabel#subtitle {{ font-size: {int(u * 1.6)}px; }}
            QLabel#welcome {{ font-size: {int(u * 2.2)}px; font-weight: bold; }}
            QLabel#clerk {{ font-size: {int(u * 1.6)}px; }}
            QLabel#question {{ font-size: {int(u * 1.9)}px; font-weight: bold; }}
            QLabel#criterion {{ font-size: {int(u * 1.3)}px; }}
            QPushButton {{ background: white; border-radius: 12px; }}
            QPushButton#big {{ font-size: {int(u * 2.1)}px; font-weight: bold;
                               min-height: {u * 6}px; }}
            QPushButton#small {{ font-size: {int(u * 1.25)}px; min-height: {int(u * 2.9)}px; }}
            QPushButton#send {{ font-size: {int(u * 1.7)}px; font-weight: bold; color: white;
                                background: #17538f; border: none; min-height: {u * 4}px;
                                padding: 0 {u * 3}px; }}
            QPushButton#send:disabled {{ background: #b8c4d0; }}
            QPushButton#chip {{ font-size: {int(u * 1.15)}px; min-height: {u * 4}px;
                                border: 2px solid #b8c4d0; padding: 0 {u}px; }}
            QPushButton#chip:checked {{ background: #17538f; color: white;
                                        border-color: #17538f; }}
        """)
