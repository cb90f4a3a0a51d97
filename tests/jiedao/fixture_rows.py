"""Tiny helpers for tests that build their fixture row by row in the in-memory warehouse."""

from __future__ import annotations

from itertools import groupby

from jiedao import db

STREET = "430602001"
C1, C2, C3 = "430602001001", "430602001002", "430602001003"  # 岳阳楼, 东湖, 郭亮
NAMES = {C1: "岳阳楼社区", C2: "东湖社区", C3: "郭亮社区"}


def insert(con, table: str, *rows: dict) -> None:
    """Insert dict rows (rows with the same keys go in one batch); street_code defaults to the demo
    street where the table has one."""
    with_street = table_has_street(con, table)
    full = [{"street_code": STREET, **row} if with_street else row for row in rows]
    for columns, batch in groupby(full, key=lambda row: tuple(row)):
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        con.executemany(sql, [list(row.values()) for row in batch])


def table_has_street(con, table: str) -> bool:
    found = db.scalar(
        con,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'street_code'",
        [table],
    )
    return bool(found)
