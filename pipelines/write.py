"""The write side of a batch, in ONE transaction: quarantine the rejected rows, remove the rows of
re-exported months that the export no longer lists, upsert the accepted rows on the natural key,
log the batch. Also what a person reads about quarantined rows, and the log of a refused file."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines.contract import Contract
from pipelines.plan import Plan
from pipelines.sqltext import ident
from pipelines.validate import Validator

if TYPE_CHECKING:
    from pipelines.load import LoadResult

PREVIEW_ROWS = 20  # quarantined rows shown right after a load; `jiedao rejected` shows them all


def summary(contract: Contract, result: LoadResult, plan: Plan) -> str:
    text = (
        f"{contract.zh}: 读取 {result.rows_read} 行，导入 {result.rows_loaded} 行，隔离 {result.rows_rejected} 行"
        f" / {contract.en}: {result.rows_read} read, {result.rows_loaded} loaded, "
        f"{result.rows_rejected} quarantined"
    )
    if plan.file_issues:
        text += "；" + "；".join(zh for _, zh, _ in plan.file_issues)
    return text


def parse_reason(message: str) -> str:
    return f"[malformed_line] 该行无法按 CSV 解析（列数或引号不对）/ line cannot be parsed as CSV: {message}"


def write_batch(
    con,
    contract: Contract,
    validator: Validator,
    info,
    result: LoadResult,
    plan: Plan,
    digest,
    mapping,
    started_at,
    read_seconds,
    validate_seconds,
) -> None:
    write_started = time.perf_counter()
    # The quarantined rows are built before the transaction, so that it holds only the writes.
    run(con, f"CREATE OR REPLACE TEMP TABLE jd_rejected AS {validator.rejected_sql()}")
    run(con, "BEGIN TRANSACTION")
    try:
        batch_id = scalar(con, "SELECT nextval('batch_seq')")
        run(
            con,
            f"INSERT INTO rejected_rows (batch_id, source_row, rules, reasons, row_json) "
            f"SELECT {batch_id}, * FROM jd_rejected",
        )
        for line, raw, message in info.parse_errors:
            run(
                con,
                "INSERT INTO rejected_rows VALUES (?, ?, ['malformed_line'], ?, ?)",
                [batch_id, line, parse_reason(message), raw],
            )
        columns, select = validator.accepted_sql()
        run(con, "DROP VIEW IF EXISTS jd_accepted")
        run(con, f"CREATE TEMP VIEW jd_accepted AS {select}")  # a filter, not another copy of the rows
        result.rows_replaced = _replace_periods(con, contract, validator, columns, mapping)
        _upsert(con, contract, columns, batch_id)
        result.batch_id = batch_id
        result.message = summary(contract, result, plan)
        run(
            con,
            """INSERT INTO load_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                batch_id,
                contract.kind,
                result.file,
                digest,
                info.format,
                info.encoding,
                mapping.name if mapping else None,
                result.status,
                result.rows_read,
                result.rows_loaded,
                result.rows_rejected,
                result.rows_replaced,
                result.message,
                started_at,
                dt.datetime.now(),
                read_seconds,
                validate_seconds,
                time.perf_counter() - write_started,
            ],
        )
        run(con, "COMMIT")
        if result.rows_rejected:
            result.rejected_preview = [
                {"message": m} for m in rejected_messages(con, batch_id, limit=PREVIEW_ROWS)
            ]
    except BaseException:
        run(con, "ROLLBACK")
        raise


def _upsert(con, contract: Contract, columns: list[str], batch_id: int) -> None:
    """Accepted rows replace the rows with the same natural key, others are added.

    Done as DELETE of the keys already present, then a plain INSERT: the same result as INSERT OR
    REPLACE, without its per-row conflict handling (a fresh month of tickets overlaps nothing).
    """
    table = ident(contract.table)
    keys = ", ".join(ident(contract.column(k).out) for k in contract.key)
    run(con, f"DELETE FROM {table} WHERE ({keys}) IN (SELECT {keys} FROM jd_accepted)")
    targets = ", ".join(ident(c) for c in columns)
    run(
        con,
        f"INSERT INTO {table} ({targets}, batch_id, source_row) SELECT {targets}, {batch_id}, _row FROM jd_accepted",
    )


def _replace_periods(con, contract: Contract, validator: Validator, columns: list[str], mapping) -> int:
    """A re-exported month replaces that month's rows of the same source: delete the rows of those
    months (and that source_system) whose keys the new export no longer lists at all.

    The months are those of the accepted rows (a file refused row by row replaces nothing); a key
    the export still lists but whose row was quarantined keeps its previous version, so a bad
    re-export never loses a ticket. A mapping with ``replace_period = "none"`` only adds rows.
    """
    if contract.period is None or (mapping is not None and mapping.replace_period == "none"):
        return 0
    table, period = ident(contract.table), ident(contract.period)
    keys = ", ".join(f"t.{ident(contract.column(k).out)}" for k in contract.key)
    same_source = (
        "AND t.source_system IN (SELECT DISTINCT source_system FROM jd_accepted)"
        if "source_system" in columns
        else ""
    )
    months = (
        f"date_trunc('month', t.{period}) IN (SELECT DISTINCT date_trunc('month', {period}) FROM jd_accepted) "
        f"{same_source}"
    )
    if not scalar(con, f"SELECT EXISTS (SELECT 1 FROM {table} t WHERE {months})"):
        return 0  # a month not loaded before (the usual monthly export): nothing to replace
    run(con, f"CREATE OR REPLACE TEMP TABLE jd_file_keys AS {validator.file_keys_sql()}")
    where = f"{months} AND ({keys}) NOT IN (SELECT * FROM jd_file_keys)"
    count = scalar(con, f"SELECT count(*) FROM {table} t WHERE {where}")
    if count:
        run(con, f"DELETE FROM {table} t WHERE {where}")
    return int(count)


def rejected_messages(con, batch_id: int, limit: int = 50) -> list[str]:
    """What a person reads about each quarantined row of a batch: the file, the row as seen in the
    file, then every broken rule (rule id, column, bad value), in Chinese and English."""
    name = scalar(con, "SELECT file_name FROM load_log WHERE batch_id = ?", [batch_id])
    found = fetch_rows(
        con,
        "SELECT source_row, reasons FROM rejected_rows WHERE batch_id = ? ORDER BY source_row LIMIT ?",
        [batch_id, limit],
    )
    return [f"{name} 第 {row} 行 / row {row}: {reasons}" for row, reasons in found]


def log_failure(con, name: str, digest: str | None, kind: str | None, message: str, started_at) -> None:
    run(
        con,
        "INSERT INTO load_log (batch_id, source_kind, file_name, file_sha256, status, rows_read, rows_loaded, "
        "rows_rejected, rows_replaced, message, started_at, finished_at) "
        "VALUES (nextval('batch_seq'), ?, ?, ?, 'failed', 0, 0, 0, 0, ?, ?, ?)",
        [kind, name, digest, message, started_at, dt.datetime.now()],
    )
