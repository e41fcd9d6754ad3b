#!/usr/bin/env bash
# Installs Debian's headless Chromium and ChromeDriver for the browser test of `quotex render`.
# Idempotent and quiet: does nothing when both are already present. Needs root (or sudo) and apt-get;
# when it fails, .ci/run carries on and the browser tests skip with a reason.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if have chromium && have chromedriver; then
    echo "install-browser: chromium and chromedriver already present"
    exit 0
fi

if ! have apt-get; then
    echo "install-browser: apt-get not available; skipping" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then SUDO="sudo -n"; else
        echo "install-browser: not root and no sudo; skipping" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null

have chromium && have chromedriver
echo "install-browser: installed $(chromium --version 2>/dev/null || echo chromium)"
