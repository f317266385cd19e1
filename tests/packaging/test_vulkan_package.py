"""The Vulkan module's build, its source patches and CI's promise to run it (issue 15).

The module is built and exercised for real by tests/engine/test_vulkan_lavapipe.py and by the
packaging pipeline (tests/packaging/test_pipeline.py: the DEB contains it, and the clean-root
install test runs `bauhinia selftest` on lavapipe). Those need BAUHINIA_PACKAGING_TESTS=1; the
checks here run always, so CI cannot quietly stop running them.
"""

from __future__ import annotations

import os
import re
import tarfile
from pathlib import Path

import isolation
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SDIST_CACHE = Path(isolation.packaging_build_env({})["BAUHINIA_PACKAGING_CACHE"]) / "sdist"

import sys  # noqa: E402 - the patch scripts live in packaging/, not in a package

sys.path.insert(0, str(PACKAGING))
import vulkan_headers_compat  # noqa: E402
import vulkan_shader_types  # noqa: E402

sys.path.remove(str(PACKAGING))


def test_ci_runs_the_vulkan_tests() -> None:
    """.ci/run sets BAUHINIA_PACKAGING_TESTS=1, under which the lavapipe tests build what they need
    and fail (never skip) when something is missing; setup-dev installs the tools under that flag."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^export BAUHINIA_PACKAGING_TESTS=1$", ci, re.M)
    setup = (PACKAGING / "setup-dev.sh").read_text(encoding="utf-8")
    block = setup[setup.index('if [ "${BAUHINIA_PACKAGING_TESTS:-0}" = 1 ]'):]
    block = block[: block.index("\nfi\n")]
    for pkg in ("glslc", "libvulkan-dev", "spirv-headers", "mesa-vulkan-drivers"):
        assert pkg in block, pkg
    lavapipe = (ROOT / "tests" / "engine" / "test_vulkan_lavapipe.py").read_text(encoding="utf-8")
    assert 'os.environ.get("BAUHINIA_PACKAGING_TESTS") == "1"' in lavapipe
    assert "pytest.fail(" in lavapipe  # a missing lavapipe fails under the flag
    if os.environ.get("CI") == "true":
        assert os.environ.get("BAUHINIA_PACKAGING_TESTS") == "1", "CI must run the Vulkan (lavapipe) tests"


def test_the_portable_wheel_includes_the_vulkan_module_by_default() -> None:
    wheel = (PACKAGING / "build-llama-wheel.sh").read_text(encoding="utf-8")
    assert 'if [ "${BAUHINIA_VULKAN:-1}" != 1 ]' in wheel
    assert "packaging/build-vulkan-module.sh" in wheel
    module = (PACKAGING / "build-vulkan-module.sh").read_text(encoding="utf-8")
    assert "--target ggml-vulkan" in module and "vulkan_headers_compat.py" in module


def _ci_shader_types() -> list[str]:
    module = (PACKAGING / "build-vulkan-module.sh").read_text(encoding="utf-8")
    m = re.search(r'^CI_SHADER_TYPES="([^"]+)"$', module, re.M)
    assert m, "build-vulkan-module.sh lost CI_SHADER_TYPES"
    return m.group(1).split()


def test_ci_shader_subset_covers_the_test_models_and_is_documented() -> None:
    """The CI module must run every test model (Q8_0, Q4_K_M with its fallback types, F16/F32
    tensors) and the guide must say what the release build adds."""
    types = _ci_shader_types()
    assert {"f32", "f16", "q8_0", "q4_k", "q6_k", "q5_0", "q5_1", "q4_1"} <= set(types)
    guide = (PACKAGING / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert f"`{' '.join(types)}`" in guide and "A module built that way is for CI only" in guide


def test_the_deb_declares_what_the_vulkan_module_needs() -> None:
    def names(path: Path) -> set[str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return {ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#")}

    assert "libvulkan1" in names(PACKAGING / "deb" / "depends.txt")  # the module links the loader
    assert "mesa-vulkan-drivers" in names(PACKAGING / "deb" / "recommends.txt")  # drivers: optional
    install_test = (PACKAGING / "deb" / "install-test.sh").read_text(encoding="utf-8")
    assert "mesa-vulkan-drivers" in install_test and "GGML_VK_VISIBLE_DEVICES=0 bauhinia selftest" in install_test


_GEN = """
const std::vector<std::string> type_names = {
    "f32",
    "f16",
    "q4_0",
    "q4_k",
    "iq4_nl",
    "bf16",
};
void string_to_spv_func(std::string name) {}
void string_to_spv(std::string name) {
    std::string out_path = join_paths(output_dir, name + ".spv");
    compile_count_guard slot = acquire_compile_slot();
}
"""


def test_shader_types_patch_skips_only_the_types_left_out() -> None:
    text, skipped = vulkan_shader_types.patch(_GEN, {"f32", "f16", "q4_0"})
    assert skipped == ["q4_k", "iq4_nl", "bf16"]
    assert '{"q4_k", "iq4_nl", "bf16"}' in text and "if (bauhinia_skipped(name))" in text
    assert text.index("bauhinia_skipped_types") < text.index("void string_to_spv_func(")
    with pytest.raises(SystemExit, match="unknown types"):
        vulkan_shader_types.patch(_GEN, {"q9_9"})
    with pytest.raises(SystemExit, match="already patched"):
        vulkan_shader_types.patch(text, {"f32"})


_COMPAT = """    VkBool32 enable_best_practice = layer_settings;
    std::vector<vk::LayerSettingEXT> settings = {};
    vk::LayerSettingsCreateInfoEXT layer_setting_info(settings);
    vk::InstanceCreateInfo instance_create_info(vk::InstanceCreateFlags{}, &app_info, layers, extensions, \
&layer_setting_info);
"""


def test_headers_compat_patch_guards_the_layer_settings_block() -> None:
    text = vulkan_headers_compat.patch("before\n" + _COMPAT + "after\n")
    assert "#if defined(VK_EXT_layer_settings)\n" + _COMPAT + "#else\n" in text
    assert vulkan_headers_compat.patch(text) == text  # idempotent
    with pytest.raises(SystemExit, match="changed shape"):
        vulkan_headers_compat.patch("no such block")


def _sdist_member(suffix: str) -> str:
    sdists = sorted(SDIST_CACHE.glob("llama_cpp_python-*.tar.gz"))
    if not sdists:
        if os.environ.get("BAUHINIA_PACKAGING_TESTS") == "1":
            pytest.fail(f"no cached llama-cpp-python sdist in {SDIST_CACHE} (build-llama-wheel.sh downloads it)")
        pytest.skip(f"no cached llama-cpp-python sdist in {SDIST_CACHE} (packaging builds download it)")
    with tarfile.open(sdists[-1]) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith(suffix))
        data = tf.extractfile(member)
        assert data is not None
        return data.read().decode("utf-8")


def test_both_patches_apply_to_the_pinned_llama_cpp() -> None:
    """The real sources still have the shape the patches expect (a new pin must re-check them)."""
    gen = _sdist_member("ggml-vulkan/vulkan-shaders/vulkan-shaders-gen.cpp")
    _, skipped = vulkan_shader_types.patch(gen, set(_ci_shader_types()))
    assert "iq2_xxs" in skipped and "q8_0" not in skipped
    source = _sdist_member("ggml-vulkan/ggml-vulkan.cpp")
    assert vulkan_headers_compat.MARKER in vulkan_headers_compat.patch(source)


def test_the_windows_build_ships_the_vulkan_module_too() -> None:
    script = (PACKAGING / "windows" / "build-windows.ps1").read_text(encoding="utf-8")
    assert "[switch]$NoVulkan" in script and 'if (-not $NoVulkan) {' in script
    assert '$Cmake += " -DGGML_VULKAN=ON"' in script
    assert 'if ($d -eq "vulkan-1.dll" -and $f.Name -eq "ggml-vulkan.dll") { continue }' in script
    workflow = (ROOT / ".github" / "workflows" / "windows-msi.yml").read_text(encoding="utf-8")
    build_step = workflow.index("run: packaging\\windows\\build-windows.ps1")
    assert "VULKAN_SDK=" in workflow and workflow.index("Vulkan SDK") < build_step
