"""Icons: Lucide SVGs (``resources/icons/lucide``, ISC/MIT, see its README) drawn in the theme's
colours and at the screen's pixel density.

``icon(name)`` returns a ``QIcon`` whose engine renders the SVG when it is painted, in the colour
the *current* theme gives its role (``ink`` normally, ``muted`` when disabled), so a switch between
light, dark and high contrast recolours every icon without anyone re-setting it; and it renders at
``size × devicePixelRatio`` device pixels, so icons stay sharp at 150 % / 200 % scaling.

``NAMES`` lists every icon the code uses; ``tests/ui/test_icons.py`` checks each file exists and
that nothing else is shipped.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from app.ui import theme

ICONS = Path(__file__).resolve().parent.parent.parent / "resources" / "icons" / "lucide"

# Every icon the code uses, by its Lucide name.
ATTACH = "paperclip"
SEND = "send"
STOP = "square"
ADD = "plus"
REMOVE = "trash-2"
SEARCH = "search"
SETTINGS = "settings"
NAMES = frozenset({ATTACH, SEND, STOP, ADD, REMOVE, SEARCH, SETTINGS})


def path_of(name: str) -> Path:
    return ICONS / f"{name}.svg"


@cache
def _svg(name: str) -> bytes:
    try:
        return path_of(name).read_bytes()
    except OSError:
        return b""  # a missing file draws nothing rather than failing a window (the test catches it)


def colour_for(role: str, mode: QIcon.Mode) -> str:
    """The colour an icon of ``role`` (a theme token: ``ink``, ``on_accent`` …) has in ``mode``."""
    t = theme.current()
    if mode == QIcon.Mode.Disabled:
        return t.muted
    if mode == QIcon.Mode.Selected:
        return t.on_selection
    return str(t.tokens().get(role, t.ink))


@lru_cache(maxsize=256)
def render(name: str, colour: str, width: int, height: int) -> QImage:
    """The SVG ``name`` drawn into ``width``×``height`` device pixels, every stroke in ``colour``."""
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(_svg(name)))
    if not renderer.isValid():
        return image
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    # Keep the drawn shape (alpha), replace its colour: Lucide draws with currentColor.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    return image


class ThemedSvgEngine(QIconEngine):
    """Draws one Lucide icon in the current theme's colour for its role, at any scale."""

    def __init__(self, name: str, role: str = "ink") -> None:
        super().__init__()
        self.name = name
        self.role = role

    def clone(self) -> QIconEngine:
        return ThemedSvgEngine(self.name, self.role)

    def key(self) -> str:
        return "bauhinia-themed-svg"

    def iconName(self) -> str:
        return self.name

    def isNull(self) -> bool:
        return not _svg(self.name)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())  # the icons are square
        return QSize(side, side)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        """``size`` in device-independent pixels; the pixmap holds ``size × scale`` device pixels."""
        logical = self.actualSize(size, mode, state)
        width = round(logical.width() * scale)
        height = round(logical.height() * scale)
        pixmap = QPixmap.fromImage(render(self.name, colour_for(self.role, mode), width, height))
        pixmap.setDevicePixelRatio(scale)
        return pixmap


def icon(name: str, role: str = "ink") -> QIcon:
    """The Lucide icon ``name``, drawn in the theme token ``role`` (``ink`` by default)."""
    return QIcon(ThemedSvgEngine(name, role))


class IconView(QWidget):
    """A decorative icon (not a control): drawn at paint time, so it follows the theme and the
    screen's pixel ratio like the buttons' icons; ``side`` follows the text size."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = icon(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        side = max(16, self.fontMetrics().height())
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        rect = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        painter = QPainter(self)
        self.icon.paint(painter, rect, Qt.AlignmentFlag.AlignCenter,
                        QIcon.Mode.Normal if self.isEnabled() else QIcon.Mode.Disabled)
        painter.end()
