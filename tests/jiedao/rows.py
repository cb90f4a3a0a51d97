"""Tiny helpers for tests that build their fixture row by row in the in-memory warehouse."""

from __future__ import annotations

from jiedao import db

STREET = "430602001"
C1, C2, C3 = "430602001001", "430602001002", "430602001003"  # 岳阳楼, 东湖, 郭亮
NAMES = {C1: "岳阳楼", C2: "东湖", C3: "郭亮"}


def insert(con, table: str, *rows: dict) -> None:
    """Insert dict rows (same keys in every row); street_code defaults to the demo street."""
    for row in rows:
        row = {"street_code": STREET, **row} if table_has_street(con, table) else row
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        db.run(con, f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def table_has_street(con, table: str) -> bool:
    found = db.scalar(
        con,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'street_code'",
        [table],
    )
    return bool(found)
