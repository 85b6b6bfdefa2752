#!/usr/bin/env bash
# Builds everything IT installs into dist/: the PyInstaller folder dist/BranchDesk, the Debian package and the
# Windows MSI (from the WiX recipe with wixl). Skips the build when nothing it is made from has changed.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
deb="dist/branchdesk_${version}_amd64.deb"
msi="dist/BranchDesk-$version.msi"
# Everything the artefacts are made from: sources, data, recipes, the lock file.
stamp=$(find app ui db resources packaging scripts/package.sh pyproject.toml uv.lock -type f \
  -not -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ "${1:-}" != "--force" ] && [ -f dist/.build-stamp ] && [ "$(cat dist/.build-stamp)" = "$stamp" ] \
  && [ -x dist/BranchDesk/branchdesk ] && [ -f "$deb" ] && [ -f "$msi" ]; then
  echo "dist/ is up to date ($version)"
  exit 0
fi
rm -f dist/.build-stamp

started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/branchdesk.spec
bash packaging/debian/build-deb.sh dist/BranchDesk "$version" dist
bash packaging/windows/build-msi.sh dist/BranchDesk "$version" dist
echo "$stamp" > dist/.build-stamp

echo "built in $(( $(date +%s) - started )) s:"
echo "  bundle dist/BranchDesk: $(du -sm dist/BranchDesk | cut -f1) MB ($(find dist/BranchDesk -type f | wc -l) files)"
echo "  $deb: $(( $(stat -c %s "$deb") / 1048576 )) MB"
echo "  $msi: $(( $(stat -c %s "$msi") / 1048576 )) MB"
