"""Per-token cost of the streaming script converter (prints figures; not a test).

    .venv/bin/python tests/benchmarks/bench_script_convert.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from engine.script_convert import StreamingScriptConverter, Target

TEXT = ("我们的软件需要连接网络，请检查默认设置。计算机程序员发布了新版本的应用程序，里面的信息很重要；"
        "视频会议在下午三点。\n```python\nprint('软件')\n```\n运行 `数据 = 1` 后，打开配置文件。\n") * 200


def main() -> None:
    for size in (1, 3):
        chunks = [TEXT[i:i + size] for i in range(0, len(TEXT), size)]
        conv = StreamingScriptConverter(Target.HK_TRADITIONAL)
        start = time.perf_counter()
        out = [conv.feed(c) for c in chunks]
        out.append(conv.flush())
        elapsed = time.perf_counter() - start
        print(f"{len(chunks)} chunks of {size} char(s): {elapsed * 1e6 / len(chunks):.1f} µs per chunk, "
              f"{len(TEXT) / elapsed / 1e3:.0f} k chars/s")


if __name__ == "__main__":
    main()
