"""File → Document library… (Ctrl+Shift+L): the library's folders and their indexing.

IT's folders (``documents.library_folders``) are listed read-only, "Managed by your organisation";
the user's own can be added and removed unless ``documents.user_folders_allowed`` is off (then the
buttons are disabled and a line says why). Each folder shows the files, pages and passages
indexed, and each file that could not be read as one translated line under it. Re-index picks up
changed, added and removed files. The work is :class:`LibraryIndexing`'s (the window's), so
closing the dialog leaves it running, with its progress in the status bar. The rows are read on
the store thread; the window never waits for the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from app.typed_settings import get_bool
from app.ui.library_indexing import LibraryIndexing, progress_text
from app.ui.menu_action import MenuAction

CONTEXT = "LibraryDialog"
PATH_ROLE = Qt.ItemDataRole.UserRole


class LibraryDialog(QDialog):
    def __init__(self, window: Any, indexing: LibraryIndexing, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("libraryDialog")
        self.window_ = window
        self.indexing = indexing
        self.rows: list[Any] = []  # app.documents.library_job.FolderRow, as last read
        self.choose_folder: Callable[[], str] = self._choose_folder  # tests answer here
        self._reading = False
        self._again = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("libraryFolders")
        self.tree.setColumnCount(5)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long path keeps its folder's name
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reason = QLabel(self)
        self.reason.setObjectName("libraryPolicyReason")
        self.reason.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addLibraryFolder")
        self.add_button.clicked.connect(self.add_folder)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeLibraryFolder")
        self.remove_button.clicked.connect(self.remove_folder)
        self.reindex_button = QPushButton(self)
        self.reindex_button.setObjectName("reindexLibrary")
        self.reindex_button.clicked.connect(lambda: self.indexing.refresh(background=False))
        self.bar = QProgressBar(self)
        self.bar.setObjectName("libraryIndexProgress")
        self.status = QLabel(self)
        self.status.setObjectName("libraryIndexStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopIndexing")
        self.stop_button.clicked.connect(self.indexing.stop)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.reindex_button):
            row.addWidget(b)
        row.addStretch(1)
        progress = QHBoxLayout()
        progress.addWidget(self.bar, 1)
        progress.addWidget(self.stop_button)
        col = QVBoxLayout(self)
        col.addWidget(self.intro)
        col.addWidget(self.tree, 1)
        col.addWidget(self.reason)
        col.addLayout(row)
        col.addLayout(progress)
        col.addWidget(self.status)
        col.addWidget(self.buttons)
        indexing.changed.connect(self.reload)
        indexing.progressed.connect(self._progress)
        self.resize(720, 460)
        self.retranslateUi()
        self.reload()

    # -- texts and policy ------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.setWindowTitle(tr(CONTEXT, "Document library"))
        self.intro.setText(tr(CONTEXT, "Conversations with \u201cUse my library\u201d on answer from the files in "
                                       "these folders. Changed, added and removed files are picked up when the "
                                       "window starts and when you re-index."))
        self.tree.setHeaderLabels([tr(CONTEXT, "Folder"), tr(CONTEXT, "Files"), tr(CONTEXT, "Pages"),
                                   tr(CONTEXT, "Passages"), tr(CONTEXT, "Source")])
        self.tree.setAccessibleName(tr(CONTEXT, "Library folders"))
        self.add_button.setText(tr(CONTEXT, "&Add folder…"))
        self.remove_button.setText(tr(CONTEXT, "&Remove folder"))
        self.reindex_button.setText(tr(CONTEXT, "Re-&index"))
        self.reindex_button.setToolTip(tr(CONTEXT, "Pick up changed, added and removed files now"))
        self.stop_button.setText(tr(CONTEXT, "&Stop"))
        self.stop_button.setToolTip(tr(CONTEXT, "Stop indexing; the files already indexed are kept"))
        self.bar.setAccessibleName(tr(CONTEXT, "Indexing progress"))
        self.reason.setText(tr(CONTEXT, "Your organisation's policy does not allow adding your own folders; "
                                        "only the shared folders are indexed."))
        self._fill()
        self._show_state()

    def user_folders_allowed(self) -> bool:
        return get_bool(self.window_.settings, "documents.user_folders_allowed")

    def _update_buttons(self) -> None:
        allowed = self.user_folders_allowed()
        self.reason.setVisible(not allowed)
        self.add_button.setEnabled(allowed)
        reason = "" if allowed else self.reason.text()
        self.add_button.setToolTip(reason)
        row = self._selected()
        self.remove_button.setEnabled(allowed and row is not None and not row.managed)
        self.remove_button.setToolTip(reason or (tr(CONTEXT, "Folders managed by your organisation cannot be "
                                                             "removed") if row is not None and row.managed else ""))

    def _selected(self) -> Any:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        path = item.data(0, PATH_ROLE) if item is not None else None
        return next((r for r in self.rows if r.path == path), None)

    # -- rows ------------------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Read the folders again on the store thread (one read at a time)."""
        self._show_state()
        if self._reading:
            self._again = True
            return
        from app.documents.library import Library
        from app.documents.library_job import folder_rows, policy_folders

        if self.window_.store is None:
            return
        managed = policy_folders(self.window_.settings)
        self._reading = True
        self.window_.store_client.call(lambda s: folder_rows(Library(s), managed), self._arrived, self._read_failed)

    def _arrived(self, rows: list[Any]) -> None:
        self._reading = False
        self.rows = rows
        self._fill()
        if self._again:
            self._again = False
            self.reload()

    def _read_failed(self, message: str) -> None:
        self._reading = False
        self.status.setText(tr(CONTEXT, "The library could not be read: %1").replace("%1", message))

    def _fill(self) -> None:
        current = self._selected()
        self.tree.clear()
        for r in self.rows:
            source = tr(CONTEXT, "Managed by your organisation") if r.managed else tr(CONTEXT, "Added by you")
            item = QTreeWidgetItem([r.path, str(r.files), str(r.pages), str(r.passages), source])
            item.setData(0, PATH_ROLE, r.path)
            item.setToolTip(0, r.path)
            for name, reason in r.errors:
                line = tr(CONTEXT, "%1: %2").replace("%1", name).replace("%2", reason)
                child = QTreeWidgetItem([line])
                child.setToolTip(0, line)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            for n in range(item.childCount()):  # once in the view: the line takes the whole width
                line_item = item.child(n)
                if line_item is not None:
                    line_item.setFirstColumnSpanned(True)
            item.setExpanded(True)
            if current is not None and current.path == r.path:
                self.tree.setCurrentItem(item)
        self._update_buttons()

    # -- indexing --------------------------------------------------------------------------------
    def _show_state(self) -> None:
        running = self.indexing.running
        self.stop_button.setEnabled(running)
        self.reindex_button.setEnabled(not running and self.indexing.available())
        if running and self.indexing.waiting:
            self.status.setText(tr(CONTEXT, "Waiting for the reply to finish; indexing continues after it."))
        elif running:
            last = self.indexing.last
            self.status.setText(progress_text(last) if last is not None else tr(CONTEXT, "Looking for files…"))
            if last is None:
                self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1)
            self.bar.setValue(1 if self.indexing.report is not None else 0)
            self.status.setText(self.indexing.message or self._summary())

    def _summary(self) -> str:
        report = self.indexing.report
        if report is None:
            return ""
        return (tr(CONTEXT, "Up to date: %1 files read (%2 pages), %3 unchanged, %4 removed, %5 could not be read.")
                .replace("%1", str(report.extracted)).replace("%2", str(report.pages))
                .replace("%3", str(report.unchanged)).replace("%4", str(report.removed))
                .replace("%5", str(len(report.errors))))

    @Slot(object)
    def _progress(self, progress: Any) -> None:
        if not self.indexing.running:
            return
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        self.status.setText(progress_text(progress))
        self.stop_button.setEnabled(True)
        if progress.done == progress.total or progress.error is not None or progress.done % 10 == 0:
            self.reload()

    # -- folders ---------------------------------------------------------------------------------
    def _choose_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, tr(CONTEXT, "Add a folder to the library"))

    def add_folder(self) -> None:
        if not self.user_folders_allowed():
            return
        path = self.choose_folder()
        if path:
            self.indexing.add_folder(path)

    def remove_folder(self) -> None:
        row = self._selected()
        if row is None or row.managed or not self.user_folders_allowed():
            return
        self.indexing.remove_folder(row.path, lambda _n: self.reload())


class LibraryAction(MenuAction):
    """The menu item; owns the window's :class:`LibraryIndexing` and refreshes the library at start."""

    OBJECT_NAME = "actLibrary"

    def __init__(self, window: Any, menu: Any, before: Any = None) -> None:
        super().__init__(window, menu, before)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.indexing = LibraryIndexing(window)
        self.dialog: LibraryDialog | None = None
        self.retranslate()

    def run(self) -> None:
        if self.dialog is None:
            self.dialog = LibraryDialog(self.window, self.indexing)
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def retranslate(self) -> None:
        self.action.setText(tr(CONTEXT, "Document &library…"))
        on = get_bool(self.window.settings, "documents.enabled")
        self.action.setEnabled(on)
        self.action.setToolTip("" if on else tr(CONTEXT, "Documents are turned off by your organisation's policy."))
        if self.dialog is not None:
            self.dialog.retranslateUi()

    def start(self) -> None:
        """At window start: the library is brought up to date in the background."""
        self.indexing.refresh(background=True)
