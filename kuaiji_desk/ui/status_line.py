"""The status bar's message: one line, cut with 「…」 where it is longer than the room left
beside the counts, the whole text in its tooltip; gone after a while, or when the report
closes."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy


class StatusLine(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        # Ignored: the label never asks for more room than the bar has left, so it never
        # pushes the counts aside or draws over them.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(20)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)

    def show_message(self, text: str, ms: int = 10000) -> None:
        self._text = text
        self.setToolTip(text)
        self._elide()
        self._timer.start(ms)

    def message(self) -> str:
        """The whole message, however it is shown."""
        return self._text

    def clear_message(self) -> None:
        self._timer.stop()
        self._text = ""
        self.setToolTip("")
        self.setText("")

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, max(self.width() - 4, 0)))
