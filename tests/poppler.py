"""poppler's pdftotext and pdffonts, with which tests read an exported PDF back as a reader
would.  CI installs poppler-utils (.ci/run); without them a test fails, it never skips."""
import shutil
import subprocess

MISSING = "poppler-utils (pdftotext, pdffonts) is not installed: apt-get install -y poppler-utils"


def poppler(tool: str) -> str:
    """The path of a poppler tool; the test fails without it."""
    path = shutil.which(tool)
    assert path is not None, MISSING
    return path


def pdf_text(path, *options: str) -> str:
    """The PDF's text as pdftotext extracts it (UTF-8), pages separated by form feeds."""
    return subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", *options, str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
