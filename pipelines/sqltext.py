"""SQL text built from contracts and mapping files (never from data rows): literals, identifiers,
the expressions that parse a raw text value into its contract type, and the check-digit macros."""

from __future__ import annotations

import re

from pipelines.contract import BOOL_WORDS, Column

EXCEL_SERIAL = "excel_serial"  # a mapping's date format meaning "Excel day number"

# The edge characters trimmed from every value read: spaces (ASCII, full-width U+3000, no-break
# U+00A0) and tabs (exports put one before a long number to keep Excel from rounding it).
EDGE_CHARS = " \u3000\u00a0\t"


def raw_column(source: str) -> int | None:
    """The index of the raw column a field's source reads as it is (``c3`` or ``jd_text(c3)``), or
    None for any other source (a joined, cast or constant expression)."""
    match = re.fullmatch(r"c(\d+)|jd_text\(c(\d+)\)", source)
    return int(match.group(1) or match.group(2)) if match else None


def _edge_test(v: str) -> str:
    """SQL true when ``v`` may start or end with an edge character (a superset: the trim decides).

    The start is tested by comparing the whole string, which DuckDB does on its inlined 4-byte
    prefix, so it costs next to nothing: UTF-8 sorts bytewise in code-point order, so ``v < '!'``
    holds for a leading space, tab or control character (and ''), and ``v >= '\u3000' AND v <
    '\u3001'`` for a leading U+3000. The end needs ``suffix`` (cheaper than ``LIKE '%x'``)."""
    starts = [f"{v} < '!'"] + [f"({v} >= '{c}' AND {v} < '{chr(ord(c) + 1)}')" for c in EDGE_CHARS if c > "!"]
    ends = [f"suffix({v}, '{c}')" for c in EDGE_CHARS]
    return " OR ".join(starts + ends)


MACROS = (
    f"""
CREATE OR REPLACE TEMP MACRO jd_text(v) AS
  CASE WHEN {_edge_test("v")}
       THEN NULLIF(trim(v, '{EDGE_CHARS}'), '') ELSE NULLIF(v, '') END;"""
    + """
CREATE OR REPLACE TEMP MACRO jd_uscc_ok(v) AS
  regexp_full_match(v, '[0-9A-HJ-NPQRTUWXY]{18}') AND
  substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
         CAST(((31 - list_sum(list_transform(range(17), lambda i:
            (instr('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(v, i + 1, 1)) - 1)
            * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i + 1])) % 31) % 31) + 1 AS BIGINT),
         1) = substr(v, 18, 1);
CREATE OR REPLACE TEMP MACRO jd_id_card_ok(v) AS
  regexp_full_match(v, '[0-9]{17}[0-9Xx]') AND
  try_strptime(substr(v, 7, 8), '%Y%m%d') IS NOT NULL AND
  substr('10X98765432', CAST((list_sum(list_transform(range(17), lambda i:
            coalesce(try_cast(substr(v, i + 1, 1) AS INTEGER), 0)
            * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i + 1])) % 11) + 1 AS BIGINT), 1) = upper(substr(v, 18, 1));
CREATE OR REPLACE TEMP MACRO jd_mask_name(v) AS
  CASE WHEN v IS NULL THEN NULL WHEN length(v) <= 1 THEN v WHEN length(v) = 2 THEN left(v, 1) || '*'
       ELSE left(v, 1) || repeat('*', length(v) - 2) || right(v, 1) END;
CREATE OR REPLACE TEMP MACRO jd_mask_phone(v) AS
  CASE WHEN v IS NULL THEN NULL WHEN length(v) >= 7 THEN left(v, 3) || '****' || right(v, 4) ELSE '****' END;
CREATE OR REPLACE TEMP MACRO jd_mask_id(v) AS
  CASE WHEN v IS NULL THEN NULL WHEN length(v) > 10 THEN left(v, 6) || '********' || right(v, 4) ELSE '****' END;
"""
)


def lit(value) -> str:
    """A SQL literal for a value from a contract or mapping file (never from a data row)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw_text(expr: str) -> str:
    """A value as read: text, its edge spaces and tabs trimmed, empty as NULL.

    ``jd_text`` trims only values that may have such an edge (a comparison at the start and
    ``suffix`` at the end cost far less than copying every string, and ticket texts are long). A
    value already trimmed is left as it is.
    """
    if expr.startswith("jd_text(") and raw_column(expr) is not None:
        return expr
    return f"jd_text(CAST({expr} AS VARCHAR))"


def mapped(expr: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return expr
    cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in mapping.items())
    return f"(CASE {expr} {cases} ELSE {expr} END)"


def typed_expr(col: Column, v: str, formats: list[str]) -> str:
    number = f"TRY_CAST(replace(replace({v}, ',', ''), '，', '') AS DOUBLE)"
    if col.type == "int":
        return f"(CASE WHEN {number} = round({number}) THEN {number}::BIGINT END)"
    if col.type == "float":
        return number
    if col.type in ("date", "timestamp"):
        fmts = "[" + ", ".join(lit(f) for f in formats if f != EXCEL_SERIAL) + "]"
        stamp = f"try_strptime({v}, {fmts})"
        if EXCEL_SERIAL in formats:
            stamp = f"coalesce({stamp}, {excel_serial(v)})"
        return f"CAST({stamp} AS DATE)" if col.type == "date" else f"CAST({stamp} AS TIMESTAMP)"
    if col.type == "bool":
        cases = " ".join(f"WHEN {lit(k)} THEN {lit(val)}" for k, val in BOOL_WORDS.items())
        return f"(CASE lower({v}) {cases} END)"
    return v


def excel_serial(v: str) -> str:
    """An Excel day number (days since 1899-12-30, the fraction is the time of day) as a timestamp.

    Only plain numbers between 1 and 2958465 (9999-12-31) qualify, rounded to the millisecond.
    """
    days = f"TRY_CAST({v} AS DOUBLE)"
    return (
        f"(CASE WHEN regexp_full_match({v}, '[0-9]{{1,7}}(\\.[0-9]+)?') AND {days} BETWEEN 1 AND 2958465 "
        f"THEN TIMESTAMP '1899-12-30' + to_milliseconds(CAST(round({days} * 86400000) AS BIGINT)) END)"
    )


FLAGS = {  # columns of the staging table that later stages fill in
    "_outside": "BOOLEAN",
    "_geom_error": "VARCHAR",
    "centroid_lon": "DOUBLE",
    "centroid_lat": "DOUBLE",
    "jd_hash": "VARCHAR",
    "_bad": "BOOLEAN",
}
SQL_TYPES = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "bool": "BOOLEAN",
    "geometry": "VARCHAR",
}
