"""打印预览 and 打印: the exported PDF's own pages, shown with QtPdf and rendered to the printer.

Preview and print show the same pages as the PDF a unit publishes, so what is
printed is what is published.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout,
)

PRINT_DPI = 300   # 1200 dpi took 36 s for 8 pages on these machines; 300 dpi 2.5 s

_ZOOMS = (("适合宽度", None), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("150%", 1.5), ("200%", 2.0))


def _orient(printer: QPrinter, document: QPdfDocument, page: int) -> None:
    size = document.pagePointSize(page)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if size.width() > size.height()
                               else QPageLayout.Orientation.Portrait)


def _white_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """The page rendered on white (a transparent image prints black on some drivers)."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return image


def print_pdf(document: QPdfDocument, printer: QPrinter, pages: range | None = None) -> int:
    """Renders the pages onto the printer one at a time, each on a sheet of its own orientation,
    as large as the sheet allows and centred; returns how many were printed."""
    pages = list(pages if pages is not None else range(document.pageCount()))
    if not pages:
        return 0
    _orient(printer, document, pages[0])   # before begin(): set later, the first sheet stays portrait
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for i in pages:
            if printed:
                _orient(printer, document, i)   # takes effect on the new page
                printer.newPage()
            rect = painter.viewport()
            target = document.pagePointSize(i).scaled(rect.size().toSizeF(),
                                                      Qt.AspectRatioMode.KeepAspectRatio).toSize()
            left, top = (rect.width() - target.width()) // 2, (rect.height() - target.height()) // 2
            painter.drawImage(left, top, _white_page(document, i, target))   # one page in memory at a time
            printed += 1
    finally:
        painter.end()
    return printed


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setResolution(PRINT_DPI)
    return printer


class PrintPreview(QDialog):
    """The pages of a PDF with zoom and page navigation, and a 打印… button."""

    def __init__(self, pdf_path: str, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf_path = Path(pdf_path)   # this preview's own file: deleted when it closes
        self.resize(1100, 900)
        self.document = QPdfDocument(self)
        self.error = self.document.load(pdf_path)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page = QSpinBox(self)
        self.page.setRange(1, max(1, self.document.pageCount()))
        self.page.valueChanged.connect(self.go_to)
        self.pages = QLabel(f"/ {self.document.pageCount()} 页", self)
        self.zoom = QComboBox(self)
        for text, factor in _ZOOMS:
            self.zoom.addItem(text, factor)
        self.zoom.currentIndexChanged.connect(self._zoom)
        print_button = QPushButton("打印…", self)
        print_button.clicked.connect(self.print_dialog)
        close_button = QPushButton("关闭", self)
        close_button.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("第", self))
        bar.addWidget(self.page)
        bar.addWidget(self.pages)
        bar.addSpacing(20)
        bar.addWidget(QLabel("缩放：", self))
        bar.addWidget(self.zoom)
        bar.addStretch(1)
        bar.addWidget(print_button)
        bar.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._printer = make_printer()   # kept: Qt does not own it

    def suggest_file(self, path: Path) -> None:
        """The file 打印到文件 (PDF) offers: where the user keeps their files, not a temporary one."""
        self._printer.setOutputFileName(str(path))

    def go_to(self, page: int) -> None:
        self.view.pageNavigator().jump(page - 1, QPointF(), self.view.pageNavigator().currentZoom())

    def _zoom(self, index: int) -> None:
        factor = self.zoom.itemData(index)
        if factor is None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

    def print_dialog(self) -> int:
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        # The native dialog sets the printer back to the screen's resolution: pages printed at
        # 96–144 dpi.  Set after it.
        self._printer.setResolution(PRINT_DPI)
        pages = None
        if self._printer.printRange() == QPrinter.PrintRange.PageRange:
            pages = range(self._printer.fromPage() - 1, min(self._printer.toPage(), self.document.pageCount()))
        return print_pdf(self.document, self._printer, pages)

    def done(self, result: int) -> None:
        """Closed: the document lets go of its file (Windows refuses to replace or delete a file
        held open), and the file goes."""
        super().done(result)
        self.document.close()
        self.pdf_path.unlink(missing_ok=True)
