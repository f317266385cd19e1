#!/usr/bin/env bash
# Code-signing hook for release artefacts. Signing needs the organisation's certificate or key,
# which never lives in this repository or on CI disks in plain form; this script only calls the
# command the release machine provides, once per artefact, after the SHA-256 sums are written.
#
#   BAUHINIA_SIGN_CMD   a command taking one file path, e.g.
#       DEB (detached, verifiable with debsig-verify):  "debsigs --sign=origin -k <GPG key id>"
#       apt repository (the usual way to ship DEBs):    sign the repository's Release file instead
#                                                       (reprepro/aptly with SignWith: <key id>)
#       any file, detached OpenPGP signature:           "gpg --batch --detach-sign --armor -u <key id>"
#   On Windows, build-windows.ps1 signs bauhinia.exe, bauhinia-gui.exe and the MSI with signtool
#   (certificate from the Windows certificate store, selected by thumbprint; see deployment.md).
#
# Usage: packaging/sign.sh FILE...   (does nothing, successfully, when BAUHINIA_SIGN_CMD is unset)
set -euo pipefail
if [ -z "${BAUHINIA_SIGN_CMD:-}" ]; then
  echo "sign: BAUHINIA_SIGN_CMD is not set; artefacts are not signed (see packaging/docs/deployment.md)" >&2
  exit 0
fi
for f in "$@"; do
  echo "sign: $f" >&2
  # shellcheck disable=SC2086  # the command is deliberately split into words
  $BAUHINIA_SIGN_CMD "$f"
done
