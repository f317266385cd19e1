"""Issue 11, history store: encryption ``required`` is enforced (2), the export ban covers every
bulk path (8), profile files are 0600 (13), and imports are bounded (14).

Each test performs the attack on real parts (SQLCipher files, a crashed writer process, the CLI,
/dev/zero, a FIFO) and checks the outcome on disk or on the command line.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from keyring_backend import MemoryKeyring

from app.cli.main import main
from app.paths import Paths, user_paths
from app.store import HistoryExportDenied, HistoryStore, HistoryUnavailable
from app.store.database import file_kind

ROOT = Path(__file__).resolve().parents[2]
TITLE = "QuokkaPlainTitle"
SECRET = "Zyxwvut plaintext memo 機密備忘錄"
MARKERS = ("QuokkaPlainTitle", "Zyxwvut", "機密備忘錄")


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture
def paths(_isolated_home: Path) -> Paths:
    return user_paths()


def _leaks(root: Path) -> list[str]:
    """Every file under the profile (database, -wal/-shm/-journal, backups, leftovers) that holds
    a marker, in UTF-8 or UTF-16 — what someone reading the disk through the file system finds."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            blob = path.read_bytes()
            for marker in MARKERS:
                for encoding in ("utf-8", "utf-16-le"):
                    if marker.encode(encoding) in blob:
                        found.append(f"{path.relative_to(root)}: {marker}/{encoding}")
    return found


def _child(script: str, env_home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BAUHINIA_HOME": str(env_home), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=check,
    )


# A Bauhinia of before (or one run with encryption off) that crashed: its WAL still holds the
# last commits and a reply being streamed, and an unencrypted backup sits in backups/.
_PLANT_CRASHED = """
    import os, sys
    from app.paths import user_paths
    from app.store import HistoryStore
    store = HistoryStore.open(user_paths(), encrypt=False, backup_interval_s=None)
    conv = store.new_conversation(sys.argv[1])
    store.add_message(conv.id, "user", sys.argv[2])
    store.take_backup("planted")
    writer = store.begin_assistant_message(conv.id)
    writer.append(content_delta=sys.argv[2] + " (reply)")
    writer.flush()
    print(conv.id, flush=True)
    os._exit(0)
"""

# The same file with a hot rollback journal: a writer in rollback-journal mode died mid-update,
# so the -journal holds the original (marker) pages.
_PLANT_HOT_JOURNAL = """
    import os, sys
    import sqlcipher3.dbapi2 as sq
    from app.paths import user_paths
    from app.store import HistoryStore
    db = user_paths().database
    store = HistoryStore.open(user_paths(), encrypt=False, backup_interval_s=None)
    conv = store.new_conversation(sys.argv[1])
    store.add_message(conv.id, "user", sys.argv[2])
    store.close()
    conn = sq.connect(str(db), isolation_level=None)
    conn.create_function("bh_fts_text", 1, lambda s: s)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE messages SET content = 'overwritten'")
    conn.execute("UPDATE conversations SET title = 'overwritten'")
    print(conv.id, flush=True)
    os._exit(0)
"""


def _plant(home: Path, script: str) -> str:
    return _child(script, home, TITLE, SECRET).stdout.strip()


