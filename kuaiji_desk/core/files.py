"""Writing output files without ever leaving half of one."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def write_atomically(target: Path, write: Callable[[Path], object]) -> Path:
    """Lets ``write`` fill a file beside ``target``, then puts it in place.

    A failure (full disk, an exception while building) leaves the old file, if
    any, untouched; a file of that name open in Excel or WPS on Windows makes
    os.replace fail the same way, with the old file kept.
    """
    target = Path(target).resolve()
    partial = target.with_name(f".{target.name}.part")
    try:
        write(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
