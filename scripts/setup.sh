#!/usr/bin/env bash
# Sets up everything BranchDesk needs on Debian/Ubuntu: system libraries for Qt, a CJK font, and the
# Python environment (.venv) installed exactly from uv.lock. Safe to run again; does only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  python3-venv
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0
  libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
  fonts-wqy-microhei
  xvfb xauth
  # PostgreSQL server binaries (/usr/lib/postgresql/*/bin): the integration tests start a throwaway cluster.
  postgresql
  # Packaging (scripts/package.sh): strip/objdump for PyInstaller, wixl and msiinfo for the Windows MSI recipe,
  # icupkg and binutils' as/ld to build the bundle's smaller ICU data library (packaging/icu_data.py).
  binutils wixl msitools icu-devtools
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

UV_VERSION=0.13.9
if [ ! -x .tools/bin/uv ] || [ "$(.tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
UV_PROJECT_ENVIRONMENT=.venv .tools/bin/uv sync --quiet --frozen --python python3 --extra test --extra demo --extra build
