"""Let the pinned llama.cpp's ggml-vulkan compile against Debian 12's Vulkan headers (1.3.239).

Usage: python packaging/vulkan_headers_compat.py <ggml-vulkan.cpp>

The only thing the pinned ggml-vulkan.cpp needs from newer headers is ``VK_EXT_layer_settings``
(Vulkan-Headers 1.3.261+): ``ggml_vk_instance_init`` always chains a
``vk::LayerSettingsCreateInfoEXT`` that switches on the validation layer's best-practice checks.
Those matter only when the Khronos validation layer is installed (a developer setting); the
instance is the same without them. This patch puts the block under ``#if defined(VK_EXT_layer_settings)``
and creates the instance without the chained struct otherwise - with newer headers (the Vulkan SDK
on Windows, Debian 13) the source compiles exactly as upstream wrote it.

Measured: without it the build stops with "'LayerSettingEXT' is not a member of 'vk'" (7 errors,
all in that block); with it, the module builds on Debian 12 with the distribution's packages.
"""

from __future__ import annotations

import sys
from pathlib import Path

MARKER = "// bauhinia: VK_EXT_layer_settings guarded for older Vulkan headers"

_START = "    VkBool32 enable_best_practice = layer_settings;\n"
_END = ("    vk::InstanceCreateInfo instance_create_info(vk::InstanceCreateFlags{}, &app_info, layers, extensions, "
        "&layer_setting_info);\n")
_FALLBACK = ("    vk::InstanceCreateInfo instance_create_info(vk::InstanceCreateFlags{}, &app_info, layers, "
             "extensions);\n")


def patch(text: str) -> str:
    """``text`` with the layer-settings block guarded; refuses a source of another shape."""
    if MARKER in text:
        return text
    if text.count(_START) != 1 or text.count(_END) != 1 or text.index(_START) > text.index(_END):
        raise SystemExit("vulkan_headers_compat: ggml-vulkan.cpp changed shape; "
                         "check whether the patch is still needed")
    start, end = text.index(_START), text.index(_END) + len(_END)
    block = text[start:end]
    guarded = f"{MARKER}\n#if defined(VK_EXT_layer_settings)\n{block}#else\n{_FALLBACK}#endif\n"
    return text[:start] + guarded + text[end:]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    path.write_text(patch(path.read_text(encoding="utf-8")), encoding="utf-8")
    print("vulkan_headers_compat: VK_EXT_layer_settings block guarded in", path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
