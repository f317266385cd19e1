#!/usr/bin/env bash
# Install test on a clean system: a fresh minimal Debian root (debootstrap --variant=minbase), the
# DEB installed with apt (so a missing Depends shows), the frozen app run headless (CLI, the window
# with BAUHINIA_EXIT_AFTER_PAINT=1, one chat turn on the diagnostic model), the selftest on the
# Vulkan module with mesa-vulkan-drivers (lavapipe) when the bundle has it, an upgrade to a
# newer build that must keep user data and /etc/bauhinia, and a clean remove + purge.
#
# Usage: packaging/deb/install-test.sh OLD.deb NEW.deb [REPORT.json]
# Needs root, debootstrap, and Debian's package mirror (apt fetches the Depends).
# Env:  BAUHINIA_DEBIAN_SUITE (bookworm), BAUHINIA_DEBIAN_MIRROR (http://deb.debian.org/debian),
#       BAUHINIA_DIAGNOSTIC_GGUF (the diagnostic model for the chat turn; default: built with DEV_PY,
#       .venv/bin/python), BAUHINIA_PACKAGING_CACHE (~/.cache/bauhinia-packaging: the debootstrap result is kept there
#       as a tarball for a week and unpacked fresh for every run), BAUHINIA_KEEP_ROOT=1 to keep it.
set -euo pipefail
OLD_DEB="$(realpath "$1")"
NEW_DEB="$(realpath "$2")"
REPORT="${3:-}"
SUITE="${BAUHINIA_DEBIAN_SUITE:-bookworm}"
MIRROR="${BAUHINIA_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${BAUHINIA_PACKAGING_CACHE:-$HOME/.cache/bauhinia-packaging}"
TARBALL="$CACHE/debootstrap/$SUITE-minbase-amd64.tar"

[ "$(id -u)" = 0 ] || { echo "install-test: must run as root (chroot, mount)" >&2; exit 1; }
log() { printf 'install-test: %s\n' "$*" >&2; }

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/bauhinia-cleanroot.XXXXXX")"
chmod 755 "$ROOTFS"  # it becomes "/": users (_apt, clerk) must be able to traverse it
MOUNTS=()
cleanup() {
  local status=$?
  # Unmount in reverse order, always, even after a failure.
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount -l "${MOUNTS[$i]}" 2>/dev/null || true
  done
  if [ "${BAUHINIA_KEEP_ROOT:-0}" = 1 ]; then
    log "root kept at $ROOTFS"
  else
    rm -rf --one-file-system "$ROOTFS"
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

t0=$(date +%s)
mkdir -p "$(dirname "$TARBALL")"
if [ -f "$TARBALL" ] && [ -z "$(find "$TARBALL" -mtime +7)" ]; then
  log "unpacking cached $SUITE minbase root"
  tar -xpf "$TARBALL" -C "$ROOTFS"
else
  log "debootstrap --variant=minbase $SUITE"
  debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.debootstrap.log" 2>&1 \
    || { tail -n 30 "$ROOTFS.debootstrap.log" >&2; exit 1; }
  rm -f "$ROOTFS.debootstrap.log"
  tar -cpf "$TARBALL.tmp" -C "$ROOTFS" . && mv "$TARBALL.tmp" "$TARBALL"
fi
chmod 755 "$ROOTFS"
t_root=$(date +%s)

mount -t proc proc "$ROOTFS/proc"; MOUNTS+=("$ROOTFS/proc")
if [ ! -c "$ROOTFS/dev/null" ]; then
  mount --bind /dev "$ROOTFS/dev"; MOUNTS+=("$ROOTFS/dev")
fi
cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
cp "$OLD_DEB" "$NEW_DEB" "$ROOTFS/tmp/"
OLD="/tmp/$(basename "$OLD_DEB")"
NEW="/tmp/$(basename "$NEW_DEB")"

in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }
as_clerk() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/home/clerk USER=clerk \
  QT_QPA_PLATFORM=offscreen /usr/sbin/runuser -u clerk -- "$@"; }
apt_get() { in_root apt-get -y -q -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confask "$@" </dev/null; }

