"""First run with no model: what Bauhinia is, how to get a model, and the diagnostic model."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.ui.theme import SPACING


class WelcomePage(QWidget):
    importRequested = Signal()
    diagnosticRequested = Signal()

    def __init__(self, import_allowed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.import_allowed = import_allowed
        self.title = QLabel(self)
        self.title.setObjectName("welcomeTitle")
        self.title.setWordWrap(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.catalogue_note = QLabel(self)
        self.catalogue_note.setWordWrap(True)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importModel")
        self.import_button.clicked.connect(self.importRequested)
        self.import_button.setVisible(import_allowed)
        self.import_refused = QLabel(self)
        self.import_refused.setWordWrap(True)
        self.import_refused.setVisible(not import_allowed)
        self.diagnostic_button = QPushButton(self)
        self.diagnostic_button.setObjectName("useDiagnostic")
        self.diagnostic_button.clicked.connect(self.diagnosticRequested)
        self.diagnostic_note = QLabel(self)
        self.diagnostic_note.setWordWrap(True)
        # A readable column (at most 560 px), centred both ways, on the 8 px grid.
        column = QWidget(self)
        column.setObjectName("welcomeColumn")
        column.setMaximumWidth(560)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 * SPACING)
        for w in (self.title, self.intro, self.catalogue_note, self.import_button, self.import_refused,
                  self.diagnostic_button, self.diagnostic_note):
            w.setParent(column)
            layout.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6 * SPACING, 3 * SPACING, 6 * SPACING, 3 * SPACING)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText("<h2>" + self.tr("Welcome to Bauhinia 紫荊助手") + "</h2>")
        self.intro.setText(self.tr(
            "Bauhinia answers, drafts, summarises and translates entirely on this computer: nothing you type "
            "leaves it. To start, it needs a language model file (GGUF)."))
        self.catalogue_note.setText(self.tr(
            "Models approved by your IT department appear in the model list at the top once IT has set up "
            "the catalogue. If the list is empty, ask IT which model to use."))
        self.import_button.setText(self.tr("Import a GGUF model file…"))
        self.import_button.setAccessibleName(self.tr("Import a GGUF model file"))
        self.import_refused.setText(self.tr("Your organisation does not allow importing model files; "
                                            "models come from the IT catalogue."))
        self.diagnostic_button.setText(self.tr("Try the diagnostic model"))
        self.diagnostic_button.setAccessibleName(self.tr("Try the diagnostic model"))
        self.diagnostic_note.setText(self.tr(
            "The diagnostic model checks this installation: any message gets a report on device, speed, "
            "history encryption and keyring."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
