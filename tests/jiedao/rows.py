"""Tiny warehouse fixtures for metric tests: insert hand-written rows into the real schema."""

from __future__ import annotations

import datetime as dt

from pipelines.load import ensure_calendar

STREET = "430602001"
C1, C2, C3 = "430602001001", "430602001002", "430602001003"
NAMES = {C1: "岳阳楼社区", C2: "东湖社区", C3: "郭亮社区"}
DEFAULTS = {
    "hotline_ticket": {"street_code": STREET, "source_system": "12345"},
    "grid_event": {"street_code": STREET, "source_system": "grid", "category_code": "0101", "status": "处置"},
    "grid": {"street_code": STREET, "grid_type": "综合网格"},
    "grid_worker": {"street_code": STREET, "name_masked": "张*", "full_time": True},
    "patrol": {"street_code": STREET, "source_system": "grid"},
}


def ts(text: str) -> dt.datetime:
    """'2025-10-16 10:00' → datetime."""
    return dt.datetime.fromisoformat(text)


def insert(con, table: str, rows: list[dict]) -> None:
    """Insert rows (dicts of column → value; unnamed columns NULL, table defaults filled in)."""
    rows = [{**DEFAULTS.get(table, {}), **row} for row in rows]
    columns = sorted({c for row in rows for c in row})
    marks = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
        [[row.get(c) for c in columns] for row in rows],
    )


def street(con) -> None:
    """The working-day calendar (from chinese_calendar, as the pipelines fill it) and three communities."""
    ensure_calendar(con)
    insert(
        con,
        "community",
        [{"community_code": c, "street_code": STREET, "name": n} for c, n in NAMES.items()],
    )
