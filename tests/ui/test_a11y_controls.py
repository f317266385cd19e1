"""Controls a user must see to operate (WCAG 2.1 1.4.11, non-text contrast ≥ 3:1), checked on the
rendered pixels in every theme: a check box's square has a visible edge (the style's own edge
vanished on the dark theme), and combo and spin boxes show their chevrons — drawn from the theme's
SVG glyphs, which exist and carry the theme's colours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from app.ui import theme
from app.ui.theme import contrast_ratio

pytestmark = pytest.mark.ui

THEMES = ["light", "dark"]


@pytest.fixture(autouse=True)
def system_theme_afterwards() -> Iterator[None]:
    yield
    theme.apply_theme("system")


def _hex(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


@pytest.mark.parametrize("name", [*THEMES, "high-contrast"])
def test_the_style_sheet_glyphs_exist_in_the_theme_colours(name: str) -> None:
    t = theme.THEMES[name]
    qss = theme.stylesheet(t)
    used = {line.split("url(")[1].split(")")[0] for line in qss.splitlines() if "url(" in line}
    assert len(used) >= 4, used  # chevrons down/up (+ disabled) and the tick
    for path in used:
        svg = Path(path).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "<polyline" in svg
        assert any(f'stroke="{c}"' in svg for c in (t.ink, t.muted, t.on_accent, t.window)), path


@pytest.mark.parametrize("name", THEMES)
def test_check_box_edges_and_chevrons_are_visible(qtbot: Any, name: str) -> None:
    t = theme.apply_theme(name)
    form = QWidget()
    qtbot.addWidget(form)
    box, combo, spin = QCheckBox("Use my library", form), QComboBox(form), QSpinBox(form)
    combo.addItems(["Follow the system"])
    layout = QVBoxLayout(form)
    for w in (box, combo, spin):
        layout.addWidget(w)
    form.resize(320, 140)
    form.show()
    qtbot.waitExposed(form)
    image = form.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(box)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    square.translate(box.pos())
    y = square.center().y()
    edge = max((_hex(image, x, y) for x in range(square.left(), square.left() + 3)),
               key=lambda c: contrast_ratio(c, t.window))
    assert contrast_ratio(edge, t.window) >= 3.0, f"{name}: check box edge {edge} on {t.window}"
    for w in (combo, spin):  # the right-hand 28 px hold the chevron(s): ink pixels, not just the fill
        g = w.geometry()
        inked = [_hex(image, x, yy) for x in range(g.right() - 28, g.right() - 2)
                 for yy in range(g.top() + 3, g.bottom() - 2)]
        assert max(contrast_ratio(c, t.surface) for c in inked) >= 3.0, f"{name}: no chevron on {type(w).__name__}"
