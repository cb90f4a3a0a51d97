"""The demo street the benchmarks run on: built once per scale into bench/out/ (git-ignored) by the
demo generator, then reused. Delete the folder after changing the generator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_demo(scale: float) -> Path:
    """bench/out/demo (scale 1) or bench/out/scale<K>, built by the demo generator when it has no
    published snapshot yet."""
    data = ROOT / "bench" / "out" / ("demo" if scale == 1 else f"scale{scale:g}")
    if (data / "published" / "CURRENT").exists():
        return data
    data.mkdir(parents=True, exist_ok=True)
    print(f"building the demo street ×{scale:g} in {data} …", flush=True)
    command = [sys.executable, "-m", "pipelines", "demo", "--scale", f"{scale:g}", "--as-of", "2026-10"]
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, "JIEDAO_DATA": str(data)})
    if done.returncode != 0 or not (data / "published" / "CURRENT").exists():
        sys.exit(
            f"演示数据生成失败 / building the demo data failed: {' '.join(command)} (exit {done.returncode})"
        )
    return data
