#!/usr/bin/env bash
# Package the one-folder bundle as a .deb for Debian, Ubuntu, 统信UOS and 麒麟 (Kylin).
#
#   scripts/build_deb.sh [BUNDLE=dist/calmdesk] [OUTDIR=dist]    → OUTDIR/calmdesk_<version>_<arch>.deb
#
# Layout: /opt/calmdesk/ (the bundle as built), /usr/bin/calmdesk (a launcher), a desktop entry
# and the icon under /usr/share. Nothing of the agent's lives under /opt: data is in the user's
# data dir (~/.local/share/CalmDesk), so removing or purging the package keeps it.
#
# Depends: Qt's xcb platform plugin (libqxcb.so + libQt6XcbQpa) links the xcb family, xkbcommon,
# X11, GL/EGL, fontconfig/freetype and glib (objdump -p / ldd, see README). PyInstaller copies
# some of them from the build machine into the bundle — whichever the build machine had — so the
# package names them all and apt makes sure the system has them; plus a CJK font, without which
# Chinese shows as boxes. The script checks its list: every library a bundled binary needs that
# the bundle does not carry must come from a package named in Depends (dpkg -S on this machine),
# and libc6's minimum version is the highest GLIBC_ symbol version the binaries use.
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=${1:-dist/calmdesk}
OUTDIR=${2:-dist}
fail() { echo "build_deb: $*" >&2; exit 1; }
[[ -x $BUNDLE/calmdesk ]] || fail "no one-folder bundle at $BUNDLE (run scripts/build_and_smoke.sh first)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is missing (apt-get install dpkg)"

VERSION=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
# One line per dependency; "a | b" where releases name it differently (Debian 10/UOS 20 have
# libxcb-util0, Ubuntu 24.04 renamed glib to libglib2.0-0t64).
DEPENDS_QT=(
  libgl1 libegl1 libdbus-1-3 libfontconfig1 libfreetype6 "libglib2.0-0 | libglib2.0-0t64"
  libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  "libxcb-util1 | libxcb-util0" libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0
)
DEPENDS_FONT="fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-uming"

# ---- what the bundle's binaries need that the bundle does not carry
elves=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name calmdesk \) -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
carried=$(find "$BUNDLE" \( -type f -o -type l \) -name '*.so*' -printf '%f\n' | sort -u)
needed=$(for f in $elves; do objdump -p "$f" 2>/dev/null | awk '/NEEDED/{print $2}'; done | sort -u)
missing=$(comm -23 <(echo "$needed") <(echo "$carried"))
glibc=$(for f in $elves; do objdump -T "$f" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' ; done | sed 's/GLIBC_//' | sort -uV | tail -1)
declared=" $(printf '%s ' "${DEPENDS_QT[@]}" | tr -d '|') libc6 libstdc++6 libgcc-s1 "
unlisted=()
for lib in $missing; do
  pkg=$(dpkg -S "*/$lib" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [[ -z $pkg ]] && { echo "build_deb: note: $lib is needed but no installed package holds it here" >&2; continue; }
  [[ $declared == *" $pkg "* ]] || unlisted+=("$lib ($pkg)")
done
((${#unlisted[@]} == 0)) || fail "Depends misses what the bundle links: ${unlisted[*]}"
echo "   system libraries the bundle links: $(echo $missing | tr '\n' ' ')"
echo "   highest GLIBC symbol version: $glibc"

# ---- the package tree
stage=build/deb/calmdesk_${VERSION}_${ARCH}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/doc/calmdesk"
cp -a "$BUNDLE" "$stage/opt/calmdesk"
rm -rf "$stage/opt/calmdesk/data" "$stage/opt/calmdesk/calmdesk-presets.json"  # never a portable data dir or presets
cat > "$stage/usr/bin/calmdesk" <<'EOF'
#!/bin/sh
# CalmDesk: the window with no arguments, the sub-commands otherwise (calmdesk --help).
exec /opt/calmdesk/calmdesk "$@"
EOF
chmod 755 "$stage/usr/bin/calmdesk"
install -m 644 resources/app.png "$stage/usr/share/icons/hicolor/256x256/apps/calmdesk.png"
cat > "$stage/usr/share/applications/calmdesk.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=CalmDesk
Name[zh_CN]=CalmDesk 投诉应对助手
GenericName=Complaint-handling assistant
GenericName[zh_CN]=投诉应对话术助手
Comment=Offline phrases and reading for complaint handling
Comment[zh_CN]=离线话术库：客户说什么，坐席怎么回
Exec=calmdesk
Icon=calmdesk
Terminal=false
Categories=Office;Utility;
Keywords=complaint;phrases;投诉;话术;客服;
StartupWMClass=calmdesk
EOF
cat > "$stage/usr/share/doc/calmdesk/copyright" <<EOF
CalmDesk $VERSION — MIT licence. Bundled third-party components (Qt/PySide6 under LGPLv3,
Python, jieba, pypinyin, OpenCC, peewee, PyYAML, openpyxl, platformdirs) keep their own licences.
The agent's data lives in ~/.local/share/CalmDesk and is never removed by this package.
EOF
for script in postinst postrm; do
  cat > "$stage/DEBIAN/$script" <<'EOF'
#!/bin/sh
# Refresh the menus and icons; the agent's data (~/.local/share/CalmDesk) is never touched.
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
EOF
  chmod 755 "$stage/DEBIAN/$script"
done
size_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
depends="libc6 (>= $glibc), $(printf '%s, ' "${DEPENDS_QT[@]}")$DEPENDS_FONT"
cat > "$stage/DEBIAN/control" <<EOF
Package: calmdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: CalmDesk <calmdesk@localhost>
Installed-Size: $size_kb
Depends: $depends
Section: utils
Priority: optional
Description: offline complaint-handling assistant for customer-service agents
 CalmDesk 投诉应对助手: a small always-on-top window with a phrase library,
 search (incl. pinyin), a reading of what the customer said and a draft
 checker. Works offline; the agent's data stays in the user's data dir.
EOF
mkdir -p "$OUTDIR"
deb="$OUTDIR/calmdesk_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "   $deb: $(du -m "$deb" | cut -f1) MB (installed $((size_kb / 1024)) MB)"
