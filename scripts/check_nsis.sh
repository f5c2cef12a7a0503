#!/usr/bin/env bash
# Compile the Windows installer script on Linux (apt-get install nsis) against a stand-in of the
# one-folder bundle: proves installer/windows/calmdesk.nsi compiles without warnings (-WX). It does
# not prove the installer works — only a Windows run can (.github/workflows/windows.yml).
#
#   scripts/check_nsis.sh [SOURCE]     # SOURCE: a real Windows bundle folder; default: a stand-in
set -euo pipefail
cd "$(dirname "$0")/.."
command -v makensis >/dev/null || { echo "makensis is missing: apt-get install nsis" >&2; exit 1; }
version=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
source=${1:-}
if [[ -z $source ]]; then
    source=build/nsis-standin
    rm -rf "$source"
    mkdir -p "$source/_internal/resources" "$source/话术包" "$source/data"
    cp resources/app.ico "$source/_internal/resources/"
    printf 'MZ stand-in' > "$source/CalmDesk.exe"
    printf 'MZ stand-in' > "$source/calmdesk-cli.exe"
    echo '{"format": 1, "settings": {"agent.industry": "banking"}, "pack": "话术包/分行包.zip"}' > "$source/calmdesk-presets.json"
    echo 'stand-in' > "$source/话术包/分行包.zip"
    echo 'the agent data that must not be packed' > "$source/data/calmdesk.db"
fi
mkdir -p build
out=build/CalmDesk-$version-setup.exe
(cd installer/windows && makensis -V2 -WX "-DVERSION=$version" "-DSOURCE=$(realpath "../../$source")" \
    "-DOUTFILE=$(realpath -m "../../$out")" calmdesk.nsi)
echo "compiled $out ($(du -k "$out" | cut -f1) KB) from $source"
