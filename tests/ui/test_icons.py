"""The icon set: every icon the code names is shipped in resources/icons/lucide (and nothing else
is), the SBOM lists the set with its licence, and icons are tinted to the theme and drawn at the
screen's pixel ratio."""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage

from app.ui import icons, theme

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
CONSTANTS = {name: value for name, value in vars(icons).items()
             if name.isupper() and isinstance(value, str) and value and name not in {"ICONS"}}


def _referenced() -> dict[str, str]:
    """Icon names the code uses: ``icons.CONSTANT`` and ``icon("literal")`` anywhere in app/."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name == "icons.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "icons" and node.attr in CONSTANTS):
                found.setdefault(CONSTANTS[node.attr], str(path.relative_to(ROOT)))
            elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
                # icon(NAME, role) and icon_button(parent, object_name, NAME, role)
                at = {"icon": 0, "icon_button": 2}.get(getattr(node.func, "attr", getattr(node.func, "id", "")))
                arg = node.args[at] if at is not None and len(node.args) > at else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, str(path.relative_to(ROOT)))
    return found


def test_every_icon_the_code_uses_is_shipped_and_nothing_else() -> None:
    used = _referenced()
    assert set(used) >= {icons.ATTACH, icons.SEND, icons.STOP}, used
    missing = {name: where for name, where in used.items() if not icons.path_of(name).is_file()}
    assert not missing, f"icons used but not in {icons.ICONS}: {missing}"
    assert set(used) <= icons.NAMES, "every icon used is listed in app.ui.icons.NAMES"
    shipped = {p.stem for p in icons.ICONS.glob("*.svg")}
    assert shipped == icons.NAMES == set(used), "ship exactly the icons the code uses"
    for name in shipped:
        svg = icons.path_of(name).read_text(encoding="utf-8")
        assert "@license lucide-static" in svg and 'stroke="currentColor"' in svg, name


def test_the_licence_and_source_are_recorded() -> None:
    folder = icons.ICONS
    source = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "ISC License" in licence and "MIT License" in licence
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert source["version"] in readme and source["tarball_sha256"] in readme
    assert all(f"v{source['version']}" in icons.path_of(n).read_text(encoding="utf-8") for n in icons.NAMES)


def test_the_sbom_lists_the_icon_set_with_its_licence(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import sbom_finish
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    wheel = tmp_path / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("llama_cpp/lib/libllama.so", b"")
    sbom = sbom_finish.finish({"components": []}, wheel, Path(sys.executable))
    comps = [c for c in sbom["components"] if c["name"] == "lucide-static"]
    assert len(comps) == 1
    comp = comps[0]
    source = json.loads((icons.ICONS / "source.json").read_text(encoding="utf-8"))
    assert comp["version"] == source["version"] and comp["purl"] == f"pkg:npm/lucide-static@{source['version']}"
    assert comp["licenses"] == [{"expression": "ISC AND MIT"}]
    props = {p["name"]: p["value"] for p in comp["properties"]}
    assert set(props["bauhinia:icons:files"].split()) == {f"{n}.svg" for n in icons.NAMES}
    assert props["bauhinia:icons:tarball-sha256"] == source["tarball_sha256"]


def _colours(image: QImage) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255}


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_icons_take_the_current_themes_colours(qapp: Any, name: str) -> None:
    t = theme.THEMES[name]
    icon = icons.icon(icons.SEARCH)
    previous = theme.current()
    theme._state["current"] = t  # what apply_theme records; the icon reads it when drawn
    try:
        assert _colours(icon.pixmap(QSize(24, 24), 1.0).toImage()) == {QColor(t.ink).name()}
        assert _colours(icon.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Disabled).toImage()) == {QColor(t.muted).name()}
        accent = icons.icon(icons.SEND, role="on_accent")
        assert _colours(accent.pixmap(QSize(24, 24), 1.0).toImage()) == {QColor(t.on_accent).name()}
    finally:
        theme._state["current"] = previous


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_icons_are_drawn_at_the_screens_pixel_ratio(qapp: Any, ratio: float) -> None:
    pixmap = icons.icon(icons.ATTACH).pixmap(QSize(20, 20), ratio)
    assert pixmap.devicePixelRatio() == ratio
    assert pixmap.size() == QSize(round(20 * ratio), round(20 * ratio))  # device pixels, not upscaled


def test_a_missing_icon_draws_nothing_instead_of_failing(qapp: Any) -> None:
    icon = icons.icon("no-such-icon")
    assert icon.isNull()
    assert icon.pixmap(QSize(16, 16), 1.0).isNull() or _colours(icon.pixmap(QSize(16, 16), 1.0).toImage()) == set()


def test_painting_fills_device_pixels_on_a_high_dpi_surface(qapp: Any) -> None:
    """``paint`` (how buttons draw) renders at the surface's pixel ratio: a 20 px icon on a 2×
    surface covers 40 device pixels, drawn at that resolution."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPainter

    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    image.setDevicePixelRatio(2.0)
    painter = QPainter(image)
    icons.icon(icons.STOP).paint(painter, QRect(0, 0, 20, 20))  # a rounded square outline
    painter.end()
    drawn = icons.render(icons.STOP, theme.current().ink, 40, 40)  # 40 device pixels, not 20 scaled up
    assert all(image.pixelColor(x, y) == drawn.pixelColor(x, y) for x in range(40) for y in range(40))
    assert sum(1 for x in range(40) for y in range(40) if image.pixelColor(x, y).alpha() > 200) > 100


def test_icons_follow_a_live_theme_switch(qtbot: Any) -> None:
    from PySide6.QtWidgets import QToolButton

    button = QToolButton()
    qtbot.addWidget(button)
    button.setIcon(icons.icon(icons.ATTACH))
    button.setIconSize(QSize(48, 48))
    button.show()
    qtbot.waitExposed(button)
    try:
        for t in (theme.LIGHT, theme.DARK):
            theme.apply_theme(t.name)
            image = button.grab().toImage()
            ink = QColor(t.ink)
            near = sum(1 for x in range(image.width()) for y in range(image.height())
                       if abs(image.pixelColor(x, y).red() - ink.red()) + abs(image.pixelColor(x, y).green()
                                                                              - ink.green())
                       + abs(image.pixelColor(x, y).blue() - ink.blue()) < 30)
            assert near > 20, f"{t.name}: the icon is not drawn in {t.ink}"
    finally:
        theme.apply_theme("system")
