"""The default model is chosen from the catalogue's list (IT's models and the user's imports),
named in the interface language; a stored id the catalogue no longer lists is kept; a policy
lock leaves the list read-only and says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui.settings_dialog_helpers import open_dialog

from app import i18n
from app.ui.settings_models import DefaultModelBox
from tests.app.catalogue_helpers import make_gguf, sha256_of, write_catalogue

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")


@pytest.fixture
def catalogue(admin_dir: Path) -> Path:
    small = make_gguf(admin_dir / "models" / "small.gguf", rows=4)
    big = make_gguf(admin_dir / "models" / "big.gguf", rows=6)
    return write_catalogue(admin_dir / "models.json", [
        {"id": "r1-small", "file": "models/small.gguf", "sha256": sha256_of(small),
         "display_name": {"en": "R1 small", "zh_HK": "R1 小型", "zh_CN": "R1 小型号"}},
        {"id": "r1-big", "file": "models/big.gguf", "sha256": sha256_of(big), "default": True,
         "display_name": {"en": "R1 big", "zh_HK": "R1 大型", "zh_CN": "R1 大型号"}},
    ])


def _items(box: DefaultModelBox) -> list[tuple[str, str]]:
    return [(str(box.itemData(i)), box.itemText(i)) for i in range(box.count())]


def test_the_default_model_is_picked_from_the_catalogue(qtbot: Any, make_settings: Any, paths: Any,
                                                        catalogue: Path) -> None:
    settings = make_settings()
    dialog = open_dialog(qtbot, settings, paths)
    box = dialog.editors["model.default"]
    assert isinstance(box, DefaultModelBox) and box.isEnabled()
    assert _items(box) == [("", "Catalogue default (R1 big)"), ("r1-small", "R1 small (r1-small)"),
                           ("r1-big", "R1 big (r1-big)")]
    assert box.currentIndex() == 0  # nothing chosen yet: the catalogue's default
    box.setCurrentIndex(box.findData("r1-small"))
    assert dialog.apply()
    assert dialog.changed_keys == ["model.default"] and settings.get("model.default") == "r1-small"
    again = open_dialog(qtbot, settings, paths)
    assert again.editors["model.default"].currentData() == "r1-small"


@pytest.mark.parametrize(("language", "name"), [("zh_HK", "R1 小型"), ("zh_CN", "R1 小型号")])
def test_models_are_named_in_the_interface_language(qtbot: Any, make_settings: Any, paths: Any,
                                                    catalogue: Path, language: str, name: str) -> None:
    i18n.switch_language(language)
    dialog = open_dialog(qtbot, make_settings(), paths)
    box = dialog.editors["model.default"]
    texts = [t for _, t in _items(box)]
    assert f"{name} (r1-small)" in texts
    assert "Catalogue default" not in texts[0] and "R1 大型" in texts[0]  # translated, names the default
    i18n.switch_language("en")  # a live switch renames them
    qtbot.waitUntil(lambda: box.itemText(1) == "R1 small (r1-small)")


def test_a_stored_id_the_catalogue_lost_is_kept(qtbot: Any, make_settings: Any, paths: Any,
                                                catalogue: Path) -> None:
    settings = make_settings(user={"model.default": "retired-model"})
    dialog = open_dialog(qtbot, settings, paths)
    box = dialog.editors["model.default"]
    assert box.currentData() == "retired-model" and "not in the catalogue" in box.currentText()
    assert dialog.apply() and dialog.changed_keys == []
    assert settings.get("model.default") == "retired-model"


def test_no_catalogue_still_offers_the_default(qtbot: Any, make_settings: Any, paths: Any) -> None:
    dialog = open_dialog(qtbot, make_settings(), paths)
    assert _items(dialog.editors["model.default"]) == [("", "Catalogue default")]


def test_a_locked_default_model_is_read_only_and_says_so(qtbot: Any, make_settings: Any, paths: Any,
                                                         catalogue: Path) -> None:
    settings = make_settings(policy={"model.default": "r1-small"})
    dialog = open_dialog(qtbot, settings, paths)
    box = dialog.editors["model.default"]
    assert not box.isEnabled() and box.currentData() == "r1-small"
    assert "Managed by your organisation" in dialog.notes["model.default"].text()
    box.setCurrentIndex(0)  # even if forced programmatically, a locked value is never written
    assert dialog.apply() and "model.default" not in dialog.changed_keys
    assert settings.get("model.default") == "r1-small"
