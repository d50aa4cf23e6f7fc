; NSIS installer for kuaiji_desk (部门决算公开).
; makensis /DVERSION=0.1.0 /DDIST=..\dist\kuaiji_desk /DOUTDIR=..\dist\installer installer\kuaiji_desk.nsi
; Per-user install: no administrator rights, which an accountant's office PC rarely grants.
; The user's data (%LOCALAPPDATA%\kuaiji_desk: the database and its settings) is never
; touched by install, upgrade or uninstall.

Unicode true
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "VERSION is not defined: makensis /DVERSION=x.y.z"
!endif
!ifndef DIST
  !define DIST "..\dist\kuaiji_desk"   ; the PyInstaller onedir folder
!endif
!ifndef OUTDIR
  !define OUTDIR "..\dist\installer"
!endif

!define APPNAME "部门决算公开"
!define APPID "kuaiji_desk"
!define EXE "kuaiji_desk.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTDIR}\kuaiji_desk-${VERSION}-setup.exe"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPID}"
InstallDirRegKey HKCU "Software\${APPID}" "InstallDir"
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "kuaiji_desk"

!define MUI_ICON "kuaiji.ico"
!define MUI_UNICON "kuaiji.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "启动 ${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从 $INSTDIR 删除 ${APPNAME} 程序文件。$\r$\n$\r$\n您的数据（报告数据库和设置，位于 %LOCALAPPDATA%\kuaiji_desk）不会被删除；重新安装后可继续使用。如确实不再需要，可手动删除该文件夹。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The program holds this named mutex while it runs (kuaiji_desk/ui/running.py).  Replacing or
; removing its files under it would meet locked DLLs half way (a mixed, broken install): wait
; until it is closed, or stop.
!define RUNNING_MUTEX "kuaiji_desk_running"
!macro WAIT_FOR_CLOSE
  wait_for_close:
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r1'
    ${If} $1 P<> 0
      System::Call 'kernel32::CloseHandle(p r1)'
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "请先关闭部门决算公开程序（所有窗口），然后按“重试”。" IDRETRY wait_for_close
      Abort
    ${EndIf}
!macroend

Function .onInit
  !insertmacro WAIT_FOR_CLOSE
FunctionEnd

Function un.onInit
  !insertmacro WAIT_FOR_CLOSE
FunctionEnd

Section "Install"
  SetShellVarContext current
  ; An upgrade replaces the old program files completely, so no stale DLL of an
  ; older PyInstaller build is left beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载 ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "Software\${APPID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only what the installer put there: the program folder's known contents.  Never
  ; $LOCALAPPDATA\kuaiji_desk, where the user's reports live.
  Delete "$INSTDIR\kuaiji_desk.exe"
  Delete "$INSTDIR\kuaiji-desk-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"   ; only if empty
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\卸载 ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPID}"
SectionEnd
