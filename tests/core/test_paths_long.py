"""The user's data folder is shown and kept in its long form: appdirs gives Windows' 8.3 short
form of a folder with Chinese in its name (C:\\Users\\ZHANGK~1\\…)."""
from pathlib import Path

from kuaiji_desk import paths


def test_the_data_folder_is_expanded_on_windows(monkeypatch):
    import appdirs

    monkeypatch.undo()   # the suite's own data folder aside: this is about the real one
    monkeypatch.setattr(paths.sys, "platform", "win32")
    monkeypatch.setattr(appdirs, "user_data_dir", lambda *a, **k: r"C:\\Users\\ZHANGK~1\\AppData\\Local\\kuaiji_desk")
    monkeypatch.setattr(paths, "_windows_long_name", lambda short: short.replace("ZHANGK~1", "张会计"))
    assert "张会计" in str(paths.user_data_dir()) and "~1" not in str(paths.user_data_dir())


def test_elsewhere_the_path_is_kept():
    assert paths.long_path(Path("/home/张会计/x")) == Path("/home/张会计/x")
