"""Restrict the Vulkan shader set of an unpacked llama.cpp to some weight types (CI builds only).

Usage: python packaging/vulkan_shader_types.py <vulkan-shaders-gen.cpp> TYPE...

ggml-vulkan compiles every shader variant for every weight type (``type_names`` in
vulkan-shaders-gen.cpp). This patch keeps the listed types (and every shader that names no weight
type): a variant whose name contains a type NOT listed is not compiled; a 4-byte placeholder is
embedded instead, so ggml-vulkan.cpp still finds every symbol. ggml-vulkan compiles pipelines
lazily (only for the ops a model runs), so the placeholders are never used by a model of the
listed types - and would fail for any other. Such a module is for CI, never for a release.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MARKER = "// bauhinia: shader types restricted"

_SKIP_FUNC = """
{marker}
static const std::vector<std::string> bauhinia_skipped_types = {{{skipped}}};
static bool bauhinia_skipped(const std::string& name) {{
    for (const auto& t : bauhinia_skipped_types) {{
        if (name.find(t) != std::string::npos) return true;
    }}
    return false;
}}

"""

_STUB = """
    if (bauhinia_skipped(name)) {
        // not compiled in this (CI) build: a placeholder the header and loader still find
        write_binary_file(out_path, std::string(4, '\\0'));
        if (generate_dep_file) {
            write_binary_file(target_cpp + ".d", target_cpp + ": " + input_filepath + "\\n");
            generate_dep_file = false;
        }
        std::lock_guard<std::mutex> guard(lock);
        shader_fnames.push_back(std::make_pair(name, out_path));
        return;
    }

    compile_count_guard slot = acquire_compile_slot();"""


def all_types(text: str) -> list[str]:
    block = re.search(r"type_names\s*=\s*\{(.*?)\};", text, re.S)
    if not block:
        raise SystemExit("vulkan_shader_types: no type_names list in vulkan-shaders-gen.cpp")
    return re.findall(r'"(\w+)"', block.group(1))


def patch(text: str, keep: set[str]) -> tuple[str, list[str]]:
    """The patched source and the types left out. Refuses unknown types and an unexpected source."""
    if MARKER in text:
        raise SystemExit("vulkan_shader_types: already patched")
    names = all_types(text)
    unknown = sorted(keep - set(names))
    if unknown:
        raise SystemExit(f"vulkan_shader_types: unknown types {unknown}; this llama.cpp has {names}")
    # A type that is a substring of a kept one would skip the kept one's shaders too.
    skipped = [t for t in names if t not in keep and not any(t in k for k in keep)]
    func = "void string_to_spv_func("
    anchor = "    compile_count_guard slot = acquire_compile_slot();"
    if text.count(func) != 1 or text.count(anchor) != 1:
        raise SystemExit("vulkan_shader_types: vulkan-shaders-gen.cpp changed shape; update this patch")
    decl = _SKIP_FUNC.format(marker=MARKER, skipped=", ".join(f'"{t}"' for t in skipped))
    text = text.replace(func, decl + func, 1)
    text = text.replace(anchor, _STUB, 1)
    return text, skipped


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    text, skipped = patch(path.read_text(encoding="utf-8"), set(argv[2:]))
    path.write_text(text, encoding="utf-8")
    print(f"vulkan_shader_types: kept {' '.join(sorted(set(argv[2:])))}; not compiled: {' '.join(skipped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
