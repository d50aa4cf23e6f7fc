"""Input widgets that save when the user leaves them, not per keystroke.

Every input has the same small interface, so that a form is a loop over
attributes: ``show_value(v)`` puts the stored value in without saving,
``committed(value)`` says the user changed it, ``flush()`` commits what was typed
but not yet left (before the form switches to another project), and
``set_mark(severity, message)`` colours it for a finding.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy

from ..core.money import MAX_FEN, AmountError, format_amount, normalise_number_text, parse_amount
from ..core.names import InvalidText, check_text
from .style import REFUSED_FRAME, SEVERITY_BACKGROUND


class _Marks:
    """A finding's background and a refused text's red border, shown together.

    A style sheet rather than the palette: native styles (Windows) ignore a
    line edit's palette.  The tooltip says why the field is marked, else gives
    the field's hint.
    """
    _selector = "QWidget"
    _severity: str | None = None
    _finding = ""
    _refused = ""
    _hint = ""

    def set_hint(self, hint: str) -> None:
        self._hint = hint
        self._restyle()

    def set_mark(self, severity: str | None, message: str = "") -> None:
        if (severity, message) != (self._severity, self._finding):
            self._severity, self._finding = severity, message
            self._restyle()

    def _set_refused(self, message: str) -> None:
        self._refused = message
        self._restyle()

    def _restyle(self) -> None:
        rules = []
        if self._severity:
            rules.append(f"background: {SEVERITY_BACKGROUND[self._severity].name()};")
        if self._refused:
            rules.append(f"border: 2px solid {REFUSED_FRAME.name()};")
        self.setStyleSheet(f"{self._selector} {{ {' '.join(rules)} }}" if rules else "")
        self.setToolTip(self._refused or self._finding or self._hint)


class _ReportUndo:
    """Ctrl+Z in a field undoes the field's own typing while it has some, and the report's last
    change otherwise (Qt's text fields take the key even with nothing to undo, so the window's
    撤销 never ran while a field had the focus).  Ctrl+Y and the platform's redo keys alike."""

    def _own_history(self) -> tuple[bool, bool]:
        return self.isUndoAvailable(), self.isRedoAvailable()

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride:
            undo, redo = self._own_history()
            redo_key = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            if (event.matches(QKeySequence.StandardKey.Undo) and not undo) or (redo_key and not redo):
                event.ignore()
                return False
        return super().event(event)


class _LongText:
    """A text longer than an Excel cell holds is refused as the number fields refuse theirs: a
    red frame, the reason in the tooltip and in ``refused``, the text left to be shortened."""

    def _refuses(self, text: str) -> bool:
        try:
            check_text(text)
        except InvalidText as exc:
            if self._refused != str(exc):
                self._set_refused(str(exc))
                self.refused.emit(str(exc))
            return True
        if self._refused:
            self._set_refused("")
        return False

    def _keeps_refused(self, value: str | None) -> bool:
        """As NumberLine: a refused text stays while the user shortens it, unless the stored
        value itself moved (an undo)."""
        if self._refused:
            if (value or "") == self._stored:
                return True
            self._set_refused("")
        return False


class TextLine(_ReportUndo, _LongText, _Marks, QLineEdit):
    """A short text; leading and trailing blanks are not kept."""
    _selector = "QLineEdit"
    committed = Signal(object)
    refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stored = ""
        self.setMaxLength(1_000_000)   # Qt's own default, 32 767, would cut a longer paste silently
        self.editingFinished.connect(self.flush)

    def show_value(self, value: str | None) -> None:
        if self._keeps_refused(value):
            return
        self._stored = value or ""
        if self.text() != self._stored:
            self.setText(self._stored)
            self.setCursorPosition(0)  # long names show their beginning

    def flush(self) -> None:
        if self.text() == self._stored:
            self._refuses("")
            return  # untouched: an imported value keeps its spacing
        text = self.text().strip()
        if self._refuses(text):
            return
        if text != self._stored:
            self._stored = text
            self.committed.emit(text)


