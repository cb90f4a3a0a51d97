"""Publish the warehouse as a read-only snapshot for the app.

checkpoint → copy the file to ``published/<version>.duckdb`` → atomically replace the pointer file
``published/CURRENT``. Readers open the version the pointer names and never see half a batch; a
load never waits for a reader. Old versions are pruned, keeping the last few (a reader that still
holds a pruned file keeps reading it: on POSIX the inode lives until it is closed).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from jiedao import config, db


def publish(warehouse: Path | None = None) -> str:
    """Copy a closed, checkpointed warehouse to a new snapshot and point CURRENT at it."""
    warehouse = warehouse or db.warehouse_path()
    con = db.connect(warehouse)
    db.run(con, "CHECKPOINT")
    con.close()
    target_dir = db.published_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    version = dt.datetime.now().strftime("v%Y%m%d-%H%M%S-%f") + ".duckdb"
    staging = target_dir / (version + ".tmp")
    shutil.copyfile(warehouse, staging)
    os.replace(staging, target_dir / version)
    pointer_tmp = target_dir / "CURRENT.tmp"
    pointer_tmp.write_text(version)
    os.replace(pointer_tmp, target_dir / "CURRENT")
    prune(keep=int(config.load("street").get("ingest", {}).get("keep_snapshots", 4)))
    return version


def prune(keep: int) -> list[str]:
    target_dir = db.published_dir()
    current = db.current_version()
    versions = sorted(p.name for p in target_dir.glob("v*.duckdb"))
    removed = []
    for name in versions[:-keep] if keep > 0 else []:
        if name != current:
            (target_dir / name).unlink(missing_ok=True)
            removed.append(name)
    for stale in target_dir.glob("*.tmp"):
        stale.unlink(missing_ok=True)
    return removed
