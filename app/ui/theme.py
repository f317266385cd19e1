"""Light, dark and high-contrast themes, each designed as a whole: one set of colour tokens feeds
both the application palette and the style sheet (``resources/styles/app.qss``, whose ``$name``
placeholders are these tokens), so the two never disagree.

``ui.theme`` is ``system`` (follow the platform's colour scheme, and its high-contrast setting
where Qt reports one), ``light`` or ``dark``. The contrast of every text/background and boundary
pair is checked by ``tests/ui/test_theme.py`` with the WCAG 2.1 formula (``contrast_ratio``).

High contrast comes from ``QStyleHints.accessibility().contrastPreference()`` (Qt 6.10+): Windows'
high-contrast mode, macOS "Increase contrast", and on Linux whatever the platform theme reports
(the xdg-desktop-portal ``contrast`` setting where the desktop provides it). The offscreen platform
and plain X11 sessions report no preference, so there the tests drive ``system_prefers``.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

STYLES = Path(__file__).resolve().parent.parent.parent / "resources" / "styles"
COLUMN_MAX = 760  # the conversation column's readable width (px), centred in the window
SPACING = 8  # the one spacing unit of the layout (px)


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # the window background (around the conversation column)
    surface: str  # inputs, lists, the assistant's messages
    surface_alt: str  # the user's messages, hovered rows
    ink: str  # the text colour
    muted: str  # secondary text: headings, placeholders, dates
    border: str  # UI boundaries: inputs, buttons, bubbles
    accent: str  # the bauhinia magenta: Send, focus, the current row
    on_accent: str  # text on the accent
    link: str
    selection: str
    on_selection: str
    code: str  # code block background
    danger: str  # the context meter when nearly full; errors

    def tokens(self) -> dict[str, str]:
        return asdict(self)


LIGHT = Theme(
    name="light", window="#f6f5f7", surface="#ffffff", surface_alt="#f3e9ef", ink="#1d1b20",
    muted="#5b5862", border="#84808c", accent="#a0185a", on_accent="#ffffff", link="#8a1450",
    selection="#a0185a", on_selection="#ffffff", code="#f1f0f3", danger="#b3261e",
)
DARK = Theme(
    name="dark", window="#18171b", surface="#232128", surface_alt="#3a2632", ink="#ecebf0",
    muted="#b0adb8", border="#7d7986", accent="#f28bbb", on_accent="#2a0a1a", link="#f5a3c9",
    selection="#f28bbb", on_selection="#2a0a1a", code="#2d2b33", danger="#ff8a80",
)
HIGH_CONTRAST = Theme(
    name="high-contrast", window="#000000", surface="#000000", surface_alt="#1a1a1a", ink="#ffffff",
    muted="#ffffff", border="#ffffff", accent="#ffff00", on_accent="#000000", link="#00ffff",
    selection="#ffff00", on_selection="#000000", code="#1a1a1a", danger="#ff6b6b",
)
THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}


def choose(setting: str, system_dark: bool, system_high_contrast: bool) -> Theme:
    """The theme for ``ui.theme`` = ``setting`` on a system that prefers dark / high contrast.
    The system's high-contrast preference wins over everything: it is an accessibility need."""
    if system_high_contrast:
        return HIGH_CONTRAST
    if setting == "dark":
        return DARK
    if setting == "light":
        return LIGHT
    return DARK if system_dark else LIGHT


