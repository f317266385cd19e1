<#
.SYNOPSIS
  Build the real Bauhinia MSI on Windows: portable llama-cpp-python, PyInstaller bundle, SBOM,
  WiX v3 MSI, code signing and SHA-256 sums.

.DESCRIPTION
  Needs: Python 3.11 (x64), Visual Studio 2022 Build Tools (C++ workload) with CMake, Git, and the
  WiX Toolset 3.14 (candle/light/heat on PATH or -WixBin). WiX v3 is used on purpose: the same
  source compiles with Debian's wixl for the Linux CI check, and WiX v6+ carries a paid-maintenance
  EULA (DESIGN 5).

  llama.cpp is built as on Linux (packaging/build-llama-wheel.sh): no -march=native, every backend a
  loadable DLL in llama_cpp\lib, CPU variants chosen at run time. MSVC builds the variants its
  compiler supports (x64, sse42, sandybridge, haswell, skylakex, cannonlake, cascadelake, icelake,
  alderlake); a CI build on a 2-core runner takes roughly 30-40 minutes, so the wheel is cached by
  the workflow. The Vulkan backend (ggml-vulkan.dll, as in the DEB) is built by default and needs the
  LunarG Vulkan SDK (VULKAN_SDK set; it brings glslc and headers new enough for the pinned llama.cpp);
  -NoVulkan leaves it out. ggml-vulkan.dll imports vulkan-1.dll, which every Intel/AMD/NVIDIA GPU
  driver installs in System32: on a PC without one the module does not load and the CPU runs the
  model (the app says why in one line). -Cuda adds the CUDA backend (CUDA toolkit 12.x).
  GGML_OPENMP=OFF: an MSVC-built ggml-cpu would otherwise import VCOMP140.DLL (the OpenMP runtime),
  which a clean PC does not have; ggml then uses its own thread pool. The build checks the DLL
  imports of every PE file in the bundle (dumpbin /dependents) and fails when one needs a DLL that
  is neither in the bundle nor part of Windows - the Visual C++ runtime DLLs count as missing unless
  bundled, because a clean PC lacks them.

  After freezing, the bundle is checked as users run it: every app/engine module imports inside it
  (--self-check-imports), the window opens headless (QT_QPA_PLATFORM=offscreen,
  BAUHINIA_EXIT_AFTER_PAINT=1: exit 0, a "painted" report, no traceback) for bauhinia.exe and the
  windowed bauhinia-gui.exe, and one chat turn runs on the diagnostic model.

  Signing: every PE file of the bundle that is not signed yet (bauhinia*.exe, the ggml/llama DLLs,
  the .pyd extension modules; DLLs their vendors signed keep that signature) and the MSI, with
  signtool from the Windows SDK (found under Windows Kits when it is not on PATH). -MachineStore
  (or BAUHINIA_SIGN_MACHINE_STORE=1) uses the local machine's certificate store (signtool /sm), as
  on a build server whose signing certificate is installed for the machine, not a user.

  Run from the repository root:
    powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1 [-SignThumbprint <sha1>]

  Output in build\packaging\artifacts: Bauhinia-<version>-x64.msi, bauhinia.cdx.json, SHA256SUMS.
