#!/usr/bin/env bash
# Renders a reproductions index page in headless Chromium (Debian's `chromium` package):
# prints how many of its images the browser decoded and writes a full-page screenshot.
#   scripts/render-index.sh report/index.html docs/images/reproductions-index.png [width] [height]
set -euo pipefail
page="$(realpath "$1")"
shot="$(realpath -m "$2")"
width="${3:-1100}"
height="${4:-1400}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "render-index: chromium not found (Debian: apt-get install chromium)" >&2
  exit 2
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile" --virtual-time-budget=10000)
dom="$("$browser" "${flags[@]}" --dump-dom "file://$page" 2>/dev/null)"
rendered="$(grep -o 'data-images-rendered="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo 0)"
expected="$(grep -o 'data-images-expected="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo '?')"
"$browser" "${flags[@]}" --window-size="$width,$height" --screenshot="$shot" "file://$page" >/dev/null 2>&1
echo "images rendered: $rendered of $expected; screenshot: $shot"
[ "$rendered" = "$expected" ]
