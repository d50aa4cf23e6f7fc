#!/usr/bin/env bash
# Compiles installer/kuaiji_desk.nsi with Debian's makensis, to prove the script compiles.
# The payload is the Linux onedir build (dist/kuaiji_desk from build_linux_smoke.sh) when
# there is one, else a dummy folder of the same shape; either way the resulting setup.exe
# is NOT a working Windows installer — that comes from build_windows.ps1 on Windows.
# LZMA over the real 200 MB payload takes ~6 min on 2 cores; NSIS_DUMMY=1 forces the dummy
# payload (seconds), which checks the script just as well — use it in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v makensis >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nsis >/dev/null
fi
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' kuaiji_desk/__init__.py)
DIST="$PWD/dist/kuaiji_desk"
if [ -n "${NSIS_DUMMY:-}" ] || [ ! -d "$DIST" ]; then
  DIST="$PWD/build/nsis-dummy"
  rm -rf "$DIST" && mkdir -p "$DIST/_internal"
  : > "$DIST/kuaiji_desk.exe"
  : > "$DIST/kuaiji-desk-cli.exe"
  echo "dummy payload" > "$DIST/_internal/README.txt"
fi
mkdir -p dist/installer
start=$(date +%s)
# As the Windows build runner reads a file without a BOM (its code page, cp1252): the script's
# BOM must make it read UTF-8 all the same, or the installer's name, shortcuts and uninstall
# entry come out garbled.  -V4 echoes the Name as makensis read it.
read_as=$(makensis -V4 -WX -INPUTCHARSET CP1252 -DVERSION="$VERSION" -DDIST="$DIST" \
  -DOUTDIR="$PWD/dist/installer" installer/kuaiji_desk.nsi | awk '/^Name:/ && !seen {print; seen = 1}')
if [ "$read_as" != "Name: \"部门决算公开 $VERSION\"" ]; then
  echo "installer/kuaiji_desk.nsi is not read as UTF-8 under another code page: $read_as" >&2
  exit 1
fi
makensis -V2 -WX -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DDIST="$DIST" -DOUTDIR="$PWD/dist/installer" \
  installer/kuaiji_desk.nsi
OUT="dist/installer/kuaiji_desk-$VERSION-setup.exe"
echo "makensis: $(( $(date +%s) - start )) s, payload $DIST"
file "$OUT"
ls -la "$OUT"