#>
[CmdletBinding()]
param(
  [string]$Python = "py -3.11",
  [string]$WixBin = "",
  [string]$LlamaVersion = "0.3.36",
  [switch]$NoVulkan,
  [switch]$Cuda,
  # Code signing: thumbprint of a certificate in the machine's or user's certificate store.
  [string]$SignThumbprint = $env:BAUHINIA_SIGN_THUMBPRINT,
  [switch]$MachineStore = ($env:BAUHINIA_SIGN_MACHINE_STORE -eq "1"),
  [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root
$B = Join-Path $Root "build\packaging"
$Art = Join-Path $B "artifacts"
New-Item -ItemType Directory -Force -Path $Art | Out-Null
$Version = (Select-String -Path "app\__init__.py" -Pattern '__version__ = "(.*)"').Matches[0].Groups[1].Value
function Invoke-Checked([string]$What, [scriptblock]$Block) {
  Write-Host "== $What"
  & $Block
  if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}
function Tool([string]$Name) { if ($WixBin) { Join-Path $WixBin "$Name.exe" } else { "$Name.exe" } }

# 1. Packaging venv with only the app's run-time dependencies.
$Venv = Join-Path $B "venv-win"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
Invoke-Checked "venv" { Invoke-Expression "$Python -m venv `"$Venv`"" }
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked "pip" { & $Py -m pip install -q --upgrade pip }

# 2. Portable llama-cpp-python (never pip's cached native wheel).
$Cmake = "-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_OPENMP=OFF -DCMAKE_INSTALL_BINDIR=llama_cpp/lib -DLLAVA_BUILD=OFF"
if (-not $NoVulkan) {
  if (-not $env:VULKAN_SDK) { throw "the Vulkan backend needs the LunarG Vulkan SDK (VULKAN_SDK is not set); or pass -NoVulkan" }
  $Cmake += " -DGGML_VULKAN=ON"
}
if ($Cuda) { $Cmake += " -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=70;75;80;86;89;90" }
$WheelDir = Join-Path $env:LOCALAPPDATA ("bauhinia-packaging\wheels\llama-" + $LlamaVersion + "-" +
  [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($Cmake))).Replace("-", "").Substring(0, 16))
if (-not (Get-ChildItem -Path $WheelDir -Filter "llama_cpp_python-*.whl" -ErrorAction SilentlyContinue)) {
  New-Item -ItemType Directory -Force -Path $WheelDir | Out-Null
  $env:CMAKE_ARGS = $Cmake
  Invoke-Checked "llama-cpp-python wheel" {
    & $Py -m pip wheel --no-cache-dir --no-deps --no-binary llama-cpp-python -w $WheelDir "llama-cpp-python==$LlamaVersion"
  }
  Remove-Item Env:\CMAKE_ARGS
}
$Wheel = (Get-ChildItem -Path $WheelDir -Filter "llama_cpp_python-*.whl")[0].FullName
Invoke-Checked "install wheel + app" { & $Py -m pip install -q $Wheel $Root }

# 3. SBOM of the run-time environment, before build tools are added to it.
Invoke-Checked "cyclonedx-bom" { & $Py -m pip install -q "cyclonedx-bom>=5,<8" }
Invoke-Checked "SBOM" {
  & $Py -m cyclonedx_py environment --pyproject pyproject.toml --mc-type application --output-reproducible `
    --of JSON -o (Join-Path $B "sbom.environment.json") $Py
}
Invoke-Checked "pyinstaller" { & $Py -m pip install -q "pyinstaller>=6.10,<7" }
Invoke-Checked "SBOM finish" {
  & $Py packaging\sbom_finish.py --environment-sbom (Join-Path $B "sbom.environment.json") `
    --llama-wheel $Wheel --python $Py --out (Join-Path $Art "bauhinia.cdx.json")
}

# 4. Translations and the frozen app (bauhinia.exe console + bauhinia-gui.exe windowed).
$Lrelease = Join-Path $Venv "Scripts\pyside6-lrelease.exe"
Get-ChildItem translations\*.ts -ErrorAction SilentlyContinue | ForEach-Object {
  Invoke-Checked "lrelease $($_.Name)" { & $Lrelease -silent $_.FullName -qm ($_.FullName -replace '\.ts$', '.qm') }
}
Invoke-Checked "PyInstaller" {
  & $Py -m PyInstaller --noconfirm --log-level WARN --distpath (Join-Path $B "dist") --workpath (Join-Path $B "work") `
    packaging\pyinstaller\bauhinia.spec
}
$Bundle = Join-Path $B "dist\bauhinia"
$Exe = Join-Path $Bundle "bauhinia.exe"
$GuiExe = Join-Path $Bundle "bauhinia-gui.exe"
Invoke-Checked "every app/engine module imports in the bundle" { & $Exe --self-check-imports }
Invoke-Checked "smoke: --version" { & $Exe --version }
Invoke-Checked "smoke: doctor" { & $Exe doctor --json | Out-File -Encoding utf8 (Join-Path $Art "doctor-frozen.json") }

# 5. The bundle as users run it: the window (headless) and one chat turn on the diagnostic model.
$Smoke = Join-Path $B "smoke"
if (Test-Path $Smoke) { Remove-Item -Recurse -Force $Smoke }
New-Item -ItemType Directory -Force -Path (Join-Path $Smoke "home") | Out-Null
$env:BAUHINIA_HOME = Join-Path $Smoke "home"
$env:QT_QPA_PLATFORM = "offscreen"
function Assert-NoTraceback([string]$Label, [string]$Text) {
  if ($Text -match "Traceback \(most recent call last\)") { Write-Host $Text; throw "$Label printed a Python traceback" }
}
function Invoke-Capture([string]$Program, [string[]]$Arguments) {
  # Native stderr must not become a terminating error here: it is checked, not thrown.
  $old = $ErrorActionPreference; $ErrorActionPreference = "Continue"
  try {
    $errFile = New-TemporaryFile
    $text = (& $Program @Arguments 2>$errFile.FullName | Out-String)
    $code = $LASTEXITCODE
    $err = Get-Content -Raw $errFile.FullName
    Remove-Item $errFile.FullName
  } finally { $ErrorActionPreference = $old }
  Write-Host $text; if ($err) { Write-Host $err }
  return @{ Out = $text; Err = "$err"; Code = $code }
}
$env:BAUHINIA_EXIT_AFTER_PAINT = "1"
$r = Invoke-Capture $Exe @()
$out = $r.Out + $r.Err
$rc = $r.Code
if ($rc -ne 0) { throw "window (bauhinia.exe) exited $rc" }
Assert-NoTraceback "window (bauhinia.exe)" $out
if ($out -notmatch "(?m)^painted \d+\.\d+ [1-9]\d*x[1-9]\d*\s*$") { throw "window (bauhinia.exe) did not report a paint" }
# The windowed twin (what the Start menu starts) has no stdout: it reports to a file.
$report = Join-Path $Smoke "paint-gui.txt"
$env:BAUHINIA_PAINT_REPORT = $report
$p = Start-Process -FilePath $GuiExe -Wait -PassThru -RedirectStandardError (Join-Path $Smoke "gui.err")
Remove-Item Env:\BAUHINIA_PAINT_REPORT, Env:\BAUHINIA_EXIT_AFTER_PAINT
if ($p.ExitCode -ne 0) { throw "window (bauhinia-gui.exe) exited $($p.ExitCode)" }
if (-not (Test-Path $report) -or -not (Select-String -Path $report -Pattern "^painted \d+\.\d+ [1-9]\d*x[1-9]\d*$" -Quiet)) {
  throw "window (bauhinia-gui.exe) did not report a paint"
}
Assert-NoTraceback "window (bauhinia-gui.exe)" (Get-Content -Raw -ErrorAction SilentlyContinue (Join-Path $Smoke "gui.err"))
# The diagnostic model's bytes, built by the packaging venv from the same engine/diagnostic.py.
$Diag = (& $Py -c "import sys; from engine.diagnostic import diagnostic_model_path; print(diagnostic_model_path(sys.argv[1]))" (Join-Path $B "diagnostic")).Trim()
if ($LASTEXITCODE -ne 0) { throw "could not build the diagnostic model" }
$r = Invoke-Capture $Exe @("ask", "-m", $Diag, "--no-history", "--seed", "1", "--json", "Hello")
if ($r.Code -ne 0) { throw "chat turn exited $($r.Code)" }
Assert-NoTraceback "chat turn" ($r.Out + $r.Err)
$reply = $r.Out.Substring($r.Out.IndexOf("{")) | ConvertFrom-Json
if ($reply.content -notmatch "Done\." -or $reply.usage.completion_tokens -le 0) { throw "chat turn: the scripted answer is missing" }
Remove-Item Env:\QT_QPA_PLATFORM, Env:\BAUHINIA_HOME

# 6. DLL imports: every DLL a PE file of the bundle imports is in the bundle or part of Windows.
$Vswhere = Join-Path ${env:ProgramFiles(x86)} "Microsoft Visual Studio\Installer\vswhere.exe"
$Dumpbin = & $Vswhere -latest -products * -find "VC\Tools\MSVC\**\bin\Hostx64\x64\dumpbin.exe" | Select-Object -First 1
if (-not $Dumpbin) { throw "dumpbin.exe not found (Visual Studio Build Tools, C++ workload)" }
$Pe = Get-ChildItem $Bundle -Recurse -File -Include *.exe, *.dll, *.pyd
$InBundle = @{}
$Pe | ForEach-Object { $InBundle[$_.Name.ToLower()] = $true }
# Not on a clean PC although this build machine has them: the Visual C++ runtime (incl. OpenMP).
$Redist = "^(vcomp140|vcomp140d|msvcp140(_\d+|_atomic_wait|_codecvt_ids)?|vcruntime140(_1)?|concrt140|vcamp140|vccorlib140)\.dll$"
$Missing = @()
foreach ($f in $Pe) {
  $deps = & $Dumpbin /nologo /dependents $f.FullName | Where-Object { $_ -match "^\s+\S+\.dll\s*$" } | ForEach-Object { $_.Trim().ToLower() }
  foreach ($d in $deps) {
    if ($InBundle.ContainsKey($d)) { continue }
    if ($d -match $Redist) { $Missing += "$($f.Name) -> $d (Visual C++ runtime: bundle it or build without it)"; continue }
    if ($d -like "api-ms-win-*" -or $d -like "ext-ms-*") { continue }
    if ($d -eq "vulkan-1.dll" -and $f.Name -eq "ggml-vulkan.dll") { continue }  # the GPU driver's; optional (see above)
    if (Test-Path (Join-Path $env:SystemRoot "System32\$d")) { continue }
    $Missing += "$($f.Name) -> $d"
  }
}
if ($Missing) { $Missing | Sort-Object -Unique | ForEach-Object { Write-Host "missing DLL: $_" }; throw "the bundle imports DLLs a clean PC lacks" }
Write-Host "== DLL imports: $($Pe.Count) PE files, all imports in the bundle or in Windows"

# 7. Sign every unsigned PE file (before they go into the MSI), then build and sign the MSI.
function Find-SignTool {
  $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
  if ($onPath) { return $onPath.Source }
  $kits = Join-Path ${env:ProgramFiles(x86)} "Windows Kits\10\bin"
  $found = Get-ChildItem -Path $kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
    Where-Object { $_.FullName -match "\\x64\\signtool\.exe$" } |
    Sort-Object FullName -Descending |  # bin\10.0.<build>.0\x64: the newest SDK first
    Select-Object -First 1
  if (-not $found) { throw "signtool.exe not found on PATH or under $kits (Windows SDK)" }
  return $found.FullName
}
function Sign([string[]]$Files) {
  if (-not $SignThumbprint) { Write-Host "not signed: set -SignThumbprint or BAUHINIA_SIGN_THUMBPRINT"; return }
  $SignTool = Find-SignTool
  $store = @(); if ($MachineStore) { $store = @("/sm") }
  # In batches: one command line must stay under Windows' 32k characters.
  for ($i = 0; $i -lt $Files.Count; $i += 40) {
    $batch = $Files[$i..([Math]::Min($i + 39, $Files.Count - 1))]
    Invoke-Checked "signtool ($($i + $batch.Count)/$($Files.Count))" {
      & $SignTool sign @store /sha1 $SignThumbprint /fd SHA256 /tr $TimestampUrl /td SHA256 /d "Bauhinia" @batch
    }
  }
  $bad = $Files | Where-Object { (Get-AuthenticodeSignature $_).Status -ne "Valid" }
  if ($bad) { $bad | ForEach-Object { Write-Host "not validly signed: $_" }; throw "signing left files unsigned" }
}
$Unsigned = @($Pe | Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -eq "NotSigned" } | ForEach-Object { $_.FullName })
Write-Host "== $($Unsigned.Count) of $($Pe.Count) PE files are unsigned"
Sign $Unsigned

$Obj = Join-Path $B "wixobj"
New-Item -ItemType Directory -Force -Path $Obj | Out-Null
Invoke-Checked "heat" {
  & (Tool heat) dir $Bundle -nologo -cg Payload -dr INSTALLDIR -srd -sreg -ag -scom -var var.SourceDir `
    -t packaging\windows\heat-exclude.xslt -out (Join-Path $Obj "Payload.wxs")
}
Invoke-Checked "candle" {
  & (Tool candle) -nologo -arch x64 "-dVersion=$Version" "-dSourceDir=$Bundle" "-dResourceDir=$Root\resources" `
    -dWin64=yes -out "$Obj\" packaging\windows\Bauhinia.wxs (Join-Path $Obj "Payload.wxs")
}
$Msi = Join-Path $Art "Bauhinia-$Version-x64.msi"
Invoke-Checked "light" {
  & (Tool light) -nologo -spdb -out $Msi (Join-Path $Obj "Bauhinia.wixobj") (Join-Path $Obj "Payload.wixobj")
}
Sign @($Msi)

# 8. SHA-256 sums in the same format as sha256sum, so `sha256sum -c SHA256SUMS` checks them.
Get-ChildItem $Art -File | Where-Object { $_.Name -ne "SHA256SUMS" } | ForEach-Object {
  "{0}  {1}" -f (Get-FileHash -Algorithm SHA256 $_.FullName).Hash.ToLower(), $_.Name
} | Set-Content -Encoding ascii (Join-Path $Art "SHA256SUMS")
Write-Host "== done: $Msi"
