"""Preview and printing show the PDF's own pages; printing is proven by printing to a PDF file."""
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.print_preview import PrintPreview, make_printer, print_pdf


def three_pages(path):
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(3):
        c.setPageSize(landscape(A4) if i == 1 else A4)   # a wide table between text pages
        c.drawString(72, 72, f"page {i + 1}")
        c.showPage()
    c.save()
    return path


def loaded(path):
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def test_printing_renders_every_page_to_the_printer(qapp, tmp_path):
    application()
    document = loaded(three_pages(tmp_path / "report.pdf"))
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(document, printer) == 3
    printed = loaded(tmp_path / "printed.pdf")
    assert printed.pageCount() == 3
    size = printed.pagePointSize(1)
    assert size.width() > size.height()              # the landscape page printed landscape


def test_printing_a_range(qapp, tmp_path):
    document = loaded(three_pages(tmp_path / "report.pdf"))
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    assert print_pdf(document, printer, range(1, 3)) == 2
    assert loaded(tmp_path / "two.pdf").pageCount() == 2


def test_preview_navigates_and_zooms(qtbot, tmp_path):
    application()
    preview = PrintPreview(str(three_pages(tmp_path / "report.pdf")), "打印预览")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.document.pageCount() == 3 and preview.pages.text() == "/ 3 页"
    preview.page.setValue(3)
    qtbot.waitUntil(lambda: preview.view.pageNavigator().currentPage() == 2)
    preview.zoom.setCurrentIndex(3)
    assert preview.view.zoomFactor() == 1.0


def test_a_landscape_first_page_prints_on_a_landscape_sheet(qapp, tmp_path):
    """打印当前表 of a landscape table: its first sheet is landscape, the table on all of it."""
    application()
    path = tmp_path / "wide.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.drawString(72, 72, "a landscape table")
    c.showPage()
    c.save()
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(loaded(path), printer) == 1
    size = loaded(tmp_path / "printed.pdf").pagePointSize(0)
    assert size.width() > size.height()


def test_each_preview_has_a_file_of_its_own_and_deletes_it(open_window, user, tmp_path):
    """A second 打印预览 while the first is open renders to another file (Windows will not replace
    a file held open); a closed preview's file is gone."""
    from kuaiji_desk.core.sample import load_sample
    from kuaiji_desk.store import repo
    from kuaiji_desk.store.db import close_db, open_db

    db = open_db(tmp_path / "k.db")
    try:
        repo.save_report(db, load_sample())
    finally:
        close_db(db)
    window = open_window()
    me = user(window)
    me.click("打开")
    me.choose("文件", "打印预览")
    first = window._preview
    me.choose("文件", "打印预览")
    second = window._preview
    assert first.pdf_path != second.pdf_path and first.pdf_path.exists() and second.pdf_path.exists()
    first.close()
    assert not first.pdf_path.exists() and second.pdf_path.exists()
    second.close()
    assert not second.pdf_path.exists()