# -- item 2: history.encryption = required --------------------------------------------------------
@pytest.mark.parametrize("script", [_PLANT_CRASHED, _PLANT_HOT_JOURNAL], ids=["wal-and-backup", "hot-journal"])
def test_required_converts_plaintext_and_no_marker_survives(
    script: str, paths: Paths, _isolated_home: Path
) -> None:
    cid = _plant(_isolated_home, script)
    assert file_kind(paths.database) == "plain"
    assert _leaks(_isolated_home), "the planted profile must show the markers (else the scan proves nothing)"
    sides = {p.name for p in paths.data.iterdir()}
    assert {"history.sqlite3-wal"} <= sides or {"history.sqlite3-journal"} <= sides

    with HistoryStore.open(paths, require_encryption=True) as store:
        assert store.encrypted and store.warning is None
        thread = store.thread(cid)
        assert thread[0].content == SECRET and store.get_conversation(cid).title == TITLE
        assert store.search("備忘錄")  # the FTS index came across and is searchable
        assert _leaks(_isolated_home) == []  # also while open (WAL, SHM)
    assert _leaks(_isolated_home) == []
    assert file_kind(paths.database) == "encrypted"
    leftovers = [p.name for p in paths.data.iterdir() if "plaintext" in p.name or "encrypting" in p.name]
    assert leftovers == []
    with HistoryStore.open(paths, require_encryption=True) as store:  # and it stays readable
        assert store.thread(cid)[0].content == SECRET


def test_required_replaces_an_empty_plain_file(paths: Paths) -> None:
    """A plain SQLite file with no tables yet (an aborted first start) becomes an encrypted one."""
    import sqlcipher3.dbapi2 as sq

    paths.data.mkdir(parents=True, exist_ok=True)
    conn = sq.connect(str(paths.database))
    conn.execute("PRAGMA journal_mode = WAL")  # writes the plain header, creates no table
    conn.close()
    assert file_kind(paths.database) == "plain"
    with HistoryStore.open(paths, require_encryption=True) as store:
        assert store.encrypted
        store.add_message(store.new_conversation(TITLE).id, "user", SECRET)
    assert file_kind(paths.database) == "encrypted" and _leaks(paths.data) == []


def test_required_through_the_cli_policy(capsys: pytest.CaptureFixture[str], _isolated_home: Path,
                                         _isolated_admin_dir: Path) -> None:
    cid = _plant(_isolated_home, _PLANT_CRASHED)
    _policy(_isolated_admin_dir, {"history.encryption": "required"})
    code = main(["history", "show", cid])
    out, err = capsys.readouterr()
    assert code == 0 and SECRET in out, err
    assert _leaks(_isolated_home) == []


def test_required_without_keyring_refuses_and_writes_nothing(paths: Paths, _isolated_home: Path) -> None:
    _plant(_isolated_home, _PLANT_CRASHED)
    def history_files() -> dict[Path, bytes]:  # (locks/ holds empty lock files, not history)
        return {p: p.read_bytes() for p in paths.data.rglob("*") if p.is_file() and "locks" not in p.parts}

    before = history_files()
    keyring.set_keyring(FailKeyring())
    for fallback in ("plaintext", "refuse"):
        with pytest.raises(HistoryUnavailable, match=r"requires encrypted history.*left unchanged"):
            HistoryStore.open(paths, require_encryption=True, without_keyring=fallback)
    assert history_files() == before  # refused: nothing opened, converted or created


def test_required_new_profile_without_keyring_creates_no_file(paths: Paths) -> None:
    keyring.set_keyring(FailKeyring())
    with pytest.raises(HistoryUnavailable):
        HistoryStore.open(paths, require_encryption=True, without_keyring="plaintext")
    assert not paths.database.exists()


def test_required_with_passphrase_converts(paths: Paths, _isolated_home: Path) -> None:
    cid = _plant(_isolated_home, _PLANT_CRASHED)
    keyring.set_keyring(FailKeyring())
    with HistoryStore.open(paths, require_encryption=True, without_keyring="passphrase",
                           passphrase=lambda: "correct horse") as store:
        assert store.encrypted and store.thread(cid)[0].content == SECRET
    assert _leaks(_isolated_home) == []


def test_required_refuses_while_another_window_has_the_plain_file_open(paths: Paths) -> None:
    with HistoryStore.open(paths, encrypt=False) as other:
        conv = other.new_conversation(TITLE)
        other.add_message(conv.id, "user", SECRET)
        with pytest.raises(HistoryUnavailable, match="another Bauhinia window"):
            HistoryStore.open(paths, require_encryption=True)
        assert other.thread(conv.id)[0].content == SECRET
    assert file_kind(paths.database) == "plain"