apt_get update >/dev/null
in_root useradd --create-home --shell /bin/sh clerk

# --- install: only what Depends pulls (no Recommends), so a missing Depends fails here ----------
log "installing $(basename "$OLD_DEB")"
apt_get install --no-install-recommends "$OLD" >"$ROOTFS/tmp/apt-install.log" 2>&1 \
  || { tail -n 40 "$ROOTFS/tmp/apt-install.log" >&2; exit 1; }
t_install=$(date +%s)
[ -z "$(in_root dpkg-query -W -f='${Conffiles}' bauhinia)" ] || { log "package has conffiles"; exit 1; }

# Libraries the bundle links to that the clean system lacks. The PyInstaller bootloader puts
# _internal on LD_LIBRARY_PATH, so ldd looks there too, as the running app does. The Qt core
# libraries and the offscreen/xcb platform plugins must resolve completely; other plugins (e.g. the
# GTK3 theme, used only where GTK is installed) are only reported.
missing_core="$(in_root sh -c 'cd /usr/lib/bauhinia/_internal && export LD_LIBRARY_PATH=$PWD && for f in PySide6/Qt/lib/libQt6Core.so.6 \
  PySide6/Qt/lib/libQt6Gui.so.6 PySide6/Qt/lib/libQt6Widgets.so.6 PySide6/Qt/lib/libQt6XcbQpa.so.6 \
  PySide6/Qt/plugins/platforms/libqoffscreen.so PySide6/Qt/plugins/platforms/libqxcb.so \
  llama_cpp/lib/*.so; do if [ -e "$f" ]; then ldd "$f" | sed -n "s|^\s*\(\S*\) => not found|$f: \1|p"; fi; done' \
  | sort -u)"
missing_other="$(in_root sh -c 'cd /usr/lib/bauhinia/_internal && export LD_LIBRARY_PATH=$PWD && find . -name "*.so*" -type f \
  -exec sh -c "ldd \"\$1\" 2>/dev/null | sed -n \"s|^\s*\(\S*\) => not found|\1|p\"" _ {} \;' | sort -u | paste -sd' ')"
if [ -n "$missing_core" ]; then
  log "libraries missing on a clean system (add them to packaging/deb/depends.txt):"
  printf '%s\n' "$missing_core" >&2
  exit 1
fi
[ -z "$missing_other" ] || log "optional plugins would need: $missing_other"

# shellcheck source=packaging/frozen-smoke.sh
. "$(dirname "$0")/../frozen-smoke.sh"
# The diagnostic model for the chat turn: the bytes ci-packaging.sh built, or built here.
DIAG="${BAUHINIA_DIAGNOSTIC_GGUF:-}"
if [ -z "$DIAG" ]; then
  DIAG="$("${DEV_PY:-$(dirname "$0")/../../.venv/bin/python}" -c 'import sys; from engine.diagnostic import diagnostic_model_path; print(diagnostic_model_path(sys.argv[1]))' "$ROOTFS.diag")"
fi
install -m 0644 "$DIAG" "$ROOTFS/tmp/diagnostic.gguf"
rm -rf "$ROOTFS.diag"

