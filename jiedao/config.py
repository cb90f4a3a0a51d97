"""Settings and rule files.

Defaults ship in ``config/*.toml`` at the repository root; a street office changes them there
(or points ``JIEDAO_CONFIG`` at its own folder) without touching code. ``JIEDAO_DATA`` moves the
data folder (inbox, warehouse, published snapshots), which tests use to stay isolated.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def config_dir() -> Path:
    return Path(os.environ.get("JIEDAO_CONFIG", ROOT / "config"))


def data_dir() -> Path:
    return Path(os.environ.get("JIEDAO_DATA", ROOT / "data"))


@cache
def _load(path: str) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def load(name: str) -> dict:
    """Return the rule file ``config/<name>.toml`` as a dict (cached per path)."""
    path = config_dir() / f"{name}.toml"
    if not path.exists():
        raise FileNotFoundError(f"配置文件不存在 / config file missing: {path}")
    return _load(str(path))


def street() -> dict:
    return load("street")["street"]


def secret_key() -> bytes:
    """Key for hashing ID numbers. From ``JIEDAO_SECRET``, else a random key kept beside the data.

    The key never enters the repository; losing it only means re-imported members get new keys.
    """
    env = os.environ.get("JIEDAO_SECRET")
    if env:
        return env.encode()
    path = data_dir() / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip().encode()
