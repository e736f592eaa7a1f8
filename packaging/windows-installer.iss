; Inno Setup 6 script (Windows 10/11, 64-bit): installs the folder dist\ccs-desktop built by
; packaging\ccs-desktop.spec. Build (README, « Paquets › Windows »):
;     iscc packaging\windows-installer.iss
; The version is read from ccs_desktop\__init__.py (no environment variable to forget).
; For the current user, without administrator rights (or for all users when run as
; administrator: the dialog at start lets an administrator choose). Offline: nothing is
; downloaded. The user's data (%LOCALAPPDATA%\CCS-Desktop) is never removed by the
; uninstaller: the committee's records outlive the program.
; (or given on the command line: iscc /DAppVersion=0.1.0 ...)
#ifndef AppVersion
  #define VersionFile
  #sub ReadVersionLine
    #define Line FileRead(VersionFile)
    #if Pos("__version__", Line) == 1
      #define AppVersion Copy(Line, Pos('"', Line) + 1, RPos('"', Line) - Pos('"', Line) - 1)
    #endif
  #endsub
  #for {VersionFile = FileOpen(SourcePath + "\..\ccs_desktop\__init__.py"); VersionFile && !FileEof(VersionFile); ""} ReadVersionLine
  #if VersionFile
    #expr FileClose(VersionFile)
  #endif
#endif
#ifndef AppVersion
  #error "__version__ introuvable dans ccs_desktop\__init__.py"
#endif

[Setup]
AppId={{6C1E0C52-8F0B-4C4B-9E0D-CC5DE5C7D218}
AppName=CCS Desktop
AppVersion={#AppVersion}
AppVerName=CCS Desktop {#AppVersion}
AppPublisher=CCS Desktop
AppComments=Registre des Comités Consultatifs de Sécurité
DefaultDirName={autopf}\CCS Desktop
DefaultGroupName=CCS Desktop
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=ccs-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\resources\icons\ccs-desktop.ico
UninstallDisplayIcon={app}\ccs-desktop.exe
UninstallDisplayName=CCS Desktop {#AppVersion}
Compression=lzma2
SolidCompression=yes
; per user by default, no administrator rights; an administrator may install for all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
WizardStyle=modern

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "Créer un raccourci sur le Bureau"; GroupDescription: "Raccourcis :"
Name: "ccsbak"; Description: "Ouvrir les sauvegardes .ccsbak avec CCS Desktop (restaurer ou vérifier)"; GroupDescription: "Fichiers :"

[Files]
; the windowed application ccs-desktop.exe, the console tool ccs.exe and their libraries
Source: "..\dist\ccs-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion createallsubdirs

[Icons]
Name: "{autoprograms}\CCS Desktop"; Filename: "{app}\ccs-desktop.exe"; Comment: "Registre du CCS"
Name: "{autoprograms}\CCS Desktop (démonstration)"; Filename: "{app}\ccs-desktop.exe"; Parameters: "--demo"; Comment: "Base fictive pour apprendre"
Name: "{autoprograms}\Désinstaller CCS Desktop"; Filename: "{uninstallexe}"
Name: "{autodesktop}\CCS Desktop"; Filename: "{app}\ccs-desktop.exe"; Tasks: desktopicon

[Registry]
; .ccsbak: a double-click opens the restore / verify dialog (ccs-desktop.exe FILE), in the
; current user's classes (HKCU) or the machine's (HKLM) as the install mode chose (HKA)
Root: HKA; Subkey: "Software\Classes\.ccsbak"; ValueType: string; ValueName: ""; ValueData: "CCSDesktop.Sauvegarde"; Flags: uninsdeletevalue; Tasks: ccsbak
Root: HKA; Subkey: "Software\Classes\CCSDesktop.Sauvegarde"; ValueType: string; ValueName: ""; ValueData: "Sauvegarde CCS Desktop"; Flags: uninsdeletekey; Tasks: ccsbak
Root: HKA; Subkey: "Software\Classes\CCSDesktop.Sauvegarde\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\ccs-desktop.exe,0"; Tasks: ccsbak
Root: HKA; Subkey: "Software\Classes\CCSDesktop.Sauvegarde\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\ccs-desktop.exe"" ""%1"""; Tasks: ccsbak

[Run]
Filename: "{app}\ccs-desktop.exe"; Description: "Lancer CCS Desktop"; Flags: postinstall nowait skipifsilent

[UninstallDelete]
; only what the program itself wrote into its folder; the data folder is elsewhere and stays
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Messages]
french.FinishedLabel=CCS Desktop est installé. Vos données (%LOCALAPPDATA%\CCS-Desktop) ne sont jamais effacées par la désinstallation.
