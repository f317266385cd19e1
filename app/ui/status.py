"""The status bar: model, backend and device in use, tokens/s of the last reply, the context
meter (warns before the context is full), and model-loading progress with Cancel.

Model names come from outside (a GGUF file's metadata, the catalogue), so every label is
``Qt.PlainText``: no text is ever taken as HTML. The context meter's tool-tip holds only our own
words and numbers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.i18n import format_number, format_size

WARN_AT = 0.8


class StatusBar(QStatusBar):
    cancelLoad = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.model_label = QLabel(self)
        self.model_label.setObjectName("statusModel")
        self.backend_label = QLabel(self)
        self.backend_label.setObjectName("statusBackend")
        self.speed_label = QLabel(self)
        self.speed_label.setObjectName("statusSpeed")
        self.context_meter = QProgressBar(self)
        self.context_meter.setObjectName("contextMeter")
        self.context_meter.setRange(0, 100)
        self.context_meter.setMaximumWidth(160)
        self.context_meter.setValue(0)
        self.load_bar = QProgressBar(self)
        self.load_bar.setObjectName("loadProgress")
        self.load_bar.setMaximumWidth(200)
        self.load_bar.hide()
        self.library_bar = QProgressBar(self)  # document library indexing (app/ui/library_indexing.py)
        self.library_bar.setObjectName("libraryProgress")
        self.library_bar.setMaximumWidth(200)
        self.library_bar.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelLoad")
        self.cancel_button.clicked.connect(self.cancelLoad)
        self.cancel_button.hide()
        for w in (self.model_label, self.backend_label, self.speed_label):
            w.setTextFormat(Qt.TextFormat.PlainText)
            self.addWidget(w)
        self.addPermanentWidget(self.library_bar)
        self.addPermanentWidget(self.load_bar)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.context_meter)
        self._model = ""
        self._backend = ""
        self._device = ""
        self._tps: float | None = None
        self._used = 0
        self._n_ctx: int | None = None
        self.warning = False
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.model_label.setAccessibleName(self.tr("Model in use"))
        self.backend_label.setAccessibleName(self.tr("Backend and device"))
        self.speed_label.setAccessibleName(self.tr("Speed of the last reply"))
        self.context_meter.setAccessibleName(self.tr("Context used"))
        self.load_bar.setAccessibleName(self.tr("Model loading progress"))
        self.library_bar.setAccessibleName(self.tr("Document library indexing"))
        self.library_bar.setFormat(self.tr("Library %p%"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel loading"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _refresh(self) -> None:
        self.model_label.setText(self.tr("Model: %1").replace("%1", self._model or self.tr("none")))
        backend = self._backend or self.tr("none")
        if self._device:
            backend = self.tr("%1 on %2").replace("%1", backend).replace("%2", self._device)
        self.backend_label.setText(self.tr("Backend: %1").replace("%1", backend))
        self.speed_label.setText("" if self._tps is None else self.tr("%1 tokens/s").replace(
            "%1", format_number(self._tps, 1)))
        if self._n_ctx:
            share = min(1.0, self._used / self._n_ctx)
            self.context_meter.setValue(int(share * 100))
            self.context_meter.setFormat(self.tr("Context %p%"))
            self.warning = share >= WARN_AT
            tip = self.tr("%1 of %2 tokens of context used").replace("%1", format_number(self._used)).replace(
                "%2", format_number(self._n_ctx))
            if self.warning:
                tip += "\n" + self.tr("The context is nearly full: older messages will be left out. "
                                      "Start a new chat to keep everything in view.")
            if self.context_meter.property("warning") != self.warning:  # the style sheet marks it
                self.context_meter.setProperty("warning", self.warning)
                self.context_meter.style().unpolish(self.context_meter)
                self.context_meter.style().polish(self.context_meter)
            self.context_meter.setToolTip(tip)  # our own words and numbers only
            self.context_meter.setAccessibleDescription(tip)
            self.context_meter.show()
        else:
            self.warning = False
            self.context_meter.hide()

    def set_model(self, label: str, backend: str, device: str, n_ctx: int | None) -> None:
        self._model, self._backend, self._device, self._n_ctx = label, backend, device, n_ctx
        self._used = 0
        self._refresh()

    def rename_model(self, label: str) -> None:
        """The same model under a new name (its name in another interface language)."""
        self._model = label
        self._refresh()

    def set_speed(self, tokens_per_s: float | None) -> None:
        self._tps = tokens_per_s
        self._refresh()

    def set_context_used(self, used: int) -> None:
        self._used = used
        self._refresh()

    def show_loading(self, on: bool, done: int = 0, total: int = 0) -> None:
        self.load_bar.setVisible(on)
        self.cancel_button.setVisible(on)
        if on:
            self.load_bar.setRange(0, total)  # 0..0: busy indicator
            self.load_bar.setValue(done)
            if total:  # done/total are MiB: "1.2 GB of 4.5 GB" in the interface language
                self.load_bar.setFormat(self.tr("%1 of %2").replace("%1", format_size(done << 20))
                                        .replace("%2", format_size(total << 20)))

    def show_library(self, on: bool, done: int = 0, total: int = 0, text: str = "") -> None:
        """Library indexing going on (the dialog may be closed): ``done`` of ``total`` files."""
        self.library_bar.setVisible(on)
        if on:
            self.library_bar.setRange(0, max(total, 1))
            self.library_bar.setValue(done)
            self.library_bar.setToolTip(text)  # our own words and numbers only
            self.library_bar.setAccessibleDescription(text)
