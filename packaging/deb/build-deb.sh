#!/usr/bin/env bash
# Build bauhinia_<version>_amd64.deb from the frozen one-folder bundle.
#
# Layout: the bundle under /usr/lib/bauhinia (lintian flags /opt), /usr/bin/bauhinia -> the bundle's
# executable, desktop entry, hicolor icons, AppStream metainfo, man page, copyright, changelog,
# the SBOM, and *examples* of /etc/bauhinia files under /usr/share/doc/bauhinia/examples. The
# package owns the empty /etc/bauhinia and /etc/bauhinia/policies directories but no file in them,
# so nothing is a conffile: upgrades never prompt and never touch what the administrator put there.
# No maintainer scripts are needed: dpkg triggers refresh the icon cache and desktop database.
#
# Usage: packaging/deb/build-deb.sh [--bundle DIR] [--revision N] [--out DIR] [--work DIR] [--sbom FILE]
#   --revision N   Debian revision (default 1); CI builds -1 and -2 to test upgrades.
#   --work DIR     where the package tree is staged (default build/packaging/deb-root-N)
#   --sbom FILE    CycloneDX SBOM to ship in /usr/share/doc/bauhinia (default: freeze.sh's)
# Prints the .deb path on the last line of stdout.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="$ROOT/build/packaging/dist/bauhinia"
OUTDIR="$ROOT/build/packaging/artifacts"
REVISION=1
STAGE=""
SBOM="$ROOT/build/packaging/artifacts/bauhinia.cdx.json"
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2 ;;
    --revision) REVISION="$2"; shift 2 ;;
    --out) OUTDIR="$2"; shift 2 ;;
    --work) STAGE="$2"; shift 2 ;;
    --sbom) SBOM="$2"; shift 2 ;;
    *) echo "build-deb: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$BUNDLE/bauhinia" ] || { echo "build-deb: no frozen app at $BUNDLE (run packaging/freeze.sh)" >&2; exit 1; }

UPSTREAM="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/app/__init__.py")"
VERSION="$UPSTREAM-$REVISION"
STAGE="${STAGE:-$ROOT/build/packaging/deb-root-$REVISION}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN"
umask 022

# The app.
install -d "$STAGE/usr/lib" "$STAGE/usr/bin"
cp -a "$BUNDLE" "$STAGE/usr/lib/bauhinia"
ln -s ../lib/bauhinia/bauhinia "$STAGE/usr/bin/bauhinia"

# Wheels cannot hold symlinks, so llama_cpp/lib has libX.so, libX.so.0 and libX.so.0.N.M as three
# identical copies (also of every backend module). Make the shorter names symlinks to the full one,
# as a normal library install would: tens of MB less, and one inode per library.
LIB="$STAGE/usr/lib/bauhinia/_internal/llama_cpp/lib"
if [ -d "$LIB" ]; then
  for full in "$LIB"/*.so.*.*; do
    [ -f "$full" ] && [ ! -L "$full" ] || continue
    base="${full%%.so.*}.so"
    for short in "$base" "$base.$(echo "${full##*.so.}" | cut -d. -f1)"; do
      if [ -f "$short" ] && [ ! -L "$short" ] && cmp -s "$short" "$full"; then
        ln -sf "$(basename "$full")" "$short"
      fi
    done
  done
fi

# Build-machine leftovers in ELF files. Debug symbols are stripped only from what this build
# compiled or took from the build machine (the interpreter's modules, libpython, llama.cpp), never
# from third-party wheels: auditwheel-patched libraries break when stripped (numpy's OpenBLAS then
# fails with "ELF load command address/offset not page-aligned"), and the PyInstaller bootloader
# carries its archive after the ELF data. RUNPATHs pointing at the build machine's interpreter
# (pyenv's lib dir) are removed - harmless on a client only until such a directory exists there.
INTERNAL="$STAGE/usr/lib/bauhinia/_internal"
{ find "$INTERNAL"/python3.*/lib-dynload "$INTERNAL"/llama_cpp/lib "$INTERNAL" -maxdepth 1 -type f \
    \( -name '*.so' -o -name '*.so.*' \) \( -path '*/lib-dynload/*' -o -path '*/llama_cpp/lib/*' -o -name 'libpython3*' \) \
    -print0 2>/dev/null || true; } | xargs -0 -r strip --strip-unneeded --remove-section=.comment --remove-section=.note
while IFS= read -r -d '' elf; do
  rpath="$(patchelf --print-rpath "$elf" 2>/dev/null || true)"
  [ -n "$rpath" ] || continue
  kept="$(printf '%s' "$rpath" | tr ':' '\n' | grep '^\$ORIGIN' | paste -sd: || true)"
  if [ "$kept" != "$rpath" ]; then
    if [ -n "$kept" ]; then patchelf --set-rpath "$kept" "$elf"; else patchelf --remove-rpath "$elf"; fi
  fi
