; Windows installer of the counter program: wraps PyInstaller's one-folder build.
;
;   makensis -DVERSION=0.1.0 -DSRC=build\dist\desk-app -DOUT=build\desk-app-0.1.0-setup.exe ^
;            installer\desk_app.nsi
;
; What it does: copies the program folder to Program Files, adds Start-menu and desktop
; shortcuts with the program's icon, registers an uninstaller in "Apps & features" (with the
; version and publisher), and the uninstaller removes the program and its shortcuts only:
; the data folder (%LOCALAPPDATA%\desk_app: the dossiers, backups and logs) is never touched,
; so a reinstall or an upgrade finds every dossier where it was.
; tests/test_installer.py compiles this script on Linux against the Linux build (-DEXE=desk-app)
; to prove it is valid; on Windows the build's program is desk-app.exe (the default).

Unicode true
!ifdef NOCOMPRESS
  SetCompress off  ; CI's validity check: the same script, minutes faster
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef SRC
  !define SRC "..\build\dist\desk-app"
!endif
!ifndef OUT
  !define OUT "..\build\desk-app-${VERSION}-setup.exe"
!endif
!ifndef EXE
  !define EXE "desk-app.exe"
!endif
!ifndef ICON
  !define ICON "..\resources\icons\desk_app.ico"
!endif

!define PRODUCT "Một cửa - Bộ phận tiếp nhận và trả kết quả"
!define SHORT "Một cửa"
!define PUBLISHER "desk_app"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\desk_app"

!include "MUI2.nsh"

Name "${PRODUCT}"
OutFile "${OUT}"
InstallDir "$PROGRAMFILES64\desk_app"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở chương trình ${SHORT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Section "${SHORT}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the program files; the data folder lives elsewhere and is kept
  RMDir /r "$INSTDIR\_internal"
  File /r "${SRC}\*.*"
  File "/oname=desk_app.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  SetShellVarContext all
  CreateDirectory "$SMPROGRAMS\${SHORT}"
  CreateShortCut "$SMPROGRAMS\${SHORT}\${SHORT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\desk_app.ico"
  CreateShortCut "$SMPROGRAMS\${SHORT}\Gỡ cài đặt ${SHORT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${SHORT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\desk_app.ico"

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\desk_app.ico"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${SHORT}.lnk"
  RMDir /r "$SMPROGRAMS\${SHORT}"
  ; the program folder only: %LOCALAPPDATA%\desk_app (dossiers, backups, logs) stays
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"
  DetailPrint "Dữ liệu hồ sơ được giữ lại trong %LOCALAPPDATA%\desk_app."
SectionEnd
