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
  the workflow. -Vulkan adds the Vulkan backend (Vulkan SDK installed, VULKAN_SDK set), -Cuda the
  CUDA backend (CUDA toolkit 12.x).

  Run from the repository root:
    powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1 [-SignThumbprint <sha1>]

  Output in build\packaging\artifacts: Bauhinia-<version>-x64.msi, bauhinia.cdx.json, SHA256SUMS.
#>
[CmdletBinding()]
param(
  [string]$Python = "py -3.11",
  [string]$WixBin = "",
  [string]$LlamaVersion = "0.3.36",
  [switch]$Vulkan,
  [switch]$Cuda,
  # Code signing: thumbprint of a certificate in the machine's or user's certificate store.
  [string]$SignThumbprint = $env:BAUHINIA_SIGN_THUMBPRINT,
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
$Cmake = "-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib -DLLAVA_BUILD=OFF"
if ($Vulkan) { $Cmake += " -DGGML_VULKAN=ON" }
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
Invoke-Checked "smoke: --version" { & (Join-Path $Bundle "bauhinia.exe") --version }
Invoke-Checked "smoke: doctor" { & (Join-Path $Bundle "bauhinia.exe") doctor --json | Out-File -Encoding utf8 (Join-Path $Art "doctor-frozen.json") }

# 5. Sign the executables (before they go into the MSI), then build and sign the MSI.
function Sign([string[]]$Files) {
  if (-not $SignThumbprint) { Write-Host "not signed: set -SignThumbprint or BAUHINIA_SIGN_THUMBPRINT"; return }
  Invoke-Checked "signtool" {
    signtool.exe sign /sha1 $SignThumbprint /fd SHA256 /tr $TimestampUrl /td SHA256 /d "Bauhinia" @Files
  }
}
Sign @((Join-Path $Bundle "bauhinia.exe"), (Join-Path $Bundle "bauhinia-gui.exe"))

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

# 6. SHA-256 sums in the same format as sha256sum, so `sha256sum -c SHA256SUMS` checks them.
Get-ChildItem $Art -File | Where-Object { $_.Name -ne "SHA256SUMS" } | ForEach-Object {
  "{0}  {1}" -f (Get-FileHash -Algorithm SHA256 $_.FullName).Hash.ToLower(), $_.Name
} | Set-Content -Encoding ascii (Join-Path $Art "SHA256SUMS")
Write-Host "== done: $Msi"
