#!/usr/bin/env bash
# Re-creates index.js from the npm tarball: npm pack, checksum check, the documented sed patches (see VENDOR.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent rasa-webchat@1.0.1 >/dev/null
echo "cd2a8ee5211df95c626fc78bcf9d7d3a50368eacd43c7154476d29e519d42685  rasa-webchat-1.0.1.tgz" | sha256sum -c -
tar xzf rasa-webchat-1.0.1.tgz
echo "bfedd788e4bd7df12f64b5bf2963e634f84bac1cb176b6cede60c507d3553f1e  package/lib/index.js" | sha256sum -c -
# 1. No web font from Google: drop the 11 identical CSS @import rules (the page sets its own fonts).
# 2. French accessible names for the widget's images (send, close, full screen, avatars, carousel).
# 3. Safe links in bot markdown: remove transformLinkUri:null so react-markdown's default
#    uriTransformer turns javascript:/vbscript:/data: links into "javascript:void(0)".
sed -e 's|@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700\&display=swap);||g' \
    -e 's|alt:"send"|alt:"Envoyer"|; s|alt:"close"|alt:"Fermer"|g' \
    -e 's|alt:"toggle fullscreen"|alt:"Plein \\u00e9cran"|; s|alt:"chat avatar"|alt:"Conseiller"|' \
    -e 's|alt:"profile"|alt:"Conseiller"|g; s|alt:"left carousel arrow"|alt:"Pr\\u00e9c\\u00e9dent"|; s|alt:"right carousel arrow"|alt:"Suivant"|' \
    -e 's|transformLinkUri:null,||' package/lib/index.js > "$here/index.js"
cp package/LICENSE "$here/LICENSE"
! grep -q 'fonts.googleapis.com\|transformLinkUri:null\|alt:"\(send\|close\|profile\)"' "$here/index.js"
sha256sum "$here/index.js"
