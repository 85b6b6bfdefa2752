#!/usr/bin/env bash
# Builds BranchDesk.msi from branchdesk.wxs with msitools' wixl: usage build-msi.sh BUNDLE_DIR VERSION OUT_DIR.
# On Linux the payload is the Linux bundle under the Windows executables' names, so CI checks the recipe
# (properties, upgrade code, file table) on every change; IT builds the real MSI on Windows (docs/INSTALL.md).
set -euo pipefail
bundle=$(cd "$1" && pwd) version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cp -al "$bundle" "$stage/payload" 2>/dev/null || cp -a "$bundle" "$stage/payload"
for exe in branchdesk branchdesk-admin; do
  [ -e "$stage/payload/$exe.exe" ] || mv "$stage/payload/$exe" "$stage/payload/$exe.exe"
done
cp "$here/branchdesk.wxs" "$here/branchdesk.ico" "$stage/"
# The same harvest heat.exe does on Windows: one component per file of _internal, in group BundleFiles.
(cd "$stage/payload" && find _internal -type f | LC_ALL=C sort \
  | wixl-heat --prefix "" --directory-ref INSTALLDIR --component-group BundleFiles --var var.SourceDir --win64) \
  > "$stage/bundle-files.wxs"
mkdir -p "$out"
msi="$(cd "$out" && pwd)/BranchDesk-$version.msi"
# wixl resolves sources relative to the working directory; it does not know WiX's Secure attribute (warned).
(cd "$stage" && wixl -a x64 -D Version="$version" -D SourceDir=payload -D Win64=yes -D IconFile=branchdesk.ico \
  -o "$msi" branchdesk.wxs bundle-files.wxs 2>&1 | { grep -v "no property named 'Secure'" | grep -v '^$' || true; })
[ -s "$msi" ] || { echo "wixl did not produce $msi" >&2; exit 1; }
echo "$msi"
