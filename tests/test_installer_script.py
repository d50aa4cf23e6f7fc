"""The installer script is read as UTF-8 on any build machine: makensis reads a file without a
BOM in the system's code page (cp1252 on the Windows build runner, cp936 on a Chinese PC), and
the installer's name, shortcuts and uninstall entry come out garbled.  (installer/
build_installer_linux.sh compiles it as cp1252 would read it and checks the name.)"""
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[1] / "installer"


def test_the_nsis_script_starts_with_the_utf8_bom():
    data = (INSTALLER / "kuaiji_desk.nsi").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "部门决算公开" in data[3:].decode("utf-8")


def test_the_windows_build_says_utf8_too():
    assert "/INPUTCHARSET UTF8" in (INSTALLER / "build_windows.ps1").read_text("utf-8")


def test_the_installer_waits_on_the_mark_the_program_holds():
    from kuaiji_desk.ui import running

    script = (INSTALLER / "kuaiji_desk.nsi").read_text("utf-8-sig")
    assert f'!define RUNNING_MUTEX "{running.MUTEX_NAME}"' in script
    for function in ("Function .onInit", "Function un.onInit"):
        body = script.split(function, 1)[1].split("FunctionEnd", 1)[0]
        assert "!insertmacro WAIT_FOR_CLOSE" in body
    assert "请先关闭部门决算公开程序" in script
    main = (INSTALLER.parent / "kuaiji_desk" / "ui" / "main.py").read_text("utf-8")
    assert "running.hold()" in main
