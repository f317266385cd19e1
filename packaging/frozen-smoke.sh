# shellcheck shell=bash
# Smoke checks of a frozen Bauhinia as users run it, sourced by packaging/ci-packaging.sh (the
# bundle) and packaging/deb/install-test.sh (the installed DEB in a clean root). The Windows build
# (packaging/windows/build-windows.ps1) does the same checks in PowerShell.
#
#   smoke_window LOGDIR LABEL CMD...   CMD opens the window headless (the caller puts
#                                      QT_QPA_PLATFORM=offscreen BAUHINIA_EXIT_AFTER_PAINT=1 in its
#                                      environment): exit 0, a "painted <time> <W>x<H>" line on
#                                      stdout (app/ui/main.py prints it only after a real paint
#                                      event), and no Python traceback on stdout or stderr.
#   smoke_chat LOGDIR LABEL CMD...     CMD is `bauhinia ask ... --json PROMPT` on the diagnostic
#                                      model: exit 0, a JSON reply holding the scripted answer's
#                                      end marker "Done." (the model file given as a path) or the
#                                      report `-m diagnostic` ends with (its four "- " lines),
#                                      completion tokens > 0, no traceback.
# CMD may be a shell function (install-test.sh runs as_clerk); bound its time in CMD if needed
# (the window gives up by itself after 60 s without a paint). Both write LOGDIR/<kind>-LABEL.out/.err and print one line. Host python3 parses the JSON.

_smoke_no_traceback() {  # $1 out, $2 err
  if grep -q 'Traceback (most recent call last)' "$1" "$2"; then
    cat "$2" >&2
    return 1
  fi
}

smoke_window() {
  local dir="$1" label="$2"
  shift 2
  local out="$dir/window-$label.out" err="$dir/window-$label.err" rc=0
  "$@" >"$out" 2>"$err" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "smoke: window ($label) exited $rc" >&2; tail -n 30 "$err" >&2; return 1
  fi
  _smoke_no_traceback "$out" "$err" || { echo "smoke: window ($label) printed a traceback" >&2; return 1; }
  local line
  line="$(grep -E '^painted [0-9]+\.[0-9]+ [1-9][0-9]*x[1-9][0-9]*$' "$out" | head -n1 || true)"
  [ -n "$line" ] || { echo "smoke: window ($label) did not report a paint" >&2; cat "$out" "$err" >&2; return 1; }
  echo "smoke: window ($label) ok: $line" >&2
}

smoke_chat() {
  local dir="$1" label="$2"
  shift 2
  local out="$dir/chat-$label.out" err="$dir/chat-$label.err" rc=0
  "$@" >"$out" 2>"$err" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "smoke: chat turn ($label) exited $rc" >&2; tail -n 30 "$err" >&2; return 1
  fi
  _smoke_no_traceback "$out" "$err" || { echo "smoke: chat turn ($label) printed a traceback" >&2; return 1; }
  python3 - "$out" "$label" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
reply = json.loads(text[text.index("{"):])  # the one JSON object `ask --json` prints
content = str(reply.get("content", ""))
tokens = int(reply.get("usage", {}).get("completion_tokens", 0))
report = content.count("\n- ") >= 3  # `ask -m diagnostic`: device, speed, history, keyring (any language)
assert "Done." in content or report, f"chat turn ({sys.argv[2]}): the scripted answer is missing: {content[:200]!r}"
assert tokens > 0, f"chat turn ({sys.argv[2]}): no completion tokens: {reply!r}"[:400]
print(f"smoke: chat turn ({sys.argv[2]}) ok: {tokens} tokens, finish_reason={reply.get('finish_reason')}, "
      f"{reply.get('timings', {}).get('tokens_per_s', 0):.0f} tok/s", file=sys.stderr)
PY
}
