#!/usr/bin/env bash
# Regenerates every picture of the README, from the repository's root:
#   scripts/screenshots.sh
# 1. The model diagrams: docs/models/render/render.mjs draws each bpmn/*.bpmn with bpmn-js in headless
#    Chromium as docs/models/<name>.png, or cut into <name>-1.png, -2.png … when it is too wide to
#    read at README width; it deletes the pictures of docs/models it did not write.
# 2. The screenshots: every browser test (*BrowserTest) runs with -Dccmt.screenshots=docs/images,
#    so each keeps its pictures there (uk.ccmt.support.Screenshots). The old ones are deleted first;
#    pictures that are not in the list below (kept to explain a retry or a failure) are moved to
#    target/browser-screenshots; docs/models/render/shrink.mjs rewrites the rest as palette PNGs.
# 3. The check: every picture in the list below must be in docs/images, or the script fails naming
#    the missing ones (a skipped browser test writes none). PicturesTest holds the README to the same
#    list, so a new picture goes in both.
# Needs Debian's chromium and chromium-driver (or CHROMIUM naming another browser for step 1), node
# and npm (the render packages come from docs/models/render/package-lock.json), and Maven's cache.
# Afterwards, review `git status docs` and commit the pictures with the change they show.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."

# the screenshots the browser tests keep, and the README shows
expected=(
  login
  tasklist-participant
  tasklist-release-manager
  release-week-review
  release-week-test-results
  release-week-fix-forward
  cockpit-weekly-release
  participant-sftp-refused
  participant-sftp-answered
  releases
  release-page
  releases-phone
  mail-page
)

echo "== Model diagrams"
(cd docs/models/render && npm ci --no-audit --no-fund && node render.mjs)

echo "== Screenshots of the browser tests"
npm ci --no-audit --no-fund # axe-core, which the browser tests inject for their accessibility checks
# the old pictures go first, so that one no test wrote this time counts as missing
# (after a failed run, `git checkout -- docs/images` brings the committed ones back)
mkdir -p docs/images target/browser-screenshots
rm -f docs/images/*.png
./mvnw -B -ntp test -Dtest='*BrowserTest' -Dsurefire.failIfNoSpecifiedTests=false -Dccmt.screenshots=docs/images
# what the tests keep to explain a retry or a failure (a login attempt, a form not shown) is no README picture
for file in docs/images/*.png; do
  name=$(basename "$file" .png)
  if [[ " ${expected[*]} " != *" $name "* ]]; then
    mv "$file" target/browser-screenshots/
    echo "moved $file to target/browser-screenshots/ (not a README picture)"
  fi
done
(cd docs/models/render && node shrink.mjs ../../images)

echo "== Pictures in docs/images"
ls -l docs/images
missing=()
for name in "${expected[@]}"; do
  [ -s "docs/images/$name.png" ] || missing+=("$name.png")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "missing in docs/images: ${missing[*]}" >&2
  exit 1
fi
echo "all ${#expected[@]} expected screenshots are in docs/images"
