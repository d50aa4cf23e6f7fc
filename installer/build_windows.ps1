# Builds the Windows installer: dist\installer\kuaiji_desk-<version>-setup.exe
# Run from any folder:  powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
# Needs Python 3.11+ (64-bit) on PATH; NSIS is installed with Chocolatey when missing.
param(
    [string]$Python = "python",   # e.g. "C:\Python312\python.exe"
    [switch]$SkipTests
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
# Native programs print UTF-8 (the frozen exe runs in Python's UTF-8 mode); read it as such.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

function Invoke-Step([string]$Title, [scriptblock]$Block) {
    Write-Host "== $Title"
    $global:LASTEXITCODE = 0   # a step that runs no program must not inherit an old code
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$Title failed (exit $LASTEXITCODE)" }
}

$Version = (Select-String -Path kuaiji_desk\__init__.py -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value
$Venv = ".venv\Scripts\python.exe"

Invoke-Step "venv" { if (-not (Test-Path $Venv)) { & $Python -m venv .venv } }
# Same PyInstaller pins as installer/build_linux_smoke.sh.
Invoke-Step "pip install" { & $Venv -m pip install -e ".[test]" pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9 }
if (-not $SkipTests) {
    # The real Windows platform plugin, fonts and paths; tests/conftest.py keeps Qt offscreen.
    # UTF-8 mode for pytest and every Python it starts: children write Chinese to pipes, and
    # without it both sides speak the code page (cp1252 on the runner).
    $env:PYTHONUTF8 = "1"
    Invoke-Step "pytest" { & $Venv -m pytest -q }
}
Invoke-Step "pyinstaller" {
    & $Venv -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installer\kuaiji_desk.spec
}
# The console twin: the GUI exe has no stdout.  Native platform plugin here, as for the user.
Invoke-Step "version" { & dist\kuaiji_desk\kuaiji-desk-cli.exe --version }
Invoke-Step "self-test" { & dist\kuaiji_desk\kuaiji-desk-cli.exe --self-test }

# makensis: on PATH, or where the NSIS installer puts it (Chocolatey does not add it to PATH).
$MakeNsis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) { $MakeNsis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
if (-not (Test-Path $MakeNsis)) {
    Invoke-Step "choco install nsis" { choco install nsis -y --no-progress }
}
New-Item -ItemType Directory -Force dist\installer | Out-Null
$Dist = (Resolve-Path dist\kuaiji_desk).Path
$Out = (Resolve-Path dist\installer).Path
# The script is UTF-8 with a BOM; /INPUTCHARSET says so too (makensis reads a file without
# one in the system's code page: cp1252 on the build runner, cp936 on a Chinese PC).
Invoke-Step "makensis" { & $MakeNsis /V2 /WX /INPUTCHARSET UTF8 "/DVERSION=$Version" "/DDIST=$Dist" "/DOUTDIR=$Out" installer\kuaiji_desk.nsi }
Get-Item "dist\installer\kuaiji_desk-$Version-setup.exe" | Format-Table Name, Length
