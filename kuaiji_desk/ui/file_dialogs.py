"""The program's file dialogs: in Chinese throughout, opening where the user last chose a
file, else in their Documents folder — never in the program's data folder, where nobody
looks for an exported report.

On Windows the system's own dialogs are used (in the system's language); elsewhere Qt's,
whose translation leaves a few labels in English, which are set here.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from .settings import Settings

EXCEL_FILTER = "Excel 工作簿 (*.xlsx *.xls)"

_LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找范围：",
    QFileDialog.DialogLabel.FileName: "文件名：",
    QFileDialog.DialogLabel.FileType: "文件类型：",
    QFileDialog.DialogLabel.Reject: "取消",
}


def documents_folder() -> Path:
    """The user's Documents folder (their home where there is none)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return folder if folder.is_dir() else Path.home()


class FileDialogs:
    def __init__(self, settings: Settings):
        self._settings = settings

    def start_folder(self) -> Path:
        last = self._settings.last_folder()
        return last if last is not None and last.is_dir() else documents_folder()

    def open_files(self, parent, title: str, filter: str = EXCEL_FILTER) -> list[str]:
        dialog = self._dialog(parent, title, filter, self.start_folder())
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        return self._run(dialog)

    def open_file(self, parent, title: str, filter: str, folder: Path | None = None) -> str | None:
        dialog = self._dialog(parent, title, filter, folder or self.start_folder())
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        chosen = self._run(dialog, remember=folder is None)
        return chosen[0] if chosen else None

    def save_file(self, parent, title: str, name: str, filter: str) -> str | None:
        dialog = self._dialog(parent, title, filter, self.start_folder())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "保存")
        dialog.selectFile(name)
        chosen = self._run(dialog)
        return chosen[0] if chosen else None

    @staticmethod
    def _dialog(parent, title: str, filter: str, folder: Path) -> QFileDialog:
        dialog = QFileDialog(parent, title, str(folder), filter)
        for label, text in _LABELS.items():
            dialog.setLabelText(label, text)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "打开")
        return dialog

    def _run(self, dialog: QFileDialog, remember: bool = True) -> list[str]:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        chosen = dialog.selectedFiles()
        if chosen and remember:
            self._settings.set_last_folder(Path(chosen[0]).parent)
        return chosen