def palette(theme: Theme) -> QPalette:
    p = QPalette()
    r = QPalette.ColorRole
    roles = {
        r.Window: theme.window, r.WindowText: theme.ink, r.Base: theme.surface,
        r.AlternateBase: theme.surface_alt, r.Text: theme.ink, r.Button: theme.surface,
        r.ButtonText: theme.ink, r.BrightText: theme.on_accent, r.Highlight: theme.selection,
        r.HighlightedText: theme.on_selection, r.Link: theme.link, r.LinkVisited: theme.link,
        r.PlaceholderText: theme.muted, r.ToolTipBase: theme.surface, r.ToolTipText: theme.ink,
        r.Mid: theme.border, r.Dark: theme.border, r.Shadow: theme.border, r.Light: theme.surface,
        r.Midlight: theme.surface_alt, r.Accent: theme.accent,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    muted = QColor(theme.muted)
    for role in (r.WindowText, r.Text, r.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return p


#: The combo and spin boxes' chevrons (``$arrow_down`` … in app.qss): a style sheet that restyles a
#: combo box's frame must draw its arrow too, or Qt falls back to a sunken Windows-95 button.
_CHEVRONS = {"down": "4 6 8 10 12 6", "up": "4 10 8 6 12 10"}
_CHECK = "3.5 8.5 6.5 11.5 12.5 4.5"
_arrow_dir: list[Path] = []


def _arrows(theme: Theme) -> dict[str, str]:
    """``arrow_down``/``arrow_up`` (ink) and ``…_off`` (muted, disabled): SVG files in the theme's
    colours, written once per process into a private temporary folder (a style sheet's ``image``
    takes a file; an SVG stays sharp at any devicePixelRatio)."""
    if not _arrow_dir:
        folder = Path(tempfile.mkdtemp(prefix="bauhinia-style-"))
        atexit.register(shutil.rmtree, folder, True)
        _arrow_dir.append(folder)
    glyphs = {f"arrow_{direction}{suffix}": (points, colour) for direction, points in _CHEVRONS.items()
              for suffix, colour in (("", theme.ink), ("_off", theme.muted))}
    glyphs["check"] = (_CHECK, theme.on_accent)  # a check box's tick, on the accent (or muted) fill
    glyphs["check_off"] = (_CHECK, theme.window)
    out = {}
    for key, (points, colour) in glyphs.items():
        path = _arrow_dir[0] / f"{theme.name}-{key}.svg"
        if not path.exists():
            path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
                            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2" '
                            'stroke-linecap="round" stroke-linejoin="round"/></svg>', encoding="utf-8")
        out[key] = path.as_posix()
    return out


def stylesheet(theme: Theme) -> str:
    """``app.qss`` with the theme's colours put in ($window, $accent …) and its arrows ($arrow_down …)."""
    try:
        source = (STYLES / "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    return Template(source).safe_substitute({**theme.tokens(), **_arrows(theme)}, column=str(COLUMN_MAX),
                                            spacing=str(SPACING))


def pad_spin_box(box: QAbstractSpinBox) -> None:
    """Inset a spin box's number like every other field's text: a style sheet cannot (Qt ignores the
    box model of a spin box's embedded line edit, so the digits touched the border)."""
    edit = box.findChild(QLineEdit)
    if edit is not None:
        edit.setTextMargins(SPACING - 2, 0, 0, 0)  # + the 1 px border and the edit's own 1 px


# -- WCAG 2.1 -------------------------------------------------------------------------------------
def relative_luminance(colour: str) -> float:
    c = QColor(colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# -- applying --------------------------------------------------------------------------------------
_state: dict[str, object] = {"setting": "system", "connected": False, "current": LIGHT, "applied": False,
                             "sizes": None}


def system_prefers() -> tuple[bool, bool]:
    """(dark, high contrast) as the platform reports them (offscreen and many Linux desktops
    report neither: then light, normal contrast)."""
    hints = QGuiApplication.styleHints()
    dark = hints.colorScheme() == Qt.ColorScheme.Dark
    access = hints.accessibility()
    high = access is not None and access.contrastPreference() == Qt.ContrastPreference.HighContrast
    return dark, high


def current() -> Theme:
    theme = _state["current"]
    assert isinstance(theme, Theme)
    return theme


def apply_theme(setting: str) -> Theme:
    """Apply ``ui.theme`` (``system``/``light``/``dark``) to the application: palette and style
    sheet together. With ``system`` it follows later changes of the platform's scheme too."""
    app = QApplication.instance()
    _state["setting"] = setting
    hints = QGuiApplication.styleHints()
    if setting in ("light", "dark"):
        # Tell the platform too, so native parts (title bar, file dialogs) match where it can.
        hints.setColorScheme(Qt.ColorScheme.Dark if setting == "dark" else Qt.ColorScheme.Light)
        dark = setting == "dark"
        high = system_prefers()[1]
    else:
        hints.unsetColorScheme()
        dark, high = system_prefers()
    theme = choose(setting, dark, high)
    _state["current"] = theme
    if not isinstance(app, QApplication):
        return theme
    if not _state["connected"]:
        hints.colorSchemeChanged.connect(_system_changed)
        access = hints.accessibility()
        if access is not None:
            access.contrastPreferenceChanged.connect(_system_changed)
        _state["connected"] = True
    app.setPalette(palette(theme))
    app.setStyleSheet(stylesheet(theme) + _size_rules())
    _state["applied"] = True
    return theme


def _size_rules() -> str:
    sizes = _state["sizes"]
    if not isinstance(sizes, tuple):
        return ""
    chrome, conversation = sizes
    return (f"\nQWidget {{ font-size: {chrome:.1f}pt; }}\n"
            f"QAbstractScrollArea#transcript, QPlainTextEdit#prompt {{ font-size: {conversation}pt; }}\n")


def set_text_sizes(chrome: float | None, conversation: int) -> None:
    """Zoom: every widget's text at ``chrome`` points (None: the platform's size) and the
    conversation at ``conversation``. With a style sheet applied, a parent's font no longer
    reaches styled children, so the size has to be said in the style sheet itself."""
    _state["sizes"] = None if chrome is None else (chrome, conversation)
    app = QApplication.instance()
    if isinstance(app, QApplication) and _state["applied"]:
        app.setStyleSheet(stylesheet(current()) + _size_rules())


def _system_changed(*_: object) -> None:
    setting = str(_state["setting"])
    if setting == "system" or system_prefers()[1] != (current() is HIGH_CONTRAST):
        apply_theme(setting)
