"""The main window: the start page, or an open report as one tab per form with
the 校验结果 beside it."""
from __future__ import annotations

import copy
import errno
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDockWidget, QLabel, QMainWindow, QMessageBox, QPushButton, QStackedWidget, QTabWidget,
)

from ..core import edits, layouts, rules
from ..core.layout import stated_totals
from ..core.consolidation import ConsolidationError
from ..core.report import LAYOUT, new_report
from ..core.rules.completeness import before_publishing
from ..core.excel.errors import WorkbookError
from ..core.files import WriteError, write_atomically
from ..core.rules.findings import NARRATIVE_TABLE, OVERALL_TABLE, PROJECT_TABLE
from ..core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from ..store import repo
from ..store.backup import rotate
from ..store.db import close_db, location, on_server, open_db, read_only_reason
from ..store.server import is_server
from ..store.errors import ReportExists, StoreError, describe
from .backups import backup_data, restore_data
from .file_dialogs import FileDialogs
from .find_dialog import FindDialog
from .findings_panel import FindingsPanel
from .help import AboutDialog, HelpDialog
from .department_dialog import DepartmentDialog
from .info_tab import InfoTab
from .layout_choice import LayoutDialog
from .overall_tab import OverallTab
from .print_preview import PrintPreview
from .publish_check import PublishCheck
from .projects_tab import ProjectsTab
from .recent import RecentMenu
from .session import Session
from .settings import Settings
from .start_page import NewReportDialog, StartPage
from .status_line import StatusLine
from .table_tab import TableTab

WINDOW_TITLE = "部门决算公开"


