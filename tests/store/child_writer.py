"""Child process for the crash and two-process tests (not collected: no test_ prefix).

Usage: child_writer.py MODE KEY_HEX  (BAUHINIA_HOME names the profile; KEY_HEX '-' = plain)
MODE 'stream': write conversations forever, printing a line after each commit, until killed.
MODE 'pair:N': N open/stream/finish/close cycles, printing how many streams each open recovered.
The test keyring (in memory) is pre-loaded with the parent's key: headless there is no real one.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring
from keyring_backend import MemoryKeyring

from app.paths import user_paths
from app.store import HistoryStore
from app.store.keys import KEYRING_SERVICE, keyring_user

TOKENS = 400


def expected_reply(n: int) -> str:
    return "".join(f"tok{n}-{i} 字{i % 10} " for i in range(TOKENS))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    mode, key_hex = sys.argv[1], sys.argv[2]
    paths = user_paths()
    backend = MemoryKeyring()
    if key_hex != "-":
        backend.set_password(KEYRING_SERVICE, keyring_user(paths.database), key_hex)
    keyring.set_keyring(backend)
    encrypt = key_hex != "-"
    if mode == "stream":
        store = HistoryStore.open(paths, encrypt=encrypt, flush_interval_s=0.02, backup_interval_s=None)
        say(f"READY {os.getpid()} recovered={store.recovered_messages}")
        n = 0
        while True:
            conv = store.new_conversation()
            q = store.add_message(conv.id, "user", f"question {n}")
            say(f"COMMIT {q.id} question {n}")
            writer = store.begin_assistant_message(conv.id)
            say(f"BEGIN {writer.message_id} {n}")
            text = expected_reply(n)
            step = len(text) // TOKENS
            for i in range(0, len(text), step):
                writer.append(text[i : i + step])
                time.sleep(0.0005)
            done = writer.finish("complete", completion_tokens=TOKENS)
            say(f"DONE {done.id} {n}")
            n += 1
    if mode.startswith("pair:"):
        for n in range(int(mode.split(":")[1])):
            with HistoryStore.open(paths, encrypt=encrypt, flush_interval_s=0.01, backup_interval_s=None) as store:
                conv = store.new_conversation(f"pid {os.getpid()} #{n}")
                store.add_message(conv.id, "user", f"q{n}")
                writer = store.begin_assistant_message(conv.id)
                for i in range(30):
                    writer.append(f"t{i} ")
                    time.sleep(0.002)
                writer.finish()
                say(f"CYCLE {n} recovered={store.recovered_messages} conv={conv.id}")
        return 0
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
