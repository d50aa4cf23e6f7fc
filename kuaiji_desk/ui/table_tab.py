"""One 公开表 as the accountant sees it: the published heading, the grid, the note,
and for a code table the line where codes are added.

A code added to 公开02表 is offered, on a line under the 新增 line, for 公开03表 and
公开05表 where they lack it: the three tables list the same functional codes as a rule,
not always (05 only what 一般公共预算财政拨款 paid for), so the accountant is asked,
without a dialog in the way of the next code.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCompleter, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from ..core import catalog, edits
from ..core.forms import CodeTable
from ..core.layout import stated_totals
from ..core.report import DEPARTMENT
from .grid_view import GridView
from .legend import ColourLegend
from .table_model import ReportTableModel

TITLE_POINT_SIZE = 16

# A code added to the first table is offered for the others (the same functional codes).
SHARED_CODES = {"02": ("03", "05")}


class TableTab(QWidget):
    message = Signal(str)   # a Chinese message for the status bar

    def __init__(self, session, table_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.table_id = table_id
        self.spec = session.report.publication.table(table_id)   # as the report's layout prints it
        self.model = ReportTableModel(session, table_id, self)
        self.view = GridView(self)
        self.view.setModel(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.model.rejected.connect(self.message)
        self.view.message.connect(self.message)

        year = session.report.year
        title = QLabel(self.spec.title(year))
        font = QFont(title.font())
        font.setPointSize(TITLE_POINT_SIZE)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.department_label = QLabel()
        self.unit_label = QLabel()
        heading = QGridLayout()
        heading.addWidget(title, 0, 0, 1, 3)
        if self.spec.print_label:
            heading.addWidget(QLabel(self.spec.label), 0, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        heading.addWidget(self.department_label, 1, 0, Qt.AlignmentFlag.AlignLeft)
        self.department_label.setVisible(self.spec.department_line)
        heading.addWidget(self.unit_label, 1, 2, Qt.AlignmentFlag.AlignRight)

        note = QLabel(f"注：{self.spec.note}")
        note.setWordWrap(True)
        self.statement_label = QLabel()
        self.statement_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(ColourLegend(self))
        layout.addWidget(note)
        layout.addWidget(self.statement_label)
        self.code_edit = None
        self.offer = None
        summed = session.live is not None   # a 部门's: its units' tables added up, read-only
        if isinstance(self.spec, CodeTable) and not summed:
            layout.addLayout(self._code_line())
        if table_id in SHARED_CODES and not summed:
            layout.addWidget(self._offer_line())
        if summed:
            self.view.doubleClicked.connect(self.show_unit_detail)
            units = session.report.composition.units
            banner = QLabel(f"部门汇总：本表由 {len(units)} 个单位（{'、'.join(units)}）的报告相加而成，只读；"
                            "双击单元格查看单位明细，请在单位报告中修改。")
            banner.setWordWrap(True)
            banner.setStyleSheet("color: #1f4e79;")
            layout.insertWidget(0, banner)

        session.changed.connect(self._on_changed)
        session.unit_changed.connect(self._show_unit)
        self._show_unit(session.unit)
        self._show_department()
        self._show_statement()

    # -- heading and statement ---------------------------------------------------------
    def _show_unit(self, unit: str) -> None:
        self.unit_label.setText(f"单位：{unit}")

    def _show_department(self) -> None:
        self.department_label.setText(f"部门：{self.session.report.department_name}")

    def _show_statement(self) -> None:
        report = self.session.report
        text = self.spec.statement(report.year, report.department_name)
        self.statement_label.setText(text)
        self.statement_label.setVisible(bool(text) and self.session.values.is_empty(self.table_id))

    def _on_changed(self, edit) -> None:
        if DEPARTMENT in edit.parts:
            self._show_department()
        if DEPARTMENT in edit.parts or self.table_id in edit.parts or any(k[0] == self.table_id for k in edit.keys):
            self._show_statement()   # a layout's statement may name the unit (上海's)
        if self.offer is not None and not self.offer.isHidden():
            self._show_offer(self._offered)

    # -- adding codes ------------------------------------------------------------------
    def _code_line(self) -> QHBoxLayout:
        self._catalog = catalog.load(self.spec.classification, self.session.report.year)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("输入科目编码或名称，回车新增")
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        # The catalog chooses the entries (code prefix or name substring); the completer only shows them.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.code_edit.setCompleter(completer)
        self.code_edit.textEdited.connect(self._suggest)
        self.code_edit.returnPressed.connect(self.add_code)
        button = QPushButton("新增")
        button.clicked.connect(self.add_code)
        line = QHBoxLayout()
        line.addWidget(QLabel("新增科目："))
        line.addWidget(self.code_edit, 1)
        line.addWidget(button)
        return line

    def _suggest(self, text: str) -> None:
        self._suggestions.setStringList([f"{e.code} {e.name}" for e in self._catalog.search(text)])
        if self._suggestions.rowCount():
            self.code_edit.completer().complete()

    def add_code(self) -> bool:
        """Adds the code typed or chosen in the 新增科目 line; False with a message when refused."""
        text = self.code_edit.text().strip()
        if not text:
            return False
        code, _, typed_name = text.partition(" ")
        code = catalog.normalise_code(code)
        lengths = (3, 5) if self.spec.classification == catalog.ECONOMIC else (3, 5, 7)
        if not code.isdigit() or len(code) not in lengths:
            digits = "3位（类）或5位（款）" if len(lengths) == 2 else "3位（类）、5位（款）或7位（项）"
            self.message.emit(f"科目编码「{code or text}」不对：{self.spec.caption}的科目编码应为{digits}数字。")
            return False
        if self.model.is_code_row(code):
            self.message.emit(f"科目 {code}「{self.model.label_of(code)}」已在表中。")
            self.show_cell(code, "")
            return False
        known = self._catalog.get(code)
        # A code the catalog knows keeps the catalog's name; an unknown one takes what was typed.
        name = None if known else typed_name.strip() or None
        if not self.session.apply(edits.add_code(self.session.report, self.table_id, code, name)):
            return False
        self.code_edit.clear()
        if known:
            self.message.emit(f"已新增科目 {code}「{known.name}」。")
        else:
            self.message.emit(f"已新增科目 {code}：它不在{self._catalog.table_label}中{self._catalog.fallback_note}，请核对。")
        self.show_cell(code, "")
        if self.offer is not None:
            self._show_offer(code)
        return True

    # -- the same code in the other tables ---------------------------------------------
    def _offer_line(self) -> QWidget:
        self.offer = QWidget()
        self._offered = ""
        self.offer_label = QLabel()
        self.offer_button = QPushButton()
        self.offer_button.clicked.connect(self.add_code_elsewhere)
        later = QPushButton("不用")
        later.clicked.connect(self.offer.hide)
        line = QHBoxLayout(self.offer)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.offer_label, 1)
        line.addWidget(self.offer_button)
        line.addWidget(later)
        self.offer.hide()
        return self.offer

    def _missing_elsewhere(self, code: str) -> list[str]:
        """The tables sharing this table's codes that do not have ``code`` (none when this
        table does not have it either)."""
        rows = self.session.report.code_rows
        if code not in rows.get(self.table_id, {}):
            return []
        return [t for t in SHARED_CODES[self.table_id] if code not in rows.get(t, {})]

    def _show_offer(self, code: str) -> None:
        """Offers ``code`` for the tables that lack it; hides the offer when none does."""
        missing = self._missing_elsewhere(code)
        self._offered = code
        if not missing:
            self.offer.hide()
            return
        tables = "和".join(self.session.report.publication.table(t).caption for t in missing)
        self.offer_label.setText(f"{tables}中还没有科目 {code}「{self.model.label_of(code)}」。")
        self.offer_button.setText(f"也在{tables}新增")
        self.offer.show()

    def add_code_elsewhere(self) -> bool:
        """Adds the offered code to the tables that lack it, as one undo step."""
        code = self._offered
        missing = self._missing_elsewhere(code)
        self.offer.hide()
        if not missing:
            return False
        report = self.session.report
        # A code the catalog lacks keeps the name it was given here.
        name = None if self._catalog.get(code) else report.code_rows[self.table_id][code]
        tables = "、".join(report.publication.table(t).caption for t in missing)
        batch = edits.Batch(tuple(edits.add_code(report, t, code, name) for t in missing),
                            f"在{tables}新增科目 {code}")
        if not self.session.apply(batch):
            return False
        self.message.emit(f"已在{tables}新增科目 {code}。")
        return True

    # -- context menu ---------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        self.context_menu(self.view.indexAt(pos)).popup(self.view.viewport().mapToGlobal(pos))

    def context_menu(self, index) -> QMenu:
        """The grid's menu for a click on ``index``."""
        cell = self.model.cell_of(index)
        menu = QMenu(self)
        menu.addAction("复制", self.view.copy_selection)
        if self.session.live is not None:   # a 部门's: nothing to change here
            detail = menu.addAction("单位明细…", lambda: self.show_unit_detail(index))
            detail.setEnabled(bool(self.model.unit_lines(index)))
            return menu
        menu.addAction("粘贴", self.view.paste)
        menu.addAction("清除", self.view.clear_selection)
        if cell and self.model.is_code_row(cell[0]):
            menu.addSeparator()
            menu.addAction(f"删除科目 {cell[0]}", lambda: self.remove_code(cell[0]))
        menu.addSeparator()
        stated = self._stated_totals(index)
        if stated:
            menu.addAction("恢复为计算值", lambda: self.reset_totals(stated))
        whole = menu.addAction("本表全部按计算值", self.reset_table)
        whole.setEnabled(bool(stated_totals(self.session.report, self.table_id)))
        return menu

    def show_unit_detail(self, index) -> None:
        """单位明细 of a 部门's cell: which unit contributed what."""
        lines = self.model.unit_lines(index)
        if lines:
            cell = self.model.cell_of(index)
            QMessageBox.information(self, "单位明细", f"{self.model.cell_words(*cell)}\n\n" + "\n".join(lines))

    def _stated_totals(self, index) -> list[tuple[str, str]]:
        """The stated totals the menu acts on: those selected, if the click was on the selection."""
        indexes = self.view.selectedIndexes() if self.view.selectionModel().isSelected(index) else [index]
        cells = [self.model.cell_of(i) for i in indexes]
        return [c for c in cells if c and self.model.is_stated_total(*c)]

    def remove_code(self, code: str) -> bool:
        lower = [c for c in self.session.report.code_rows.get(self.table_id, {}) if c != code and c.startswith(code)]
        what = f"科目 {code}「{self.model.label_of(code)}」"
        if lower:
            what += f"及其下 {len(lower)} 个科目"
        answer = QMessageBox.question(self, "删除科目", f"删除{what}？这些行填写的金额将一并删除。")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.session.apply(edits.remove_code(self.session.report, self.table_id, code))

    def reset_totals(self, cells) -> bool:
        """Drops stated totals, so that the computed sums show (and the totals above them follow)."""
        return self.model.apply_cells({cell: None for cell in cells}, "恢复为计算值")

    def reset_table(self) -> bool:
        """本表全部按计算值: every stated total of this table shows its computed sum, as one step."""
        edit = edits.reset_stated(self.session.report, self.table_id)
        if not edit.cells or not self.session.apply(edit):
            return False
        self.message.emit(f"{self.spec.caption}的 {len(edit.cells)} 个所列合计数已全部按计算值。")
        return True

    # -- jumps ------------------------------------------------------------------------
    def show_cell(self, row_id: str, col_id: str) -> bool:
        index = self.model.index_of(row_id, col_id)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    def show_finding(self, finding) -> bool:
        """Selects the cell a finding points at; False when it is not in this table."""
        return finding.table == self.table_id and self.show_cell(finding.row, finding.column)