done < <(find "$STAGE/usr/lib/bauhinia/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)

# Desktop integration.
install -D -m 644 "$ROOT/resources/linux/hk.gov.bauhinia.desktop" "$STAGE/usr/share/applications/hk.gov.bauhinia.desktop"
install -D -m 644 "$ROOT/resources/linux/hk.gov.bauhinia.metainfo.xml" "$STAGE/usr/share/metainfo/hk.gov.bauhinia.metainfo.xml"
for png in "$ROOT"/resources/icons/hicolor/*/apps/hk.gov.bauhinia.png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 644 "$png" "$STAGE/usr/share/icons/hicolor/$size/apps/hk.gov.bauhinia.png"
done
install -D -m 644 "$ROOT/resources/icons/hk.gov.bauhinia.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/hk.gov.bauhinia.svg"

# Documentation.
DOC="$STAGE/usr/share/doc/bauhinia"
install -D -m 644 "$HERE/copyright" "$DOC/copyright"
CHANGELOG="$(mktemp)"
trap 'rm -f "$CHANGELOG"' EXIT
top="$(sed -n '1s/^bauhinia (\([^)]*\)).*/\1/p' "$HERE/changelog")"
if [ "$top" != "$VERSION" ]; then
  # A rebuild with another revision (CI upgrade test): record it, as Debian policy asks.
  {
    printf 'bauhinia (%s) bookworm; urgency=medium\n\n  * Rebuild of %s.\n\n' "$VERSION" "$top"
    printf ' -- Bauhinia Packaging Team <bauhinia-packaging@digitalpolicy.gov.hk>  %s\n\n' "$(date -R)"
    cat "$HERE/changelog"
  } > "$CHANGELOG"
else
  cp "$HERE/changelog" "$CHANGELOG"
fi
gzip -9n < "$CHANGELOG" > "$DOC/changelog.Debian.gz"
install -d "$DOC/examples"
install -m 644 "$ROOT/packaging/examples/models.json" "$ROOT/packaging/examples/README" "$DOC/examples/"
if [ -d "$ROOT/packaging/policy/examples" ]; then
  install -d "$DOC/examples/policies"
  for f in "$ROOT"/packaging/policy/examples/*.json; do
    if [ -f "$f" ]; then install -m 644 "$f" "$DOC/examples/policies/"; fi
  done
  # The examples point at "../bauhinia-policy.schema.json".
  if [ -f "$ROOT/packaging/policy/bauhinia-policy.schema.json" ]; then
    install -m 644 "$ROOT/packaging/policy/bauhinia-policy.schema.json" "$DOC/examples/"
  fi
fi
for guide in deployment.md admin-guide.md; do
  if [ -f "$ROOT/packaging/docs/$guide" ]; then install -m 644 "$ROOT/packaging/docs/$guide" "$DOC/$guide"; fi
done
if [ -f "$SBOM" ]; then install -m 644 "$SBOM" "$DOC/bauhinia.cdx.json"; fi
install -d "$STAGE/usr/share/man/man1"
gzip -9n < "$HERE/bauhinia.1" > "$STAGE/usr/share/man/man1/bauhinia.1.gz"
install -D -m 644 "$HERE/lintian-overrides" "$STAGE/usr/share/lintian/overrides/bauhinia"

# Administrator directories (owned, empty: nothing here is a conffile).
install -d -m 755 "$STAGE/etc/bauhinia" "$STAGE/etc/bauhinia/policies"

# Normalise permissions: directories 755, files 644, ELF executables and shared objects 755.
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE/usr" -type f -exec chmod 644 {} +
chmod 755 "$STAGE/usr/lib/bauhinia/bauhinia"
find "$STAGE/usr/lib/bauhinia" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 644 {} +

# Depends: the fixed list, with libc6 raised to the newest GLIBC symbol version the bundle uses.
glibc="$( (find "$STAGE/usr/lib/bauhinia" -type f \( -name '*.so*' -o -name bauhinia \) -print0 \
  | xargs -0 objdump -T 2>/dev/null || true) | { grep -o 'GLIBC_[0-9.]*' || true; } | sed 's/GLIBC_//' | sort -uV | tail -n1)"
deps="$(grep -v '^\s*#' "$HERE/depends.txt" | sed '/^\s*$/d' | sed "s/^libc6 (>= [0-9.]*)/libc6 (>= ${glibc:-2.34})/" | paste -sd, | sed 's/,/, /g')"
recs="$(grep -v '^\s*#' "$HERE/recommends.txt" | sed '/^\s*$/d' | paste -sd, | sed 's/,/, /g')"
size="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$deps/" \
    -e "s/@RECOMMENDS@/$recs/" "$HERE/control.in" > "$STAGE/DEBIAN/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
  | xargs -0 md5sum > DEBIAN/md5sums)
chmod 644 "$STAGE/DEBIAN/control" "$STAGE/DEBIAN/md5sums"

mkdir -p "$OUTDIR"
DEB="$OUTDIR/bauhinia_${VERSION}_amd64.deb"
# Compression: gzip -6 by default (~40 s for the ~280 MB bundle on 2 shared cores, ~95 MB);
# BAUHINIA_DEB_COMPRESSION=xz for release builds (~25 % smaller, but ~9 min here). zstd would be
# fastest, but lintian (and the Debian archive) accept only gz/xz members.
case "${BAUHINIA_DEB_COMPRESSION:-gzip}" in
  xz) comp=(-Zxz -z6) ;;
  *) comp=(-Zgzip -z6) ;;
esac
dpkg-deb --root-owner-group "${comp[@]}" --build "$STAGE" "$DEB" >&2
echo "$DEB"
