#!/usr/bin/env bash
# Builds installer/kuaiji_desk.spec on Linux and runs the frozen program's self-test.
# PyInstaller cannot cross-compile, so this does not make the Windows program; it proves
# the spec still collects everything the program needs (data files, Qt plugins, the
# Chinese translation, hidden imports), which is mostly the same on both systems.
# Usage: installer/build_linux_smoke.sh   (expects .venv/ with `pip install -e .`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# Pinned so that a new PyInstaller release cannot change the bundle unnoticed.
"$PY" -m pip install -q pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/kuaiji_desk.spec
echo "build: $(( $(date +%s) - start )) s, dist/kuaiji_desk: $(du -sh dist/kuaiji_desk | cut -f1)"

# Offscreen: CI has no display.  The console twin is what scripts and CI call.
export QT_QPA_PLATFORM=offscreen
dist/kuaiji_desk/kuaiji-desk-cli --version
dist/kuaiji_desk/kuaiji-desk-cli --self-test
