; Inno Setup script for ImgCost. build.py runs it when ISCC is on PATH:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=..\..\dist\ImgCost /DOutputDir=..\..\dist packaging\windows\imgcost.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\ImgCost"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\imgcost.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6C1C7E0B-5A7E-4E53-9B7B-2E1D3C0A1F10}
AppName=ImgCost
AppVersion={#AppVersion}
AppPublisher=ImgCost
DefaultDirName={autopf}\ImgCost
DefaultGroupName=ImgCost
OutputDir={#OutputDir}
OutputBaseFilename=ImgCost-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\imgcost-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ImgCost"; Filename: "{app}\imgcost-gui.exe"
Name: "{autodesktop}\ImgCost"; Filename: "{app}\imgcost-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; Scenario files are NAME.imgcost: ImgCost is the handler of ".imgcost", so a
; double-click opens them. Older *.imgcost.json files key on ".json" (Windows
; uses the last extension), so ImgCost is offered for them under "Open with".
Root: HKA; Subkey: "Software\Classes\.imgcost"; ValueType: string; ValueName: ""; ValueData: "ImgCost.Scenario"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "ImgCost.Scenario"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\ImgCost.Scenario"; ValueType: string; ValueName: ""; ValueData: "ImgCost scenario"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ImgCost.Scenario\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\imgcost-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\ImgCost.Scenario\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\imgcost-gui.exe"" ""%1"""

[Run]
Filename: "{app}\imgcost-gui.exe"; Description: "Start ImgCost"; Flags: nowait postinstall skipifsilent