run_app_checks() {  # $1 = label; the frozen app, headless, as an ordinary user
  local label="$1"
  as_clerk bauhinia --version
  # The window, as the desktop entry starts it (offscreen), and one chat turn on the diagnostic model.
  smoke_window "$ROOTFS/tmp" "$label" as_clerk env BAUHINIA_EXIT_AFTER_PAINT=1 bauhinia
  smoke_chat "$ROOTFS/tmp" "$label" as_clerk bauhinia ask -m /tmp/diagnostic.gguf --no-history --seed 1 --json "Hello"
  grep -h '^painted ' "$ROOTFS/tmp/window-$label.out" | head -n1 >"$ROOTFS/tmp/window-$label.status"
  as_clerk bauhinia doctor --json >"$ROOTFS/tmp/doctor-$label.json"
  python3 - "$ROOTFS/tmp/doctor-$label.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
text = json.dumps(doc).lower()
assert "cpu" in text, "doctor lists no CPU backend: " + text[:400]
print("install-test: doctor ok:", ", ".join(sorted(k for k in doc))[:200], file=sys.stderr)
PY
  if as_clerk bauhinia --help | grep -qw selftest; then
    # This root has only the Depends, no Secret Service (the keyring is a Recommends): every check
    # must pass except the two that need a keyring. ci-packaging.sh runs the same bundle's
    # selftest in full under a private Secret Service.
    local status=pass
    if ! as_clerk bauhinia selftest --json >"$ROOTFS/tmp/selftest-$label.json"; then
      python3 - "$ROOTFS/tmp/selftest-$label.json" <<'PY' || { cat "$ROOTFS/tmp/selftest-$label.json" >&2; log "selftest failed ($label)"; return 1; }
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
failed = {c["name"]: c["detail"] for c in report["checks"] if not c["passed"]}
keyring = failed.pop("keyring round-trip", "")
history = failed.pop("encrypted history round-trip", "")
assert not failed, f"selftest checks failed: {failed}"
assert "no system keyring" in keyring and "keyring round-trip" in history, (keyring, history)
PY
      status=pass-without-keyring
    fi
    echo "$status" >"$ROOTFS/tmp/selftest-$label.status"
  else
    log "this build has no 'selftest' command yet; ran --version and doctor only"
    echo absent >"$ROOTFS/tmp/selftest-$label.status"
  fi
}
run_app_checks installed

# --- the Vulkan module on a real Vulkan driver: Mesa's lavapipe, a CPU Vulkan device (ggml uses a
# CPU-type Vulkan device only when GGML_VK_VISIBLE_DEVICES names it) -----------------------------
vulkan=absent
if [ -e "$ROOTFS/usr/lib/bauhinia/_internal/llama_cpp/lib/libggml-vulkan.so" ]; then
  log "installing mesa-vulkan-drivers (lavapipe); selftest on the Vulkan device"
  apt_get install --no-install-recommends mesa-vulkan-drivers >"$ROOTFS/tmp/apt-mesa.log" 2>&1 \
    || { tail -n 40 "$ROOTFS/tmp/apt-mesa.log" >&2; exit 1; }
  as_clerk env GGML_VK_VISIBLE_DEVICES=0 bauhinia doctor --json >"$ROOTFS/tmp/doctor-vulkan.json"
  as_clerk env GGML_VK_VISIBLE_DEVICES=0 bauhinia selftest --json >"$ROOTFS/tmp/selftest-vulkan.json" || true
  python3 - "$ROOTFS/tmp/doctor-vulkan.json" "$ROOTFS/tmp/selftest-vulkan.json" <<'PY' \
    || { cat "$ROOTFS/tmp/selftest-vulkan.json" >&2; log "the selftest on Vulkan failed"; exit 1; }
import json, sys
doctor = json.load(open(sys.argv[1], encoding="utf-8"))
vk = [d for d in doctor["devices"] if d["backend"] == "Vulkan"]
assert vk and vk[0]["memory_total"] > 0, f"doctor lists no Vulkan device with memory: {doctor['devices']}"
report = json.load(open(sys.argv[2], encoding="utf-8"))
checks = {c["name"]: c for c in report["checks"]}
assert checks["load"]["passed"] and checks["load"]["detail"].startswith(vk[0]["id"] + ","), checks["load"]
failed = {n: c["detail"] for n, c in checks.items() if not c["passed"]}
failed.pop("keyring round-trip", None)  # no Secret Service in this root (see run_app_checks)
failed.pop("encrypted history round-trip", None)
assert not failed, f"selftest checks failed on Vulkan: {failed}"
print("install-test: selftest on", checks["load"]["detail"], file=sys.stderr)
PY
  vulkan=pass
fi

