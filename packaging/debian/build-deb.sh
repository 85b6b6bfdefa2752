#!/usr/bin/env bash
# Packs the PyInstaller folder into a Debian package: usage build-deb.sh BUNDLE_DIR VERSION OUT_DIR.
# Files under /opt/branchdesk, commands in /usr/bin, desktop entry and icon, site config under /etc/xdg.
set -euo pipefail
bundle=$1 version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
root_dir=$(cd "$here/../.." && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/opt/branchdesk/share"
cp -a "$bundle" "$stage/opt/branchdesk.tmp" && mv "$stage/opt/branchdesk.tmp"/* "$stage/opt/branchdesk/" \
  && rmdir "$stage/opt/branchdesk.tmp"
cp "$root_dir/packaging/branchdesk.ini.example" "$stage/opt/branchdesk/share/branchdesk.ini.example"
ln -s /opt/branchdesk/branchdesk "$stage/usr/bin/branchdesk"
ln -s /opt/branchdesk/branchdesk-admin "$stage/usr/bin/branchdesk-admin"
install -m 0644 "$here/branchdesk.desktop" "$stage/usr/share/applications/branchdesk.desktop"
install -m 0644 "$root_dir/resources/icons/branchdesk.svg" "$stage/usr/share/icons/hicolor/scalable/apps/branchdesk.svg"
install -m 0755 "$here/postinst" "$here/postrm" "$stage/DEBIAN/"
installed_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_kib/" "$here/control.in" > "$stage/DEBIAN/control"
chmod -R u+rwX,go+rX,go-w "$stage"

mkdir -p "$out"
deb="$out/branchdesk_${version}_amd64.deb"
# xz with all cores: a third of the size of gzip's package for a few seconds more.
dpkg-deb --root-owner-group -Zxz -z6 --threads-max="$(nproc)" --build "$stage" "$deb" >/dev/null
echo "$deb"
