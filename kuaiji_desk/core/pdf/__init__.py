"""The 部门决算公开 as a PDF (reportlab; no Qt)."""
from .document import PdfExport, export_pdf

__all__ = ["PdfExport", "export_pdf"]