# --- what must survive an upgrade: the administrator's files and the user's data ----------------
install -d "$ROOTFS/etc/bauhinia/policies"
cp "$ROOTFS/usr/share/doc/bauhinia/examples/models.json" "$ROOTFS/etc/bauhinia/models.json"
printf '{"history.export_allowed": false}\n' >"$ROOTFS/etc/bauhinia/policies/10-site.json"
as_clerk sh -c 'mkdir -p "$HOME/.local/share/Bauhinia" && printf "user data\n" > "$HOME/.local/share/Bauhinia/keep-me.txt"'
keep_sums() {
  (cd "$ROOTFS" && find etc/bauhinia home/clerk/.local/share/Bauhinia -type f -print0 | LC_ALL=C sort -z \
    | xargs -0 sha256sum)
}
before="$(keep_sums)"
printf '%s\n' "$before" | grep -q keep-me.txt

# --- upgrade ------------------------------------------------------------------------------------
log "upgrading to $(basename "$NEW_DEB")"
apt_get install --no-install-recommends "$NEW" >"$ROOTFS/tmp/apt-upgrade.log" 2>&1 \
  || { tail -n 40 "$ROOTFS/tmp/apt-upgrade.log" >&2; exit 1; }
new_version="$(in_root dpkg-query -W -f='${Version}' bauhinia)"
expected="$(dpkg-deb -f "$NEW_DEB" Version)"
[ "$new_version" = "$expected" ] || { log "after upgrade: version $new_version, expected $expected"; exit 1; }
if grep -qi "conffile\|configuration file" "$ROOTFS/tmp/apt-upgrade.log"; then
  log "the upgrade asked about configuration files"; exit 1
fi
[ "$(keep_sums)" = "$before" ] || { log "upgrade changed /etc/bauhinia or user data"; exit 1; }
run_app_checks upgraded
t_upgrade=$(date +%s)

# --- remove, then purge: nothing of the package may remain; admin and user files stay -----------
in_root dpkg-query -L bauhinia >"$ROOTFS/tmp/bauhinia.files"
apt_get remove bauhinia >/dev/null
for p in /usr/lib/bauhinia /usr/bin/bauhinia /usr/share/applications/hk.gov.bauhinia.desktop; do
  [ ! -e "$ROOTFS$p" ] && [ ! -L "$ROOTFS$p" ] || { log "$p still present after remove"; exit 1; }
done
# No conffiles means remove already left nothing; purge must still succeed (apt no longer knows a
# package installed from a file, so ask dpkg).
in_root dpkg --purge bauhinia >/dev/null
status="$(in_root dpkg-query -W -f='${db:Status-Status}' bauhinia 2>/dev/null || echo not-installed)"
[ "$status" = "not-installed" ] || { log "dpkg status after purge: $status"; exit 1; }
left=""
while IFS= read -r p; do
  [ -n "$p" ] || continue
  if [ -f "$ROOTFS$p" ] || [ -L "$ROOTFS$p" ]; then left="$left $p"; fi
done <"$ROOTFS/tmp/bauhinia.files"
[ -z "$left" ] || { log "files left after purge:$left"; exit 1; }
[ "$(keep_sums)" = "$before" ] || { log "remove/purge touched /etc/bauhinia or user data"; exit 1; }
t_end=$(date +%s)

log "PASS: install, run, upgrade (data kept), remove, purge"
if [ -n "$REPORT" ]; then
  python3 - "$REPORT" <<PY
import json, sys
report = {
    "suite": "$SUITE",
    "old": "$(basename "$OLD_DEB")",
    "new": "$(basename "$NEW_DEB")",
    "selftest": {"installed": "$(cat "$ROOTFS/tmp/selftest-installed.status")",
                 "upgraded": "$(cat "$ROOTFS/tmp/selftest-upgraded.status")"},
    "window": {"installed": "$(cat "$ROOTFS/tmp/window-installed.status")",
               "upgraded": "$(cat "$ROOTFS/tmp/window-upgraded.status")"},
    "chat_turn": "pass",
    "vulkan_selftest": "$vulkan",
    "optional_plugin_libraries_missing": "$missing_other".split(),
    "seconds": {"clean_root": $((t_root - t0)), "install_and_run": $((t_install - t_root)),
                "upgrade_and_run": $((t_upgrade - t_install)), "remove_purge": $((t_end - t_upgrade)),
                "total": $((t_end - t0))},
    "result": "pass",
}
json.dump(report, open(sys.argv[1], "w"), indent=2)
PY
fi
