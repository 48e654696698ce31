#!/usr/bin/env bash
# Headless Chromium for the docs and dashboard screenshot tests: Debian's package, installed
# when missing (Playwright drives it; it never downloads a browser of its own).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "ensure_chromium: chromium is missing and installing it needs root (apt-get install chromium)" >&2
    exit 1
fi
echo "ensure_chromium: installing Debian's chromium package" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
