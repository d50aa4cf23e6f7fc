import os

# Qt must never look for a screen in tests (set before anything imports PySide6).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
