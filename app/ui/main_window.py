"""The main window: sidebar, conversation view, composer, model picker and status bar.

It owns no model and writes nothing to the database itself: the engine worker (one thread,
the only owner of the model) streams and records replies, the store worker runs every other
history call; both answer with signals.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMetaObject, Qt, QThread, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QFont,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language, tr
from app.typed_settings import get_bool, get_int, get_str
from app.ui.a11y import name_from_label
from app.ui.announce import announce
from app.ui.composer import Composer
from app.ui.dialogs import AboutDialog, ask_passphrase, confirm_link
from app.ui.documents_ui import DocumentsUi
from app.ui.focus_order import apply_focus_order
from app.ui.markdown_render import plain_tooltip
from app.ui.message_focus import MessageFocus
from app.ui.preset_bar import PresetBar
from app.ui.sidebar import Sidebar
from app.ui.status import StatusBar
from app.ui.tasks import (
    CURRENT,
    DIAGNOSTIC_REF,
    EngineWorker,
    JobWorker,
    ModelInfo,
    SendRequest,
    StoreClient,
    StoreWorker,
    default_diagnostic_factory,
    start_thread,
)
from app.ui.theme import apply_theme, set_text_sizes
from app.ui.transcript import MessageItem, TranscriptView
from app.ui.ui_state import UiState
from app.ui.welcome import WelcomePage

NOTICE_ROLE = Qt.ItemDataRole.UserRole + 1  # picker: the plain "text leaves this PC" notice

THREAD_PAGE = 200


class MainWindow(QMainWindow):
    _engine_load = Signal(str)
    _engine_send = Signal(object)
    _retry_save = Signal()
    _job_run = Signal(object)

    def __init__(
        self,
        settings: Any,
        paths: Any,
        *,
        diagnostic_factory: Callable[[], Any] | None = None,
        open_store: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.paths = paths
        self.state = UiState(paths.config)
        self._open_store_fn = open_store
        self.store: Any = None
        self.conversation_id: str | None = None
        self.model: ModelInfo | None = None
        self.loading = False
        self.generating = False
        self.closed_cleanly = False
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.confirm_exec: Callable[[Any], Any] | None = None  # tests answer dialogs here
        self.ask_confirm: Callable[[str, str], bool] = self._ask_confirm
        self.settings_dialog: Any = None
        self.about_dialog: Any = None
        self._pending_select: str | None = None
        self._catalogue_entries: dict[str, Any] = {}  # catalogue id → entry (for its system prompt)

        # workers --------------------------------------------------------------------------------
        self.store_worker = StoreWorker(None)
        self.store_thread: QThread = start_thread(self.store_worker, "bauhinia-store")
        self.store_client = StoreClient(self.store_worker, self)
        self.store_client.failed.connect(self.show_notice)
        self.job_worker = JobWorker()
        self.job_thread: QThread = start_thread(self.job_worker, "bauhinia-jobs")
        self._job_run.connect(self.job_worker.run)
        self.job_worker.progress.connect(self._load_progress)
        self.job_worker.done.connect(self._import_done)
        self.job_worker.failed.connect(self._import_failed)
        self.job_worker.cancelled.connect(self._import_cancelled)
        self.importing = False
        factory = diagnostic_factory or default_diagnostic_factory(paths.cache)
        self.engine = EngineWorker(settings, paths, None, factory)
        self.engine_thread: QThread = start_thread(self.engine, "bauhinia-engine")
        self._engine_load.connect(self.engine.load)
        self._engine_send.connect(self.engine.send)
        e = self.engine
        e.loadStarted.connect(self._load_started)
        e.loadProgress.connect(self._load_progress)
        e.loaded.connect(self._loaded)
        e.loadFailed.connect(self._load_failed)
        e.conversationCreated.connect(self._conversation_created)
        e.userMessageStored.connect(self._user_stored)
        e.replyStarted.connect(self._reply_started)
        e.replyDelta.connect(self._reply_delta)
        e.contextTrimmed.connect(self._context_trimmed)
        e.replyFinished.connect(self._reply_finished)
        e.replySaveFailed.connect(self._reply_save_failed)
        self._retry_save.connect(self.engine.retry_save)
        e.sendFailed.connect(self._send_failed)
        e.turnWarning.connect(self.show_notice)

        # widgets --------------------------------------------------------------------------------
        self.sidebar = Sidebar(self.store_client, self)
        self.sidebar.conversationActivated.connect(self.open_conversation)
        self.sidebar.newChatRequested.connect(self.new_chat)
        self.sidebar.conversationDeleted.connect(lambda _cid: self.new_chat())
        self.picker = QComboBox(self)
        self.picker.setObjectName("modelPicker")
        self.picker.setMinimumContentsLength(28)
        self.picker.activated.connect(self._picker_activated)
        self.picker_label = QLabel(self)
        self.picker_label.setBuddy(self.picker)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # notices quote servers and files: never HTML
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton(self)
        self.dismiss.setObjectName("dismissNotice")
        self.dismiss.clicked.connect(self.hide_notice)
        self.retry = QPushButton(self)
        self.retry.setObjectName("retrySave")
        self.retry.clicked.connect(self.retry_save)
        self.transcript = TranscriptView(self)
        self.transcript.actionRequested.connect(self._message_action)
        self.transcript.linkActivated.connect(self.request_link)
        self.transcript.olderWanted.connect(self._load_older)
        self.composer = Composer(self)
        self.composer.sendRequested.connect(self.send)
        self.composer.stopRequested.connect(self.stop)
        self.composer.editCancelled.connect(self._edit_cancelled)
        self.composer.set_attach_available(get_bool(settings, "documents.enabled"))
        self.presets = PresetBar(settings, self)  # the task picker above the composer
        self.documents_ui = DocumentsUi(self)  # attachments, "Use my library", prompt progress, sources
        self.welcome = WelcomePage(get_bool(settings, "models.user_import_allowed"), self)
        self.welcome.diagnosticRequested.connect(lambda: self.load_model(DIAGNOSTIC_REF))
        self.welcome.importRequested.connect(self.import_model)

        top = QHBoxLayout()
        top.addWidget(self.picker_label)
        top.addWidget(self.picker, 1)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.retry)
        notice_row.addWidget(self.dismiss)
        chat = QWidget(self)
        chat.setObjectName("chatPage")
        col = QVBoxLayout(chat)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.transcript, 1)
        col.addWidget(self.presets)
        col.addWidget(self.documents_ui.panel)
        col.addWidget(self.composer)
        self.chat_page = chat
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(chat)
        right = QWidget(self)
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(8, 8, 8, 0)  # the 8 px grid (app/ui/theme.py SPACING)
        rcol.setSpacing(8)
        rcol.addLayout(top)
        rcol.addLayout(notice_row)
        rcol.addWidget(self.stack, 1)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 740])
        self.setCentralWidget(self.splitter)
        self.status = StatusBar(self)
        self.status.cancelLoad.connect(self.engine.cancel_load)
        self.status.cancelLoad.connect(self.job_worker.cancel)
        self.setStatusBar(self.status)
        self.hide_notice()
        self._build_actions()
        self._apply_font_size(get_int(settings, "ui.font_size"))
        self.composer.set_can_send(False)
        self.composer.think_toggle.setChecked(self.state.deep_thinking())
        apply_focus_order(self)  # reading order: sidebar, picker, conversation, its actions, composer
        self.message_focus = MessageFocus(self)  # Regenerate and ‹/› keep the keyboard on the message
        self.retranslateUi()
        geometry = self.state.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        splitter = self.state.splitter()
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # -- actions and translation ---------------------------------------------------------------
    def _build_actions(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.view_menu = mb.addMenu("")
        self.help_menu = mb.addMenu("")
        self.act_new = QAction(self)
        self.act_new.setShortcut(QKeySequence.StandardKey.New)
        self.act_new.triggered.connect(self.new_chat)
        self.act_import = QAction(self)
        self.act_import.triggered.connect(self.import_model)
        self.act_import.setEnabled(get_bool(self.settings, "models.user_import_allowed"))
        self.act_settings = QAction(self)
        self.act_settings.setShortcuts([QKeySequence("Ctrl+,"), QKeySequence(QKeySequence.StandardKey.Preferences)])
        self.act_settings.triggered.connect(self.open_settings)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        for a in (self.act_new, self.act_import, self.act_settings, self.act_quit):
            self.file_menu.addAction(a)
        from app.ui.export_action import ExportAction

        self.export_ui = ExportAction(self, self.file_menu, before=self.act_settings)  # DOCX and PDF
        from app.ui.preset_editor import PresetEditorAction

        self.preset_editor_ui = PresetEditorAction(self, self.file_menu, before=self.act_settings)
        from app.ui.library_dialog import LibraryAction

        self.library_ui = LibraryAction(self, self.file_menu, before=self.act_settings)  # folders, indexing
        self.act_search = QAction(self)
        self.act_search.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)])
        self.act_search.triggered.connect(self.sidebar.focus_search)
        self.act_bigger = QAction(self)
        self.act_bigger.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.act_bigger.triggered.connect(lambda: self.change_font_size(1))
        self.act_smaller = QAction(self)
        self.act_smaller.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.act_smaller.triggered.connect(lambda: self.change_font_size(-1))
        self.act_reset_font = QAction(self)
        self.act_reset_font.setShortcut(QKeySequence("Ctrl+0"))
        self.act_reset_font.triggered.connect(lambda: self.change_font_size(0))
        self.act_focus_composer = QAction(self)
        self.act_focus_composer.setShortcut(QKeySequence("Ctrl+L"))
        self.act_focus_composer.triggered.connect(lambda: self.composer.edit.setFocus())
        for a in (self.act_search, self.act_bigger, self.act_smaller, self.act_reset_font, self.act_focus_composer):
            self.view_menu.addAction(a)
        self.act_about = QAction(self)
        self.act_about.triggered.connect(self.open_about)
        self.help_menu.addAction(self.act_about)
        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.stop_shortcut.activated.connect(self.stop)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Bauhinia 紫荊助手"))
        self.setAccessibleName(self.tr("Bauhinia"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_new.setText(self.tr("&New chat"))
        self.act_import.setText(self.tr("&Import model file…"))
        self.act_settings.setText(self.tr("&Settings…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_search.setText(self.tr("&Search conversations"))
        self.act_bigger.setText(self.tr("&Larger text"))
        self.act_smaller.setText(self.tr("S&maller text"))
        self.act_reset_font.setText(self.tr("&Reset text size"))
        self.act_focus_composer.setText(self.tr("&Write a message"))
        self.act_about.setText(self.tr("&About Bauhinia"))
        self.picker_label.setText(self.tr("&Model:"))
        name_from_label(self.picker, self.picker_label)  # a combo box is named by its label, not its value
        self.picker.setToolTip(self.tr("Choose the model that answers"))
        self.notice.setAccessibleName(self.tr("Notice"))
        self.dismiss.setText(self.tr("Dismiss"))
        self.retry.setText(self.tr("Retry saving"))
        self.retry.setAccessibleName(self.tr("Retry saving the reply"))
        self.dismiss.setAccessibleName(self.tr("Dismiss notice"))
        self.stack.setAccessibleName(self.tr("Main area"))
        self.splitter.setAccessibleName(self.tr("Sidebar and conversation"))
        if self.store is not None:
            self.populate_picker()
        if self.model is not None and self.model.diagnostic:
            self.model.label = tr("Models", "Diagnostic model")  # the worker named it in the old language
            self.status.rename_model(self.model.label)
            if self.model.extra.get("report") and not (self.generating or self.loading):
                # Rebuilt in the new language (once: a switch may retranslate more than once).
                QTimer.singleShot(0, lambda: None if self.loading else self.load_model(DIAGNOSTIC_REF))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- start-up ----------------------------------------------------------------------------
    def start(self) -> None:
        """Open the history, fill the picker, pick the page and reload the last session."""
        self.store = self._open_store()
        self.store_worker.store = self.store
        self.engine.set_store(self.store)
        self.sidebar.reload()
        if getattr(self.store, "warning", None):
            self.show_notice(str(self.store.warning))
        self.populate_picker()
        last_model = self.state.last_model()
        configured = self._configured_model()
        if last_model and self.picker.findData(last_model) >= 0:
            self.stack.setCurrentWidget(self.chat_page)
            self.load_model(last_model)
        elif configured:
            self.stack.setCurrentWidget(self.chat_page)
            self.load_model(configured)
        elif self.picker.count() > 2:  # models exist; the user picks one
            self.stack.setCurrentWidget(self.chat_page)
        else:
            self.stack.setCurrentWidget(self.welcome)
        last = self.state.last_conversation()
        if last:
            self.open_conversation(last, "")
        QTimer.singleShot(0, lambda: warm_up_rendering(self.transcript.font()))
        self.library_ui.start()  # changed, added and removed library files, in the background

    def _configured_model(self) -> str | None:
        """``model.default`` or the catalogue's default: the rule ``ask`` uses too."""
        from app.default_model import default_model_ref
        from app.models.catalogue import load_catalogue

        try:
            return default_model_ref(self.settings, load_catalogue(self.settings, self.paths))
        except Exception:  # a broken catalogue is reported in the picker, not here
            return get_str(self.settings, "model.default") or None

    def _open_store(self) -> Any:
        from app.history_recorder import open_history
        from app.store import HistoryError, HistoryStore

        if self._open_store_fn is not None:
            return self._open_store_fn()
        try:
            return open_history(self.settings, self.paths, passphrase=lambda: ask_passphrase(self))
        except HistoryError as exc:
            self.show_notice(self.tr("History is not being saved: %1").replace("%1", str(exc)))
            return HistoryStore.open(self.paths, enabled=False)

    def populate_picker(self) -> None:
        from app.models.catalogue import load_catalogue
        from app.remote_endpoints import model_choices

        current = self.picker.currentData()
        self.picker.clear()
        self.picker.addItem(self.tr("Choose a model…"), "")
        lang = self._language()
        self._catalogue_entries = {}
        try:
            catalogue = load_catalogue(self.settings, self.paths)
            for entry in catalogue.chat_entries():  # embedding models are not chat models
                self._catalogue_entries[entry.id] = entry
                name = entry.name(lang)
                if entry.source == "user":
                    name = self.tr("%1 (your model)").replace("%1", name)
                self.picker.addItem(name, entry.id)
            for problem in catalogue.problems:
                self.show_notice(problem)
        except Exception as exc:  # the picker stays usable with what could be read
            self.show_notice(self.tr("The model catalogue could not be read: %1").replace("%1", str(exc)))
        try:
            for choice in model_choices(self.settings, lang):
                self.picker.addItem(self.tr("%1 ↗ leaves this PC").replace("%1", choice.label), choice.ref)
                row = self.picker.count() - 1
                self.picker.setItemData(row, plain_tooltip(choice.leaves_pc_notice), Qt.ItemDataRole.ToolTipRole)
                self.picker.setItemData(row, choice.leaves_pc_notice, NOTICE_ROLE)
        except Exception as exc:
            self.show_notice(str(exc))
        self.picker.addItem(self.tr("Diagnostic model (checks the installation and reports)"),
                            DIAGNOSTIC_REF)
        idx = self.picker.findData(current if current else (self.model.ref if self.model else ""))
        self.picker.setCurrentIndex(max(0, idx))

    def _language(self) -> str:
        return current_language()

    # -- models --------------------------------------------------------------------------------
    def _picker_activated(self, index: int) -> None:
        ref = self.picker.itemData(index)
        if ref and (self.model is None or ref != self.model.ref):
            self.load_model(ref)

    def load_model(self, ref: str) -> None:
        if self.generating:
            self.show_notice(self.tr("Stop the current reply before changing the model."))
            return
        self.loading = True
        self.composer.set_can_send(False)
        self.status.show_loading(True)
        idx = self.picker.findData(ref)
        if idx >= 0:
            self.picker.setCurrentIndex(idx)
        if self.stack.currentWidget() is self.welcome:
            self.stack.setCurrentWidget(self.chat_page)
        self._engine_load.emit(ref)

    def _load_started(self, ref: str) -> None:
        self.status.showMessage(self.tr("Loading the model…"))

    def _load_progress(self, done: int, total: int) -> None:
        self.status.show_loading(True, done, total)

    def _loaded(self, info: ModelInfo) -> None:
        self.loading = False
        self.model = info
        self.status.show_loading(False)
        self.status.clearMessage()
        self.status.set_model(info.label, info.backend, info.device, info.n_ctx)
        self.composer.set_can_send(True)
        self.composer.set_thinking_switch(info.thinking_switch)
        idx = self.picker.findData(info.ref)
        if idx >= 0:
            self.picker.setCurrentIndex(idx)
        if info.warning:
            self.show_notice(info.warning)
        elif info.remote:
            self.show_notice(self.picker.itemData(idx, NOTICE_ROLE) or "")
        elif info.diagnostic:
            self.show_notice(self.tr("The diagnostic model is loaded. Send any message: it answers with a "
                                     "report of what it checked."))

    def _load_failed(self, message: str) -> None:
        self.loading = False
        self.model = None
        self.status.show_loading(False)
        self.status.clearMessage()
        self.status.set_model("", "", "", None)
        self.composer.set_can_send(False)
        self.composer.set_thinking_switch(False)
        self.picker.setCurrentIndex(0)
        self.show_notice(message)

    def import_model(self) -> None:
        if not self.settings.get("models.user_import_allowed"):
            self.show_notice(self.tr("Your organisation does not allow importing models."))
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a model"), str(Path.home()),
                                              self.tr("GGUF models (*.gguf)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Copy, hash and register ``path`` as a cancellable job (its own thread, with progress),
        then load it. The store thread stays free; closing the window cancels the job."""
        from app.models.catalogue import load_catalogue
        from app.models.importing import import_model
        from app.models.verification import CACHE_FILE, HashCache, Verifier

        if self.importing:
            return
        settings, paths = self.settings, self.paths
        self.importing = True
        self.status.show_loading(True)

        def work(cancel: Any, progress: Callable[[int, int], None]) -> Any:
            catalogue = load_catalogue(settings, paths)
            return import_model(path, settings=settings, paths=paths, catalogue=catalogue,
                                verifier=Verifier(HashCache(paths.cache / CACHE_FILE)),
                                progress=progress, cancel=cancel)

        self._job_run.emit(work)

    def _import_ended(self) -> None:
        self.importing = False
        self.status.show_loading(False)

    def _import_done(self, result: Any) -> None:
        self._import_ended()
        self.populate_picker()
        self.load_model(result.entry.id)

    def _import_failed(self, message: str) -> None:
        self._import_ended()
        self.show_notice(self.tr("The model was not imported: %1").replace("%1", message))

    def _import_cancelled(self) -> None:
        self._import_ended()
        self.show_notice(self.tr("The model import was cancelled."))

    # -- conversations ----------------------------------------------------------------------------
    def new_chat(self) -> None:
        self.conversation_id = None
        self.transcript.clear()
        self.sidebar.select(None)
        self.composer.leave_edit_mode()
        self.presets.reset()  # a new conversation starts as a general chat
        self.documents_ui.conversation_changed(None)
        self.status.set_context_used(0)
        if self.stack.currentWidget() is self.chat_page or self.model is not None:
            self.composer.edit.setFocus()

    def open_conversation(self, conversation_id: str, message_id: str = "") -> None:
        def shown(records: list[Any]) -> None:
            self.conversation_id = conversation_id
            self.presets.reset()
            self.documents_ui.conversation_changed(conversation_id)
            self._show_records(records)
            self.sidebar.select(conversation_id)
            if message_id:
                i = next((n for n, it in enumerate(self.transcript.items) if it.id == message_id), -1)
                if i >= 0:
                    self.transcript.set_current(i)

        def missing(_message: str) -> None:
            if self.conversation_id is None:
                self.new_chat()

        self.store_client.call(lambda s: s.thread(conversation_id, limit=THREAD_PAGE), shown, missing)

    def _show_records(self, records: list[Any]) -> None:
        items = [MessageItem.from_record(r) for r in records]
        self.transcript.set_items(items, has_older=bool(records) and records[0].parent_id is not None)
        last = next((r for r in reversed(records) if r.role == "assistant"), None)
        if last is not None and last.prompt_tokens is not None:
            self.status.set_context_used(int(last.prompt_tokens or 0) + int(last.completion_tokens or 0))
        else:
            self.status.set_context_used(0)

    def _reload_thread(self) -> None:
        if self.conversation_id is not None:
            cid = self.conversation_id
            self.store_client.call(lambda s: s.thread(cid, limit=THREAD_PAGE), self._show_records)

    def _load_older(self) -> None:
        if self.conversation_id is None or not self.transcript.items:
            return
        cid, first = self.conversation_id, self.transcript.items[0].id

        def arrived(records: list[Any]) -> None:
            if cid != self.conversation_id:
                return
            items = [MessageItem.from_record(r) for r in records]
            self.transcript.prepend_items(items, has_older=bool(records) and records[0].parent_id is not None)

        self.store_client.call(lambda s: s.thread(cid, before_id=first, limit=THREAD_PAGE), arrived)

    # -- chatting -------------------------------------------------------------------------------
    def _request(self, text: str, parent: Any, regenerate_of: str | None = None) -> SendRequest:
        from app.chat import build_request

        entry = self._catalogue_entries.get(self.model.ref) if self.model is not None else None
        return build_request(
            self.settings, text, ui_language=current_language(), catalogue_entry=entry,
            conversation_id=self.conversation_id, parent_id=parent, regenerate_of=regenerate_of,
            thinking=self.composer.thinking_mode(), preset=self.presets.current(),
        )

    def send(self, text: str) -> None:
        if self.generating or self.loading or self.model is None:
            return
        parent: Any = CURRENT
        editing = self.composer.editing_id
        if editing is not None:
            item = self.transcript.item(editing)
            if item is not None:
                parent = item.parent_id
                self.transcript.truncate_after(item.parent_id)
        self.hide_notice()
        self._set_generating(True)
        self.documents_ui.send(self._request(text, parent), self._engine_send.emit)

    def regenerate(self, message_id: str) -> None:
        item = self.transcript.item(message_id)
        if item is None or item.parent_id is None or self.generating or self.model is None:
            return
        self.transcript.truncate_after(item.parent_id)
        self._set_generating(True)
        self._engine_send.emit(self._request("", None, regenerate_of=item.parent_id))

    def stop(self) -> None:
        if self.generating:
            self.engine.stop()

    def _set_generating(self, on: bool) -> None:
        self.generating = on
        self.composer.set_generating(on)
        self.transcript.set_busy(on)
        self.picker.setEnabled(not on)

    def _conversation_created(self, rec: Any) -> None:
        self.conversation_id = rec.id
        self.sidebar.upsert(rec)

    def _user_stored(self, rec: Any) -> None:
        self.composer.accepted()
        if rec.conversation_id == self.conversation_id:
            self.transcript.append_item(MessageItem.from_record(rec))

    def _reply_started(self, rec: Any) -> None:
        if rec.conversation_id != self.conversation_id:
            return
        item = MessageItem.from_record(rec)
        item.started = time.perf_counter()
        self.transcript.append_item(item)

    def _reply_delta(self, message_id: str, content: str, reasoning: str) -> None:
        self.transcript.append_delta(message_id, content, reasoning)

    def _context_trimmed(self, messages: int, tokens: int) -> None:
        self.show_notice(self.tr("The conversation is longer than the model's context: the oldest %1 messages "
                                 "were left out of this reply.").replace("%1", str(messages)))

    def _reply_finished(self, rec: Any, figures: dict[str, Any]) -> None:
        self._set_generating(False)
        item = MessageItem.from_record(rec)
        shown = self.transcript.item(rec.id)
        item.thinking_s = shown.thinking_s if shown is not None and shown.thinking_s is not None else (
            figures.get("thinking_s"))
        self.transcript.replace_item(item)
        self.status.set_speed(figures.get("tokens_per_s"))
        used = int(figures.get("prompt_tokens") or 0) + int(figures.get("completion_tokens") or 0)
        self.status.set_context_used(used)
        cid = rec.conversation_id
        self.store_client.call(lambda s: s.get_conversation(cid), self.sidebar.model.upsert)
        if not figures.get("error"):  # once, now that it is complete: never token by token
            announce(self.transcript, self.tr("Reply finished: %1").replace("%1", rec.content[:2000]))
        if figures.get("error"):
            self.show_notice(self.tr("The reply failed: %1").replace("%1", str(figures["error"])))

    def _reply_save_failed(self, message_id: str, error: str, content: str, reasoning: str,
                           figures: dict[str, Any]) -> None:
        """The reply streamed but could not be saved (e.g. disk full): keep it on screen, say so,
        offer Retry. The composer is usable again; the text stays in memory until saved."""
        self._set_generating(False)
        self.status.set_speed(figures.get("tokens_per_s"))
        if figures.get("audit_error"):  # the audit log's own line says what happened and what to do
            self.show_notice(self.tr("%1 The reply is kept on screen; choose Retry saving once the audit log "
                                     "can be written.").replace("%1", error))
        else:
            self.show_notice(self.tr("The reply could not be saved: %1. It is kept on screen; free some disk "
                                     "space and choose Retry saving.").replace("%1", error))
        self.retry.show()

    def retry_save(self) -> None:
        self.retry.hide()
        self.hide_notice()
        self._retry_save.emit()

    def _send_failed(self, message: str, text: str) -> None:
        self._set_generating(False)
        self.show_notice(message)
        if not self.composer.text():
            self.composer.set_text(text)

    def _edit_cancelled(self) -> None:
        self.composer.edit.clear()
        self._reload_thread()

    # -- per-message actions ----------------------------------------------------------------------
    def _message_action(self, action: str, message_id: str) -> None:
        item = self.transcript.item(message_id)
        if item is None:
            return
        if action == "regenerate":
            self.regenerate(message_id)
        elif action == "edit":
            self.composer.enter_edit_mode(message_id, item.content)
        elif action in ("previous", "next"):
            self.switch_branch(message_id, -1 if action == "previous" else 1)
        elif action == "delete" and self.ask_confirm(self.tr("Delete message"),
                            self.tr("Delete this message and everything after it in this version?")):
            self.delete_message(message_id)

    def switch_branch(self, message_id: str, step: int) -> None:
        cid = self.conversation_id
        if cid is None or self.generating:
            return

        def work(s: Any) -> list[Any]:
            siblings = s.siblings(message_id)
            ids = [m.id for m in siblings]
            i = ids.index(message_id) + step
            if 0 <= i < len(ids):
                s.select_branch(ids[i])
            return list(s.thread(cid, limit=THREAD_PAGE))

        self.store_client.call(work, self._show_records)

    def delete_message(self, message_id: str) -> None:
        cid = self.conversation_id
        if cid is None:
            return

        def work(s: Any) -> list[Any]:
            s.delete_message(cid, message_id)
            return list(s.thread(cid, limit=THREAD_PAGE))

        self.store_client.call(work, self._show_records)

    def _ask_confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        answer = self.confirm_exec(box) if self.confirm_exec is not None else box.exec()
        return bool(answer == QMessageBox.StandardButton.Yes)

    def request_link(self, url: str) -> None:
        if confirm_link(self, url, self.confirm_exec):
            self.open_url(QUrl(url))

    # -- notices, fonts, dialogs ----------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        if not text:
            return
        self.notice.setText(text)
        self.notice.show()
        self.dismiss.show()
        announce(self.notice, text, assertive=True)  # errors and warnings are said at once

    def hide_notice(self) -> None:
        self.notice.clear()
        self.notice.hide()
        self.dismiss.hide()
        self.retry.hide()

    def _apply_font_size(self, points: int) -> None:
        points = max(8, min(32, points))
        self.font_points = points
        # The rest of the window zooms with the conversation text (up to 200 % and beyond),
        # in proportion to the default size, so the default look is the platform's.
        base = QApplication.font()
        default = int(self.settings.effective("ui.font_size").setting.default)
        chrome = QFont(base)
        chrome.setPointSizeF(max(base.pointSizeF(), 1.0) * points / default)
        self.setFont(chrome)
        set_text_sizes(None if points == default else chrome.pointSizeF(), points)  # with the style sheet
        for w in (self.transcript, self.composer.edit):
            f = QFont(w.font())
            f.setPointSize(points)
            w.setFont(f)

    def change_font_size(self, step: int) -> None:
        points = int(self.settings.effective("ui.font_size").setting.default) if step == 0 else self.font_points + step
        self._apply_font_size(points)
        if self.settings.effective("ui.font_size").editable:
            from app.settings.store import SettingsError

            with contextlib.suppress(SettingsError, ValueError):
                self.settings.set("ui.font_size", self.font_points)

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.finished.connect(lambda result: self._settings_closed(dialog, result))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_closed(self, dialog: Any, result: int) -> None:
        if dialog.changed_keys:
            if "ui.font_size" in dialog.changed_keys:
                self._apply_font_size(get_int(self.settings, "ui.font_size"))
            if "ui.theme" in dialog.changed_keys:
                apply_theme(get_str(self.settings, "ui.theme"))
        self.settings_dialog = None

    def open_about(self) -> None:
        backend = ""
        if self.model is not None:
            backend = self.model.backend + (f" — {self.model.device}" if self.model.device else "")
        dialog = AboutDialog(self.model.label if self.model else "", backend, self)
        self.about_dialog = dialog
        dialog.open()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- closing ------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop a reply (its text is kept), finish pending writes, free the model, close the store."""
        if self.closed_cleanly:
            return
        self.closed_cleanly = True
        self.engine.stop()
        self.engine.cancel_load()
        self.job_worker.cancel()
        self.documents_ui.shutdown()
        self.export_ui.shutdown()  # an export being written finishes (its own thread)
        self.sidebar.commit_delete()
        self.state.save(geometry=self.saveGeometry(), splitter=self.splitter.saveState(),
                        conversation=self.conversation_id, model=self.model.ref if self.model else None,
                        deep_thinking=self.composer.think_toggle.isChecked())
        # Runs after the reply in progress (if any) has stopped and been written.
        QMetaObject.invokeMethod(self.engine, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
        self.engine_thread.quit()
        self.engine_thread.wait()
        self.job_thread.quit()  # the import in progress (if any) stops at its next chunk
        self.job_thread.wait()
        QMetaObject.invokeMethod(self.store_worker, "drain", Qt.ConnectionType.BlockingQueuedConnection)
        self.store_thread.quit()
        self.store_thread.wait()
        if self.store is not None:
            self.store.close()


def warm_up_rendering(font: QFont | None = None) -> None:
    """Import the Markdown and highlighting modules now, while the window is idle, rather than
    during the first streamed reply (PySide's import hook makes every import slow)."""
    from app.ui.markdown_render import render_markdown

    render_markdown("**warm** `up`\n\n| a |\n|---|\n| b |\n\n```python\nx = 1\n```\n")
    # Shape and draw Chinese once: the first CJK text otherwise pays for the font-fallback lookup
    # (fontconfig) in the middle of the first reply's paint.
    from PySide6.QtGui import QImage, QPainter, QTextDocument

    doc = QTextDocument()
    if font is not None:
        doc.setDefaultFont(font)
    doc.setHtml("<p>中文 繁體 简体 資料 网络 <b>粗體</b> <i>斜體</i> <code>代碼</code></p>")
    image = QImage(320, 40, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    # The request (sampling, system prompt) is built on this thread.
    import app.chat.request
    import app.reply_language  # noqa: F401  - the default system prompt is chosen on this thread
