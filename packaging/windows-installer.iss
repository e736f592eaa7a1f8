; Inno Setup script for Windows 10+: installs the PyInstaller folder built by
; packaging/ccs-desktop.spec. The user's data stays in %LOCALAPPDATA%\CCS-Desktop and is
; never removed by the uninstaller (the committee's records outlive the program).
#define AppVersion GetEnv("CCS_VERSION")

[Setup]
AppName=CCS Desktop
AppVersion={#AppVersion}
AppPublisher=CCS Desktop
DefaultDirName={autopf}\CCS Desktop
DefaultGroupName=CCS Desktop
OutputBaseFilename=ccs-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog
MinVersion=10.0

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "..\dist\ccs-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\CCS Desktop"; Filename: "{app}\ccs-desktop.exe"
Name: "{autodesktop}\CCS Desktop"; Filename: "{app}\ccs-desktop.exe"

[Run]
Filename: "{app}\ccs-desktop.exe"; Description: "Lancer CCS Desktop"; Flags: postinstall nowait
