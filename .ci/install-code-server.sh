#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that runs on
# Node 20) into a fixed folder for the real-VS-Code test, from the npm registry
# and Debian's packages only. Its own postinstall downloads ripgrep and prebuilt
# native modules from outside the registries, which this machine cannot reach, so
# the steps it would take are done here by hand (see
# ../shared/guide/real-editor-testing.md). Idempotent: an installation that
# already answers `--version` with the right release is reused.
# Usage: install-code-server.sh [DIR]   (default /opt/adtc-ci/code-server)
set -euo pipefail

version=4.100.3
dir=${1:-${ADTC_CODE_SERVER_DIR:-/opt/adtc-ci/code-server}}
bin="$dir/bin/code-server"

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | head -1 | grep -q "^$version "; then
  echo "code-server $version already installed in $dir"
  exit 0
fi

debs=(chromium ripgrep fonts-dejavu-core python3 make g++ pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "Installing code-server $version into $dir (a few minutes, once per machine)"
rm -rf "$dir"
mkdir -p "$dir"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
npm install -g --prefix "$dir" --ignore-scripts "code-server@$version" >/dev/null
pkg="$dir/lib/node_modules/code-server"
vs="$pkg/lib/vscode"

# argon2 (password hashing of code-server itself): its prebuilt download fails, then it builds locally.
(cd "$pkg" && npm rebuild argon2 >/dev/null)

(cd "$vs" && npm install --omit=dev --ignore-scripts >/dev/null)
mkdir -p "$vs/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$vs/node_modules/@vscode/ripgrep/bin/rg"
(cd "$vs" && npm rebuild kerberos @parcel/watcher node-pty @vscode/deviceid @vscode/spdlog native-watchdog >/dev/null)

# The links code-server's postinstall.sh makes.
ln -sfn node_modules "$vs/node_modules.asar"
ln -sfn code-linux.sh "$vs/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vs/bin/helpers/browser.sh"

(cd "$vs/extensions" && npm install --omit=dev --ignore-scripts >/dev/null && node postinstall.mjs >/dev/null)

"$bin" --version | head -1
