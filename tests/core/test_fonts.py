"""The bundled Chinese font: present, a TrueType collection, usable by reportlab."""
from reportlab.pdfbase.ttfonts import TTFont

from kuaiji_desk.fonts import bundled_font_path

SENTENCE = "2024年度一般公共预算财政拨款支出1286.76万元，占本年支出合计的100％。（一）《名词解释》0123456789"


def test_font_is_a_truetype_collection():
    path = bundled_font_path()
    assert path.is_file()
    assert path.read_bytes()[:4] == b"ttcf"
    assert (path.parent / "LICENSE-wqy-microhei.txt").is_file()


def test_reportlab_registers_it_and_it_covers_the_report_text():
    font = TTFont("WQY", str(bundled_font_path()), subfontIndex=0)
    missing = [c for c in SENTENCE if ord(c) not in font.face.charToGlyph]
    assert missing == []
