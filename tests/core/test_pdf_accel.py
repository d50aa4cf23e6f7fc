"""reportlab's C accelerator is installed with the program: without it every PDF takes about
twice as long (string widths and number formatting in Python)."""
from reportlab.lib import rl_accel


def test_reportlab_measures_and_formats_in_c():
    for name in ("fp_str", "instanceStringWidthTTF", "escapePDF"):
        assert type(getattr(rl_accel, name)).__name__ == "builtin_function_or_method", name