class ReportView(QTabWidget):
    """One open report: 单位信息与说明, 公开01表 … 09表, 整体绩效自评, 项目绩效自评."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.layout_name = session.report.layout   # the layout its tabs were built in
        self.setDocumentMode(True)
        self.info = InfoTab(session)
        self.addTab(self.info, "单位信息与说明")
        self.tables: dict[str, TableTab] = {}
        for spec in session.report.publication.tables:   # the report's layout: its order, its tab names
            tab = self.tables[spec.id] = TableTab(session, spec.id)
            self.addTab(tab, spec.tab_name)
            self.setTabToolTip(self.count() - 1, spec.name)
        self.overall = OverallTab(session)
        self.addTab(self.overall, "整体绩效自评")
        self.projects = ProjectsTab(session)
        self.addTab(self.projects, "项目绩效自评")

    def tab_for(self, table: str):
        return {OVERALL_TABLE: self.overall, PROJECT_TABLE: self.projects, NARRATIVE_TABLE: self.info}.get(
            table, self.tables.get(table))

    def flush(self) -> None:
        """Saves what was typed into a field that has not been left yet."""
        for tab in (self.info, self.overall, self.projects):
            tab.flush()

    def show_place(self, place) -> None:
        """Brings a finding's place, or an edit's (core.places.Place), to the front: anything
        with a table, a row and a column."""
        tab = self.tab_for(place.table)
        if tab is not None:
            self.setCurrentWidget(tab)
            tab.show_finding(place)


PREFERRED_SIZE = QSize(1400, 900)


def first_size(available: QSize) -> QSize:
    """The window's size on a first start: the preferred size, or what the screen has room for
    (1366×768, or 1920×1080 at 125–150% scaling, is smaller), less a margin for its frame."""
    return PREFERRED_SIZE.boundedTo(QSize(available.width() - 40, available.height() - 60))


def _against(origin, unit: str, year: int) -> tuple[str, bool] | None:
    """What to say when the report to make does not follow the workbooks chosen."""
    if origin.year is not None and year - 1 != origin.year:
        return (f"所选工作簿是{origin.year}年度的，由它只能新建{origin.year + 1}年度的报告。", True)
    if origin.unit and unit != origin.unit:
        return (f"所选工作簿的部门是「{origin.unit}」，与填写的单位「{unit}」不同。", False)
    return None


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path | str, parent=None):
        super().__init__(parent)
        # A file's path, or a server database's URL (store/server.py).
        self.db_path = db_path if is_server(db_path) else Path(db_path)
        self.db = open_db(self.db_path)
        self.read_only = read_only_reason(self.db)   # why nothing can be changed; empty when it can
        self.settings = Settings(self.db_path)
        self.files = FileDialogs(self.settings)
        self.session: Session | None = None
        self.view: ReportView | None = None
        self.findings_panel: FindingsPanel | None = None
        self._print_dir: tempfile.TemporaryDirectory | None = None
        self._renders = 0
        self._preview: PrintPreview | None = None
        self._find: FindDialog | None = None
        self._set_title(WINDOW_TITLE)
        self.resize(first_size(self.screen().availableGeometry().size()))
        self.stack = QStackedWidget()
        self.start = StartPage()
        self.start.open_requested.connect(self.open_report)
        self.start.new_requested.connect(self.new_report)
        self.start.sample_requested.connect(self.open_sample)
        self.start.last_year_requested.connect(self.start_from_last_year)
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.findings_dock = QDockWidget("校验结果", self)
        self.findings_dock.setObjectName("findings")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.message = StatusLine()
        self.selection = QLabel()   # 求和/计数 of the cells selected, as in Excel
        self.counts = QLabel()
        self.saved = QLabel()
        self.read_only_label = QLabel("只读")
        self.read_only_label.setStyleSheet("color: #b00020; font-weight: bold;")
        # Which server the accountant works on (never its password); a file needs no saying.
        self.server_label = QLabel(f"服务器数据库：{location(self.db)}" if on_server(self.db) else "")
        self.server_label.setVisible(on_server(self.db))
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.selection)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.saved)
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.server_label)
        self._build_menus()
        self._show_read_only()
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        last = self.settings.last_report()
        if last and repo.report_exists(self.db, *last):
            self.open_report(*last)
        else:
            self.show_start()
        if not self.read_only:   # last: its message goes in the status bar, after opening cleared it
            self._daily_backup()

    # -- menus -------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.new_action = self._action(file_menu, "新建报告(&N)…", self.new_report, QKeySequence.StandardKey.New)
        self._action(file_menu, "打开报告(&O)…", self.show_start, QKeySequence.StandardKey.Open)
        self.last_year_action = self._action(file_menu, "从上年Excel开始…", self.start_from_last_year)
        self.last_report_action = self._action(file_menu, "从上年报告新建…", self.start_from_last_report)
        self._action(file_menu, "新建部门汇总…", self.new_department)
        self.composition_action = self._action(file_menu, "部门单位构成…", self.change_composition)
        self._action(file_menu, "打开示例", self.open_sample)
        self.recent_menu = RecentMenu(self, self.open_report)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "导入本年工作簿(&I)…", self.import_workbooks, "Ctrl+I")
        self._action(file_menu, "导入各单位工作簿…", self.import_units)
        self.layout_action = self._action(file_menu, "公开表式样(&L)…", self.choose_layout)
        file_menu.addSeparator()
        self.export_excel_action = self._action(file_menu, "导出Excel(&E)…", self.export_excel)
        self.export_pdf_action = self._action(file_menu, "导出PDF(&D)…", self.export_pdf)
        self.audit_action = self._action(file_menu, "导出审核报告(&A)…", self.export_audit)
        file_menu.addSeparator()
        self.preview_action = self._action(file_menu, "打印预览(&V)…", self.print_preview)
        self.print_action = self._action(file_menu, "打印(&P)…", self.print_report, QKeySequence.StandardKey.Print)
        self.print_table_action = self._action(file_menu, "打印当前表(&T)…", self.print_current_table)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "备份数据(&B)…", lambda: backup_data(self))
        self._action(file_menu, "数据库位置…", self.choose_database)
        self.restore_action = self._action(file_menu, "恢复数据(&R)…",
                                           lambda: self._refused_read_only() or restore_data(self))
        file_menu.addSeparator()
        self._action(file_menu, "退出(&X)", self.close, QKeySequence.StandardKey.Quit)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = self._action(edit_menu, "撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit_menu, "重做", self.redo)
        # Ctrl+Y as in Excel, and the platform's own redo keys; each once, or Qt
        # treats the key as ambiguous and does nothing.
        keys = [QKeySequence("Ctrl+Y")] + QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts(list({k.toString(): k for k in keys}.values()))
        edit_menu.addSeparator()
        self.find_action = self._action(edit_menu, "查找(&F)…", self.show_find, QKeySequence.StandardKey.Find)
        edit_menu.addSeparator()
        self.computed_action = self._action(edit_menu, "全部按计算值", self.all_computed)
        self.computed_action.setToolTip("导入的工作簿中写明的合计全部改为由各项计算（可撤销）")
        edit_menu.aboutToShow.connect(self._enable_all_computed)
        view_menu = self.menuBar().addMenu("视图(&V)")
        self.unit_group = QActionGroup(self)
        for unit in ("万元", "元"):
            action = QAction(f"金额单位：{unit}", self, checkable=True)
            action.setData(unit)
            action.triggered.connect(lambda checked, u=unit: self.set_amount_unit(u))
            self.unit_group.addAction(action)
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.findings_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "使用说明(&H)", self.show_help, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "关于(&A)", self.show_about)
        self._report_actions = [self.find_action, self.import_action, self.layout_action, self.export_excel_action,
                                self.export_pdf_action,
                                self.audit_action,
                                self.preview_action, self.print_action, self.print_table_action,
                                *self.unit_group.actions()]
        # The toolbar shows short words, without the menus' (&X) keys.
        for action, words in ((self.import_action, "导入"), (self.export_excel_action, "导出Excel"),
                              (self.export_pdf_action, "导出PDF"), (self.preview_action, "打印预览"),
                              (self.print_action, "打印")):
            action.setIconText(words)
        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        for action in (self.undo_action, self.redo_action, None, self.import_action, self.export_excel_action,
                       self.export_pdf_action, self.preview_action, self.print_action, None,
                       *self.unit_group.actions()):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # A menu action's `checked` argument is not the slot's: slots that take an optional
        # table or path would read False as one.
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    # -- reports -----------------------------------------------------------------
    def show_start(self) -> None:
        """The list of reports; the report that was open is saved and closed, and the status bar
        no longer speaks of it."""
        self._close_session()
        self.start.show_reports(self.db)
        self.stack.setCurrentWidget(self.start)
        self.findings_dock.hide()
        for action in (*self._report_actions, self.undo_action, self.redo_action):
            action.setEnabled(False)
        self._show_undo_text("")
        self._show_redo_text("")
        for label in (self.selection, self.counts, self.saved):
            label.clear()
            label.setStyleSheet("")
        self.message.clear_message()
        self._set_title(WINDOW_TITLE)
        self._show_read_only()

    def open_report(self, unit: str, year: int) -> None:
        try:
            report, live = repo.open_report(self.db, unit, year)
        except StoreError as exc:
            QMessageBox.critical(self, "无法打开报告", str(exc))
            return
        self._close_session()
        self.session = Session(self.db, report, self, live=live)
        self.session.set_unit(self.settings.amount_unit())
        self.findings_panel = FindingsPanel(self.session)
        self.findings_panel.jump.connect(self._go_to)
        self.findings_panel.open_unit.connect(self._open_unit)
        self._show_view()
        self.findings_dock.setWidget(self.findings_panel)
        self.findings_dock.show()
        stack = self.session.undo_stack
        # Slots of the window, not lambdas: Qt drops them with the window, so a
        # stack emptied while the window closes talks to no deleted action.
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._show_undo_text)
        stack.redoTextChanged.connect(self._show_redo_text)
        self._show_undo_text("")
        self._show_redo_text("")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        for action in self._report_actions:
            action.setEnabled(True)
        for action in self.unit_group.actions():
            action.setChecked(action.data() == self.session.unit)
        self.session.checked.connect(self._show_counts)
        self.session.saved.connect(self._show_saved)
        self.session.failed.connect(self._show_failure)
        self.session.reloaded.connect(self._show_reloaded)
        self.session.refused.connect(self._show_refused)
        self.session.replayed.connect(self._show_place)
        self.session.changed.connect(self._follow_layout)
        self._show_counts(self.session.findings)
        self.saved.setText("" if self.read_only else "已保存")
        self._set_title(f"{unit} {year}年度 — {WINDOW_TITLE}")
        self._show_read_only()
        self.settings.set_last_report(unit, year)
        self.recent_menu.add(unit, year)

    def _show_view(self) -> None:
        """The tabs of the open report, in its layout."""
        self.view = ReportView(self.session)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        for tab in self.view.tables.values():
            tab.view.selection_summary.connect(
                lambda text, tab=tab: self.selection.setText(text) if self.view.currentWidget() is tab else None)
        self.view.currentChanged.connect(self._show_selection)
        for tab in [self.view.info, self.view.overall, self.view.projects, *self.view.tables.values()]:
            if hasattr(tab, "message"):
                tab.message.connect(lambda text: self.message.show_message(text, 8000))

    def _drop_view(self) -> None:
        self.view.flush()
        self.stack.removeWidget(self.view)
        self.view.deleteLater()
        self.view = None

    def _follow_layout(self, edit) -> None:
        """A report moved to another layout (or back, by undo) shows its tables as that one
        prints them: the tabs are built again, on the same tab."""
        if LAYOUT not in edit.parts or self.view is None or self.view.layout_name == self.session.report.layout:
            return
        current = self.view.currentIndex()
        self._drop_view()
        self._show_view()
        self.view.setCurrentIndex(current)
        self.message.show_message(f"公开表式样：{self.session.report.publication.title}", 8000)

    def choose_layout(self) -> bool:
        """文件 → 公开表式样: the open report printed in another layout, as one undoable step."""
        if self._refused_read_only():
            return False
        report = self.session.report
        dialog = LayoutDialog(report.layout, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.layout_choice.name() == report.layout:
            return False
        return self.session.apply(edits.set_layout(report, dialog.layout_choice.name()))

    def _close_session(self) -> None:
        if self._find is not None:
            self._find.close()
            self._find.deleteLater()
            self._find = None
        if self.view is not None:
            self._drop_view()
        if self.session is not None:
            self.session.deleteLater()
            self.session = None

    def _ask_unit_and_year(self, title: str, unit: str = "", year: int | None = None,
                           check=None, ask_layout: bool = False) -> tuple[str, int, str | None] | None:
        """The unit (one already known, or a new one) and the year of a report to make; with
        ``ask_layout`` its publication layout too, proposing the one chosen last (remembered)."""
        units = sorted({info.unit for info in repo.list_reports(self.db)})
        proposed = (self.settings.last_layout() or layouts.DEFAULT) if ask_layout else None
        dialog = NewReportDialog(units, year or date.today().year - 1, self, unit, check, proposed)
        dialog.setWindowTitle(title)
        if dialog.exec() != NewReportDialog.DialogCode.Accepted:
            return None
        chosen = dialog.layout_name()
        if chosen is not None:
            self.settings.set_last_layout(chosen)
        return (*dialog.values(), chosen)

    # -- a database that cannot be written ----------------------------------------------
    def _set_title(self, title: str) -> None:
        if on_server(self.db):
            title = f"{title} — {location(self.db)}"
        self.setWindowTitle(f"{title}（只读）" if self.read_only else title)

    def _show_read_only(self) -> None:
        """「只读」 in the title and the status bar, and every action that would change the
        database disabled (what is typed is refused by the session, saying why)."""
        self.read_only_label.setVisible(bool(self.read_only))
        self.read_only_label.setToolTip(f"数据库是只读的（{self.read_only}）：可以查看、检查、导出和打印，不能修改。"
                                        if self.read_only else "")
        if not self.read_only:
            return
        for action in (self.new_action, self.last_year_action, self.last_report_action, self.import_action,
                       self.restore_action, self.computed_action, self.undo_action, self.redo_action):
            action.setEnabled(False)
        for button in self.start.findChildren(QPushButton):
            if button.text() in ("新建报告…", "从上年Excel开始…"):
                button.setEnabled(False)

    def _refused_read_only(self) -> bool:
        """True, having told the user why, when the database cannot be changed."""
        if self.read_only:
            QMessageBox.information(self, "只读", f"数据库是只读的（{self.read_only}），不能修改。"
                                    "如需修改，请把数据库复制到可以写入的位置后再打开。")
        return bool(self.read_only)

    def new_report(self) -> None:
        if self._refused_read_only():
            return
        chosen = self._ask_unit_and_year("新建报告", ask_layout=True)
        if chosen is None:
            return
        unit, year, layout = chosen
        try:
            repo.create_report(self.db, unit, year, layout=layout)
        except ReportExists:
            if QMessageBox.question(self, "报告已存在", f"{unit} {year}年度的报告已经存在，是否打开它？") \
                    != QMessageBox.StandardButton.Yes:
                return
        except StoreError as exc:
            QMessageBox.critical(self, "无法新建报告", str(exc))
            return
        self.open_report(unit, year)

    def open_sample(self) -> None:
        if not repo.report_exists(self.db, SAMPLE_UNIT, SAMPLE_YEAR):
            if self._refused_read_only():
                return
            try:
                from ..core.sample import load_sample   # openpyxl only when needed: startup time

                repo.save_report(self.db, load_sample())
            except (StoreError, WorkbookError) as exc:
                QMessageBox.critical(self, "无法打开示例", str(exc))
                return
        self.open_report(SAMPLE_UNIT, SAMPLE_YEAR)

    def import_workbooks(self) -> bool:
        """This year's 公开表 and 自评表 from workbooks, as one undoable step."""
        if self.session is None or self._refused_read_only():
            return False
        paths = self.files.open_files(self, "导入本年工作簿")
        if not paths:
            return False
        self.view.flush()
        report = self.session.report
        from ..core.excel.importer import apply_import, read_workbooks   # openpyxl: see startup
        from ..core.excel.preview import code_questions, replaced
        from .import_preview import ImportPreview

        try:
            data = read_workbooks(paths, report.year, skip_unplaced=True)   # the preview lists what is left
        except WorkbookError as exc:
            QMessageBox.critical(self, "无法导入", f"{exc}\n\n报告未作任何更改。")
            return False
        notes = data.found + code_questions(data, report.year)   # another layout: proposed by a check box
        if report.composition is not None:
            return self._import_published(report, data, notes)
        preview = ImportPreview(data, report.publication, notes,
                                replaced(report, data), "导入预览 — 本年工作簿", self)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return False
        imported = copy.deepcopy(report)
        if preview.switch_layout.isChecked():
            imported.layout = data.layout
        apply_import(imported, data)
        if not self.session.apply(edits.replace_report(report, imported, "导入工作簿")):
            return False
        self.message.show_message("已导入：" + "；".join(data.found))
        return True

    def _import_published(self, report, data, notes) -> bool:
        """A 部门's own published workbook: kept beside the sum and compared with it (B17.3)."""
        from ..core.excel.importer import apply_import
        from .import_preview import ImportPreview

        preview = ImportPreview(data, report.publication, notes,
                                ["这是部门汇总报告：导入的是部门自己公开的表，各表仍为各单位之和；"
                                 "公开表中与汇总数不符的数，在校验结果中列出（B17.3）。"],
                                "导入预览 — 部门公开表", self)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return False
        published = new_report("", report.year, layout=report.layout)
        apply_import(published, data)
        if not self.session.apply(edits.set_published(report, published, "导入部门公开表")):
            return False
        self.message.show_message("已导入部门公开表，与各单位汇总数比较", 8000)
        return True

    def import_units(self) -> bool:
        """文件 → 导入各单位工作簿: a 部门's units' workbooks at once, each into the unit it names."""
        if self._refused_read_only():
            return False
        paths = self.files.open_files(self, "选择各单位的公开表和绩效自评表工作簿")
        if not paths:
            return False
        from ..core.excel.importer import apply_import   # openpyxl: see startup
        from ..core.excel.units_import import read_units
        from .import_preview import UnitsPreview

        year = self.session.report.year if self.session else date.today().year - 1
        try:
            groups = read_units(paths, year, skip_unplaced=True)
        except WorkbookError as exc:
            QMessageBox.critical(self, "无法导入", f"{exc}\n\n没有作任何更改。")
            return False
        lines, reports = [], []
        for group in groups:
            report, made = repo.load_or_new(self.db, group.unit, year, group.data.layout)
            state = "新建报告" if made else "替换现有报告中这些表的内容"
            if report.composition is not None:
                QMessageBox.critical(self, "无法导入", f"「{group.unit}」是部门汇总报告，不能导入单位的工作簿。\n\n没有作任何更改。")
                return False
            lines += [f"【{group.unit}】{year}年度：{state}（{'、'.join(f.name for f in group.files)}）",
                      *(f"  {line}" for line in group.data.found),
                      *(f"  放不进报告、不导入：{line}" for line in group.data.unplaced), ""]
            apply_import(report, group.data)
            reports.append(report)
        preview = UnitsPreview(lines, sum(len(g.data.unplaced) for g in groups), self)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return False
        if self.view is not None:
            self.view.flush()
        try:
            for report in reports:
                repo.save_report(self.db, report)
        except StoreError as exc:
            QMessageBox.critical(self, "导入未完成", f"{exc}\n\n已导入的单位：{'、'.join(r.unit for r in reports[:reports.index(report)])}。")
            return False
        if self.session is not None:   # what is open shows what was written
            self.open_report(self.session.report.unit, self.session.report.year)
        self.message.show_message(f"已导入 {len(reports)} 个单位：{'、'.join(r.unit for r in reports)}", 8000)
        return True

    def start_from_last_year(self) -> bool:
        """A new report from last year's workbooks: profile, texts, code rows, projects and
        their targets carried over, last year's figures kept for every comparison."""
        if self._refused_read_only():
            return False
        paths = self.files.open_files(self, "选择上年的公开表和绩效自评表工作簿")
        if not paths:
            return False
        from ..core.carry import start_from_workbooks   # openpyxl only when needed: startup time
        from ..core.excel.origin import workbook_origin

        try:
            origin = workbook_origin(paths, date.today().year - 1)
        except WorkbookError as exc:
            QMessageBox.critical(self, "无法从上年开始", f"{exc}\n\n没有新建报告。")
            return False
        chosen = self._ask_unit_and_year("从上年Excel开始", origin.unit or "",
                                         origin.year + 1 if origin.year else None, lambda u, y: _against(origin, u, y),
                                         ask_layout=True)
        if chosen is None:
            return False
        unit, year, layout = chosen

        try:
            report, notes = start_from_workbooks(paths, unit, year, layout)
            repo.add_report(self.db, report)
        except (WorkbookError, StoreError) as exc:
            QMessageBox.critical(self, "无法从上年开始", f"{exc}\n\n没有新建报告。")
            return False
        self._started(unit, year, notes)
        return True

    def start_from_last_report(self) -> bool:
        """A new report from the same unit's report of last year in this database."""
        if self._refused_read_only():
            return False
        chosen = self._ask_unit_and_year("从上年报告新建")   # last year's layout carries over
        if chosen is None:
            return False
        unit, year, _ = chosen
        from ..core.carry import start_from

        try:
            last = repo.load_report(self.db, unit, year - 1)
            report, notes = start_from(last, unit, year)
            repo.add_report(self.db, report)
        except StoreError as exc:
            QMessageBox.critical(self, "无法从上年报告新建", f"{exc}\n\n没有新建报告。")
            return False
        self._started(unit, year, notes)
        return True

    def _started(self, unit: str, year: int, notes: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "已从上年开始",
                          f"已新建 {unit} {year}年度的报告。上年数已保存，用于情况说明中的「与上年相比」"
                          "和跨年核对；请逐表填写本年数。", parent=self)
        box.setDetailedText("\n".join(notes))
        box.exec()
        self.open_report(unit, year)

    def _show_undo_text(self, text: str) -> None:
        self.undo_action.setText(f"撤销 {text}" if text else "撤销")

    def _show_redo_text(self, text: str) -> None:
        self.redo_action.setText(f"重做 {text}" if text else "重做")

    def _enable_all_computed(self) -> None:
        self.computed_action.setEnabled(not self.read_only and self.session is not None
                                        and bool(stated_totals(self.session.report)))

    def all_computed(self) -> None:
        """Every total stated by an import shows its computed sum, in one undoable step."""
        if self.session is not None and stated_totals(self.session.report):
            self.session.apply(edits.reset_stated(self.session.report))

    def _show_selection(self) -> None:
        tab = self.view.currentWidget() if self.view is not None else None
        self.selection.setText(tab.view.summary_text() if tab in self.view.tables.values() else "")

    def _show_place(self, place) -> None:
        """What an undo or redo changed comes to the front, selected."""
        if place is not None and self.view is not None:
            self.view.show_place(place)

    def undo(self) -> None:
        if self.session is not None:
            self.view.flush()   # typing not yet saved is the newest change
            self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.view.flush()
            self.session.undo_stack.redo()

    # -- what is handed in -------------------------------------------------------------
    def _ready_to_publish(self, what: str) -> bool:
        """Saves pending typing; a report that lacks something or has errors is exported or
        printed only after the 发布前检查 lists them and the user chooses to go on."""
        self.view.flush()
        missing, wrong = before_publishing(self.session.findings)
        if not missing and not wrong:
            return True
        check = PublishCheck(missing, wrong, what, self)
        check.go.connect(self._go_to)
        return check.exec() == QDialog.DialogCode.Accepted

    def _default_name(self, suffix: str) -> str:
        report = self.session.report
        return f"{report.unit}{report.year}年度部门决算公开{suffix}"

    def _write(self, path: str, write, what: str) -> bool:
        done = []
        try:
            target = write_atomically(Path(path), lambda p: done.append(write(self.session.report, p)))
        except OSError as exc:   # a WriteError: the file chosen, not the partial one beside it
            said = str(exc) if isinstance(exc, WriteError) else f"无法写入「{path}」：{describe(exc)}。"
            if exc.errno in (errno.EACCES, errno.EPERM):
                said += "\n如文件正在 Excel、WPS 或 PDF 阅读器中打开，请先关闭它。"
            QMessageBox.critical(self, f"无法导出{what}", said)
            return False
        self.message.show_message(f"已导出{what}：{target}")
        missing = getattr(done[0], "missing_glyphs", "") if done else ""
        if missing:
            QMessageBox.warning(self, "有字符无法显示", f"所用字体中没有这些字符，PDF 中它们将是空白：{missing}\n"
                                "请改用常用字，或在 Windows 上安装宋体、仿宋、黑体。")
        return True

    def export_excel(self) -> bool:
        if self.session is None or not self._ready_to_publish("导出Excel"):
            return False
        path = self.files.save_file(self, "导出Excel", self._default_name(".xlsx"), "Excel 工作簿 (*.xlsx)")
        if not path:
            return False
        from ..core.excel.writer import export_workbook

        return self._write(path, export_workbook, "Excel")

    def export_pdf(self) -> bool:
        if self.session is None or not self._ready_to_publish("导出PDF"):
            return False
        path = self.files.save_file(self, "导出PDF", self._default_name(".pdf"), "PDF 文件 (*.pdf)")
        if not path:
            return False
        from ..core.pdf.document import export_pdf   # reportlab only when needed: startup time

        return self._write(path, export_pdf, "PDF")

    def export_audit(self) -> bool:
        """The 审核报告: every finding with its rule, place, figures and explanation, for a
        reviewer without the program; no 发布前检查, listing the findings is its purpose."""
        if self.session is None:
            return False
        self.view.flush()
        path = self.files.save_file(self, "导出审核报告", self._default_name("审核报告.pdf"),
                                    "PDF 文件 (*.pdf);;Excel 工作簿 (*.xlsx)")
        if not path:
            return False
        from ..core.audit import audit, audit_writer

        try:
            write = audit_writer(path)
        except ValueError as exc:
            QMessageBox.warning(self, "无法导出审核报告", str(exc))
            return False
        return self._write(path, lambda report, p: write(audit(report), p), "审核报告")

    def _pdf_for_printing(self, table: str | None) -> str | None:
        """The report's PDF (or one table's) in a temporary file that lives as long as the window."""
        if self._print_dir is None:
            self._print_dir = tempfile.TemporaryDirectory(prefix="kuaiji-print-")
        # A file of its own per render: an earlier preview may still hold the last one open
        # (on Windows nothing replaces a file held open).
        self._renders += 1
        path = Path(self._print_dir.name) / f"{table or 'report'}-{self._renders}.pdf"
        from ..core.pdf.document import export_pdf

        write = export_pdf if table is None else (lambda report, p: export_pdf(report, p, table=table))
        return str(path) if self._write(str(path), write, "打印用PDF") else None

    def print_preview(self, table: str | None = None) -> PrintPreview | None:
        if self.session is None or not self._ready_to_publish("打印"):
            return None
        path = self._pdf_for_printing(table)
        if path is None:
            return None
        report = self.session.report
        what = report.publication.table(table).caption if table else f"{report.unit} {report.year}年度"
        self._preview = PrintPreview(path, f"打印预览 — {what}", self)
        self._preview.suggest_file(self.files.start_folder() / self._default_name(".pdf"))
        self._preview.show()
        return self._preview

    def print_report(self, table: str | None = None) -> int:
        preview = self.print_preview(table)
        if preview is None:
            return 0
        printed = preview.print_dialog()
        preview.close()
        return printed

    def current_table(self) -> str | None:
        """The 公开表 whose tab is showing, if one is."""
        if self.view is None:
            return None
        return next((t for t, tab in self.view.tables.items() if tab is self.view.currentWidget()), None)

    def print_current_table(self) -> int:
        table = self.current_table()
        if table is None:
            QMessageBox.information(self, "打印当前表", "请先切换到要打印的公开表。")
            return 0
        return self.print_report(table)

    def set_amount_unit(self, unit: str) -> None:
        if self.session is not None:
            self.session.set_unit(unit)
            self.settings.set_amount_unit(unit)

    # -- the database as a whole (ui/backups.py) and help (ui/help.py) -------------
    def _daily_backup(self) -> None:
        # A failed backup must not keep the accountant from working; the status bar says so.
        try:
            rotate(self.db_path)
        except StoreError as exc:
            self.message.show_message(f"自动备份未完成：{exc}", 15000)

    def replace_database(self, change):
        """Closes the report and the database, lets ``change`` replace the file, reopens it.

        Returns what ``change`` returns and shows the start page; if it raises, the
        old database is reopened with the report that was open, and the error goes on.
        """
        was_open = (self.session.report.unit, self.session.report.year) if self.session else None
        self._close_session()
        close_db(self.db)
        try:
            result = change()
        except BaseException:
            self.db = open_db(self.db_path)
            if was_open:
                self.open_report(*was_open)
            else:
                self.show_start()
            raise
        self.db = open_db(self.db_path)
        self.read_only = read_only_reason(self.db)
        self.show_start()
        return result

    def show_find(self) -> None:
        # One dialog per open report, kept between uses: it remembers what was looked for.
        if self._find is None or self._find.session is not self.session:
            self._find = FindDialog(self.session, self)
            self._find.go.connect(self._go_to)
        self._find.show()
        self._find.raise_()
        self._find.activateWindow()
        self._find.query.setFocus()
        self._find.query.selectAll()

    def _units_of(self, year: int, department: str = "") -> list[str]:
        """The reports of ``year`` a 部门 may add up: the units' (not 部门's), not its own."""
        return [i.unit for i in repo.list_reports(self.db) if i.year == year and not i.units and i.unit != department]

    def new_department(self) -> bool:
        """文件 → 新建部门汇总: a 部门 report made of the units ticked, opened."""
        if self._refused_read_only():
            return False
        years = [i.year for i in repo.list_reports(self.db)]
        dialog = DepartmentDialog("新建部门汇总", self._units_of, max(years, default=date.today().year - 1),
                                  parent=self)
        return dialog.exec() == QDialog.DialogCode.Accepted and \
            self._save_department(dialog.department(), dialog.year.value(), dialog.composition())

    def change_composition(self) -> bool:
        """文件 → 部门单位构成: the open 部门's units and transfers changed, the sum made again."""
        report = self.session.report if self.session else None
        if report is None or report.composition is None:
            QMessageBox.information(self, "部门单位构成", "请先打开一份部门汇总报告（用“文件 → 新建部门汇总”建立）。")
            return False
        if self._refused_read_only():
            return False
        dialog = DepartmentDialog("部门单位构成", lambda y: self._units_of(y, report.unit), report.year,
                                  name=report.unit, composition=report.composition, parent=self)
        return dialog.exec() == QDialog.DialogCode.Accepted and \
            self._save_department(report.unit, report.year, dialog.composition())

    def _save_department(self, name: str, year: int, composition) -> bool:
        try:
            repo.save_department(self.db, name, year, composition)
        except (ConsolidationError, StoreError) as exc:
            QMessageBox.critical(self, "无法汇总", f"{exc}\n\n没有作任何更改。")
            return False
        self.open_report(name, year)
        return True

    def choose_database(self) -> bool:
        """文件 → 数据库位置: this computer's file or a shared server, used from the next start."""
        from .database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self.db_path, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.message.show_message("新的数据库位置已保存，下次启动程序时使用", 8000)
        return True

    def _open_unit(self, unit: str, finding) -> None:
        """A finding of a 部门's unit clicked: the unit's report opened at its place."""
        self.open_report(unit, self.session.report.year)
        if self.session is not None and self.session.report.unit == unit:
            self._go_to(finding)

    def _go_to(self, place) -> None:
        if self.view is not None:
            self.activateWindow()
            self.view.show_place(place)

    def show_help(self) -> HelpDialog:
        # Not modal: the walk-through stays open beside the tables it describes.
        self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        return self.help_dialog

    def show_about(self) -> AboutDialog:
        self.about_dialog = AboutDialog(self.db_path, self)
        self.about_dialog.open()
        return self.about_dialog

    # -- status ------------------------------------------------------------------
    def _show_counts(self, findings) -> None:
        counts = rules.summary(findings)
        self.counts.setText(f"错误 {counts['error']}  提示 {counts['warning']}  尾数 {counts['notice']}")
        self.counts.setStyleSheet("color: #b00020; font-weight: bold;" if counts["error"] else "")

    def _show_saved(self, text: str) -> None:
        self.saved.setText(f"{text} {datetime.now():%H:%M:%S}")

    def _show_failure(self, text: str) -> None:
        self.saved.setText("未保存")
        QMessageBox.critical(self, "未能保存", text)

    def _show_reloaded(self, text: str) -> None:
        """Another program saved the report: the session read it again (and made the edit on it
        where it could); the user is told what became of the edit."""
        self.message.show_message("报告已被另一个程序修改，已重新读取", 15000)
        QMessageBox.warning(self, "报告已被另一个程序修改", text)

    def _show_refused(self, text: str) -> None:
        if self.read_only:
            self.message.show_message(f"只读：{self.read_only}，修改未保存", 8000)
            QMessageBox.information(self, "只读", text)
        else:   # a 部门's tables: its units'
            self.message.show_message("部门汇总报告的各表由单位报告汇总，修改未保存", 8000)
            QMessageBox.information(self, "部门汇总报告", text)

    def closeEvent(self, event) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self._close_session()
        close_db(self.db)
        if self._print_dir is not None:
            self._print_dir.cleanup()
        super().closeEvent(event)
