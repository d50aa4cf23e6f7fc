"""The window: Qt widgets and models that show the core and send every change through it."""
from .pyside_fixes import pin_singletons

pin_singletons()