def test_failed_conversion_leaves_the_plain_file_and_no_partial_copy(_isolated_home: Path) -> None:
    """A real write failure (file size limit, like a full disk) while the encrypted copy is made."""
    _plant(_isolated_home, _PLANT_CRASHED)
    db = user_paths().database
    run = _child(
        """
        import resource, signal, sys
        sys.path.insert(0, "tests")
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        import keyring
        from keyring_backend import MemoryKeyring
        keyring.set_keyring(MemoryKeyring())
        from app.paths import user_paths
        from app.store import HistoryError, HistoryStore
        # Room for SQLite's 32 KiB shared-memory file, not for the encrypted copy: writing past
        # the limit fails (EFBIG), as on a full disk.
        limit = 48 << 10
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            HistoryStore.open(user_paths(), require_encryption=True)
        except HistoryError as exc:
            print("REFUSED", exc)
        """,
        _isolated_home,
    )
    assert "REFUSED" in run.stdout and "left unchanged" in run.stdout, run.stdout + run.stderr
    assert file_kind(db) == "plain"
    assert not [p for p in db.parent.iterdir() if "encrypting" in p.name or "plaintext" in p.name]
    with HistoryStore.open(user_paths(), encrypt=False) as store:  # the plain history is intact
        assert store.list_conversations()[0].title == TITLE


def test_interrupted_conversion_is_finished_or_undone(paths: Paths, _isolated_home: Path) -> None:
    """A crash after the plaintext was moved aside and before the encrypted copy took its place."""
    cid = _plant(_isolated_home, _PLANT_CRASHED)
    db = paths.database
    for suffix in ("", "-wal", "-shm"):
        src = db.with_name(db.name + suffix)
        if src.exists():
            src.replace(db.with_name(db.name + ".plaintext-wipe" + suffix))
    db.with_name(db.name + ".encrypting").write_bytes(os.urandom(4096))  # half-written ciphertext
    with HistoryStore.open(paths, require_encryption=True) as store:
        assert store.encrypted and store.thread(cid)[0].content == SECRET
    assert _leaks(_isolated_home) == []
    assert sorted(p.name for p in paths.data.iterdir() if p.is_file()) == ["history.sqlite3"]


# -- item 8: history.export_allowed = false --------------------------------------------------------
def _policy(admin_dir: Path, values: dict[str, object]) -> None:
    folder = admin_dir / "policies"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test.json").write_text(json.dumps(values), encoding="utf-8")


def _seed() -> str:
    with HistoryStore.open(user_paths()) as store:
        conv = store.new_conversation(TITLE)
        store.add_message(conv.id, "user", SECRET)
        store.add_message(conv.id, "assistant", SECRET + " answer", reasoning="Zyxwvut thinking")
        return conv.id


def test_export_ban_covers_every_cli_bulk_path(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               _isolated_admin_dir: Path) -> None:
    cid = _seed()
    _policy(_isolated_admin_dir, {"history.export_allowed": False})
    target = tmp_path / "out.txt"
    attempts = {
        "show --json": ["history", "show", cid, "--json"],
        "search --json": ["history", "search", "備忘錄", "--json"],
        "export json": ["history", "export", cid, "--format", "json"],
        "export all": ["history", "export", "all", "--format", "json"],
        "export md": ["history", "export", cid, "--format", "md"],
        "export -o": ["history", "export", cid, "--format", "json", "-o", str(target)],
    }
    leaked = {}
    for name, argv in attempts.items():
        code = main(argv)
        out, err = capsys.readouterr()
        refused = code == 1 and "policy" in err and err.count("\n") == 1
        if not refused or any(m in out for m in MARKERS):
            leaked[name] = (code, out[:80], err)
    assert leaked == {}
    assert not target.exists()
    # Reading is not exporting: the conversation is still shown as text.
    code = main(["history", "show", cid])
    out, _ = capsys.readouterr()
    assert code == 0 and SECRET in out