class TextBox(_ReportUndo, _LongText, _Marks, QPlainTextEdit):
    """A multi-line text, saved when focus leaves it."""
    _selector = "QPlainTextEdit"
    committed = Signal(object)
    refused = Signal(str)

    def __init__(self, lines: int = 4, parent=None):
        super().__init__(parent)
        self._stored = ""
        self.setTabChangesFocus(True)   # Tab moves on, as in every other field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        line = QFontMetrics(self.font()).lineSpacing()
        self._height = line * lines + 2 * (self.frameWidth() + int(self.document().documentMargin()))
        self.setMinimumHeight(self._height)

    def sizeHint(self) -> QSize:
        # As many lines as asked, not QPlainTextEdit's fixed 256×192: a form of
        # several boxes stays compact, and a long text scrolls inside its box.
        return QSize(super().sizeHint().width(), self._height)

    def show_value(self, value: str | None) -> None:
        if self._keeps_refused(value):
            return
        self._stored = value or ""
        if self.toPlainText() != self._stored:
            self.setPlainText(self._stored)

    def _own_history(self) -> tuple[bool, bool]:
        return self.document().isUndoAvailable(), self.document().isRedoAvailable()

    def flush(self) -> None:
        text = self.toPlainText()
        if self._refuses(text):
            return
        if text != self._stored:
            self._stored = text
            self.committed.emit(text)

    def focusOutEvent(self, event):
        self.flush()
        super().focusOutEvent(event)


def parse_count(text: str, _unit: str = "") -> int | None:
    """A count of things (辆, 人次, 分): a whole number, blank for not filled."""
    t = normalise_number_text(text)
    if not t:
        return None
    if not (t.isascii() and t.isdigit()):
        raise AmountError(f"「{text.strip()}」不是整数，请填写不带小数的数字")
    if int(t) > MAX_FEN:     # the bound of amounts serves: no count comes near it
        raise AmountError(f"「{text.strip()}」太大，不像是一个数量")
    return int(t)


def format_count(value: int | None, _unit: str = "") -> str:
    return "" if value is None else str(value)


class NumberLine(_ReportUndo, _Marks, QLineEdit):
    """An amount (分, typed and shown in the session's unit) or a count.

    Text that is no number is refused: red border, ``refused(message)``, the
    stored value untouched, and the text left for the user to correct.
    """
    _selector = "QLineEdit"
    committed = Signal(object)   # int, or None when emptied
    refused = Signal(str)

    def __init__(self, parse: Callable[[str, str], int | None], fmt: Callable[[int | None, str], str],
                 unit: str = "", parent=None):
        super().__init__(parent)
        self._parse, self._format = parse, fmt
        self.unit = unit
        self._stored: int | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self.flush)

    @classmethod
    def amount(cls, unit: str, parent=None) -> "NumberLine":
        return cls(parse_amount, format_amount, unit, parent)

    @classmethod
    def count(cls, parent=None) -> "NumberLine":
        return cls(parse_count, format_count, "", parent)

    def _show(self, value: int | None) -> str:
        return self._format(value, self.unit)

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        if not self._refused:
            self.setText(self._show(self._stored))

    def show_value(self, value: int | None) -> None:
        # A refused text stays while the user corrects it, unless the value
        # itself moved (an undo): then the stored value wins.
        if self._refused and value == self._stored:
            return
        self._stored = value
        self._set_refused("")
        if self.text() != self._show(value):
            self.setText(self._show(value))

    def flush(self) -> None:
        if self.text() == self._show(self._stored):
            # Untouched: a 万元 figure shown rounded must not replace the exact 分.
            if self._refused:
                self._set_refused("")
            return
        try:
            value = self._parse(self.text(), self.unit)
        except AmountError as exc:
            self._set_refused(str(exc))
            self.refused.emit(str(exc))
            return
        self._set_refused("")
        self.setText(self._show(value))
        if value != self._stored:
            self._stored = value
            self.committed.emit(value)


class ChoiceBox(_Marks, QComboBox):
    """One of fixed choices, or none; a stored value outside them is still shown."""
    _selector = "QComboBox"
    committed = Signal(object)

    def __init__(self, choices: tuple[str, ...], parent=None):
        super().__init__(parent)
        self._choices = ("", *choices)
        self._stored = ""
        self.addItems(self._choices)
        self.activated.connect(lambda _: self.flush())

    def show_value(self, value: str | None) -> None:
        value = value or ""
        items = self._choices if value in self._choices else (*self._choices, value)
        if [self.itemText(i) for i in range(self.count())] != list(items):
            self.clear()
            self.addItems(items)
        self.setCurrentText(value)
        self._stored = value

    def flush(self) -> None:
        if self.currentText() != self._stored:
            self._stored = self.currentText()
            self.committed.emit(self._stored)


class MarkedLabel(_Marks, QLabel):
    """A computed figure (执行率) that a finding can point at."""
    _selector = "QLabel"


class NoteLabel(QLabel):
    """A message under a field or a table, in its severity's colour; hidden when there is none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_note(self, severity: str | None, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        color = SEVERITY_BACKGROUND[severity].name() if severity else "transparent"
        self.setStyleSheet(f"QLabel {{ background: {color}; padding: 4px; }}")
