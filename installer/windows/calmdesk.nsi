; CalmDesk installer for Windows (NSIS 3, Unicode).
;
;   makensis /DVERSION=0.1.0 /DSOURCE=..\..\dist\calmdesk /DOUTFILE=..\..\dist\CalmDesk-0.1.0-setup.exe calmdesk.nsi
;
; SOURCE is the one-folder bundle PyInstaller made from build.spec (CalmDesk.exe, calmdesk-cli.exe,
; _internal\) — or a trainer's bundle folder (calmdesk bundle ... --out DIR): its
; calmdesk-presets.json and 话术包\ are installed beside CalmDesk.exe and applied on first start.
;
; Per user, no administrator rights: installs to %LOCALAPPDATA%\Programs\CalmDesk, shortcuts in
; the user's Start menu, the uninstaller registered under HKCU. The agent's data lives in
; %LOCALAPPDATA%\CalmDesk (platformdirs), never in the install folder: the uninstaller keeps it
; unless the agent ticks "also delete my data" (never in a silent uninstall).

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef SOURCE
  !define SOURCE "..\..\dist\calmdesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "CalmDesk-${VERSION}-setup.exe"
!endif
!define APP "CalmDesk"
!define EXE "CalmDesk.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "${APP} 投诉应对助手"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${SOURCE}\_internal\resources\app.ico"
!define MUI_UNICON "${SOURCE}\_internal\resources\app.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动 CalmDesk"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "MIT"

Section "CalmDesk（必选）" SecApp
  SectionIn RO
  SetShellVarContext current
  ; A running copy would keep its files locked; the window quits on its own tray menu, so ask.
  IfFileExists "$INSTDIR\_internal\*.*" 0 +2
    RMDir /r "$INSTDIR\_internal"  ; an update must not leave the old version's modules behind
  SetOutPath "$INSTDIR"
  File /r /x "data" "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APP}\卸载 ${APP}.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP} 投诉应对助手"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section /o "开机时自动启动" SecAutostart
  WriteRegStr HKCU "${RUN_KEY}" "${APP}" '"$INSTDIR\${EXE}"'
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

; ---------------------------------------------------------------- uninstall

Section "un.CalmDesk 程序" UnSecApp
  SectionIn RO
  SetShellVarContext current
  DeleteRegValue HKCU "${RUN_KEY}" "${APP}"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\calmdesk-cli.exe"
  Delete "$INSTDIR\calmdesk-presets.json"
  RMDir /r "$INSTDIR\话术包"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: a portable data\ folder the agent made stays
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Unticked by default and never chosen in a silent uninstall (/S): data is the agent's.
Section /o "un.同时删除我的数据（收藏、使用记录、自己的话术、设置）" UnSecData
  RMDir /r "$LOCALAPPDATA\${APP}"
  RMDir /r "$INSTDIR\data"
  RMDir "$INSTDIR"
SectionEnd