def test_export_ban_reaches_the_domain_functions_the_window_uses(_isolated_admin_dir: Path) -> None:
    """The window opens history with open_history(settings) and exports through
    app.store.transfer; under the ban those refuse even if the caller passes nothing."""
    from app.history_recorder import open_history
    from app.settings.store import SettingsStore
    from app.store.transfer import export_json, export_markdown

    cid = _seed()
    _policy(_isolated_admin_dir, {"history.export_allowed": False})
    store = open_history(SettingsStore())
    try:
        with pytest.raises(HistoryExportDenied):
            export_json(store)
        with pytest.raises(HistoryExportDenied):
            export_markdown(store, cid)
        assert store.thread(cid)[0].content == SECRET  # the window can still show it
    finally:
        store.close()


# -- item 13: private files ------------------------------------------------------------------------
@pytest.fixture
def wide_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _wide(root: Path) -> list[str]:
    bad = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            bad.append(f"{path.relative_to(root.parent)} {oct(mode)}")
    return bad


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_store_files_are_owner_only(wide_umask: None, paths: Paths, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    cid = _seed()
    with HistoryStore.open(paths) as store:
        writer = store.begin_assistant_message(cid)
        writer.append(content_delta="streaming")
        writer.flush()
        store.take_backup("manual")
        assert _wide(paths.data) == []  # the database, its -wal/-shm, backups and lock files
        writer.finish()
    exported = tmp_path / "export.json"
    assert main(["history", "export", cid, "--format", "json", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_profile_made_by_an_older_version_is_tightened(wide_umask: None, paths: Paths) -> None:
    cid = _seed()
    for path in [paths.data, *paths.data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    with HistoryStore.open(paths) as store:
        assert store.thread(cid)[0].content == SECRET
        assert _wide(paths.data) == []


# -- item 14: bounded import -----------------------------------------------------------------------
_CLI = """
    import resource, sys
    limit = 3 << 30  # address space: enough to run, far less than reading an endless input
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from app.cli.main import main
    sys.exit(main(sys.argv[1:]))
"""


def _import_via_cli(home: Path, source: str) -> subprocess.CompletedProcess[str]:
    return _child(_CLI, home, "history", "import", source, check=False)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_import_dev_zero_is_refused_without_reading_it(_isolated_home: Path) -> None:
    run = _import_via_cli(_isolated_home, "/dev/zero")
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert "not a Bauhinia history export" in run.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="sparse file via truncate")
def test_import_huge_file_is_refused_by_its_size(_isolated_home: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.write(b"{")
        fh.truncate(8 << 30)  # sparse: 8 GiB that take no disk
    run = _import_via_cli(_isolated_home, str(huge))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "larger than" in run.stderr and run.stderr.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_import_endless_fifo_stops_at_the_limit(_isolated_home: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "endless.json"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        chunk = b"[" * (1 << 20)
        try:
            with open(fifo, "wb") as fh:
                fh.write(b'{"format": "bauhinia-history", "conversations": ')
                while not stop.is_set():
                    fh.write(chunk)
        except (BrokenPipeError, OSError):
            pass

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    try:
        run = _import_via_cli(_isolated_home, str(fifo))
    finally:
        stop.set()
        with contextlib.suppress(OSError):  # unblock the writer's open() if the reader never opened it
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(timeout=30)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "larger than" in run.stderr


@pytest.mark.parametrize("depth", [100_000])
def test_deeply_nested_import_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               depth: int) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text('{"format": "bauhinia-history", "version": 2, "conversations": '
                      + "[" * depth + "]" * depth + "}", encoding="utf-8")
    code = main(["history", "import", str(nested)])
    _, err = capsys.readouterr()
    assert code == 1 and "nested too deeply" in err and err.count("\n") == 1
    with HistoryStore.open(user_paths()) as store:
        assert store.list_conversations() == []
