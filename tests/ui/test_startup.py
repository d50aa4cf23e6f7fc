"""The window starts without the export and import libraries: they cost half a second."""
import os
import subprocess
import sys

CHECK = ("import sys, kuaiji_desk.cli, kuaiji_desk.ui.main_window; "
         "print(sorted(m for m in ('openpyxl', 'reportlab', 'xlrd') if m in sys.modules))")


def test_starting_the_window_imports_no_openpyxl_or_reportlab():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, encoding="utf-8", check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip() == "[]"
