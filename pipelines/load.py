"""One file → one atomic, idempotent batch.

read → plan (headers or mapping) → validate → in ONE transaction: quarantine the rejected rows,
remove rows of re-exported months that the new export no longer has, upsert the accepted rows on
the natural key, log the batch. rows read = loaded + rejected, always. The same file twice changes
nothing (recognised by its sha256). A file that cannot be read at all writes no data; its failure
is logged so the data page can show it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from jiedao import calendar, config
from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines import readers, sources
from pipelines.contract import Contract, normalise_header
from pipelines.mapping import Mapping
from pipelines.readers import ReadError
from pipelines.validate import Options, Plan, Validator, ident, lit, plan_from_headers

# hashlib releases the GIL: a file is hashed on the second core while DuckDB reads it on the first
_HASHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jiedao-sha256")
PREVIEW_ROWS = 20  # quarantined rows shown right after a load; `jiedao rejected` shows them all


class LoadError(Exception):
    """The file was refused as a whole; the message is bilingual and names the file."""


@dataclass
class LoadResult:
    file: str
    kind: str | None
    status: str  # loaded | partial | rejected | unchanged | failed | checked (dry run)
    batch_id: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_replaced: int = 0
    message: str = ""
    seconds: float = 0.0
    rejected_preview: list[dict] | None = None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def default_options(con, now: dt.datetime | None = None) -> Options:
    street = config.street()
    ingest = config.load("street").get("ingest", {})
    polygon = scalar(con, "SELECT polygon FROM street WHERE street_code = ?", [street["code"]])
    return Options(
        now=now or dt.datetime.now(),
        street_code=street["code"],
        street_polygon=polygon,
        boundary_tolerance_m=float(ingest.get("boundary_tolerance_m", 150)),
        future_tolerance_hours=float(ingest.get("future_tolerance_hours", 1)),
        secret=config.secret_key(),
    )


def limit_memory(con) -> None:
    """Cap DuckDB's memory as configured ([ingest] memory_limit): staging tables spill to disk."""
    limit = config.load("street").get("ingest", {}).get("memory_limit")
    if limit:
        run(con, f"SET memory_limit = {lit(str(limit))}")


def ensure_calendar(con) -> None:
    """Fill work_calendar (2015–2030) once, from the maintained holiday calendar."""
    if scalar(con, "SELECT count(*) FROM work_calendar"):
        return
    con.register("jd_days", calendar.days(dt.date(2015, 1, 1), dt.date(2030, 12, 31)).to_arrow())
    run(con, "INSERT INTO work_calendar SELECT day, is_workday, known, workday_index FROM jd_days")
    con.unregister("jd_days")


def ensure_street(con) -> None:
    """The configured street exists from the start, so rosters can point at it before a map is loaded."""
    ensure_calendar(con)
    street = config.street()
    run(
        con,
        "INSERT INTO street (street_code, name, district_code) SELECT ?, ?, ? WHERE NOT EXISTS "
        "(SELECT 1 FROM street WHERE street_code = ?)",
        [street["code"], street["name"], street.get("district_code"), street["code"]],
    )


def resolve_contract(con, path: Path, kind: str | None, mapping: Mapping | None, sheet: str | None):
    """Read the file and decide its contract: from --source, the mapping, or the headers."""
    if mapping is not None:
        contract = mapping.contract
        info = readers.read(con, path, "jd_raw", known=mapping.known_headers(), sheet=sheet)
        return contract, info
    if kind is not None:
        contract = sources.get(kind)
        info = readers.read(con, path, "jd_raw", known=set(contract.alias_index()), sheet=sheet)
        return contract, info
    everything = {h for c in sources.CONTRACTS.values() for h in c.alias_index()}
    info = readers.read(con, path, "jd_raw", known=everything, sheet=sheet)
    contract = sources.guess(info.headers, path.name)
    if contract is None:
        raise LoadError(
            f"{path.name}: 无法从表头判断数据类型，请用 --source 指定（表头: {', '.join(info.headers[:8])}）"
            f" / cannot tell the kind of data from the headers; pass --source"
        )
    known = set(contract.alias_index())
    if not any(normalise_header(h) in known for h in info.headers[:1]):
        info = readers.read(con, path, "jd_raw", known=known, sheet=sheet)
    return contract, info


def guess_kind(con, path: Path) -> str | None:
    """The kind a file would load as, from its headers (a CSV's first rows suffice); None if unknown."""
    everything = {h for c in sources.CONTRACTS.values() for h in c.alias_index()}
    headers = readers.peek_csv_headers(path, everything)
    if headers is not None:
        contract = sources.guess(headers, path.name)
        return contract.kind if contract else None
    return resolve_contract(con, path, None, None, None)[0].kind


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    kind: str | None = None,
    mapping: Mapping | None = None,
    sheet: str | None = None,
    crs: str | None = None,
    ignore_unknown: bool = False,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    display_name: str | None = None,
) -> LoadResult:
    """Load one file as one batch. ``dry_run`` validates and reports without writing anything."""
    path = Path(path)
    name = display_name or path.name
    started = time.perf_counter()
    started_at = dt.datetime.now()
    ensure_street(con)
    limit_memory(con)
    hashing = _HASHER.submit(sha256_of, path) if path.exists() else None  # beside DuckDB's read
    try:
        contract, info = resolve_contract(con, path, kind, mapping, sheet)
    except (ReadError, LoadError) as exc:
        if not dry_run:
            _log_failure(con, name, hashing and hashing.result(), kind, str(exc), started_at)
        return LoadResult(name, kind, "failed", message=str(exc), seconds=time.perf_counter() - started)
    digest = hashing and hashing.result()
    read_seconds = time.perf_counter() - started
    previous = _same_file(con, digest, contract.kind)
    if previous is not None and not dry_run:
        return LoadResult(
            name,
            contract.kind,
            "unchanged",
            batch_id=previous,
            message=f"与批次 #{previous} 的文件完全相同，未重复导入 / identical to batch #{previous}; "
            "nothing changed",
            seconds=time.perf_counter() - started,
        )
    plan = (
        mapping.plan(info.headers) if mapping else plan_from_headers(contract, info.headers, ignore_unknown)
    )
    if info.crs and not plan.crs:
        plan.crs = info.crs
    options = default_options(con, now)
    options.crs, options.ignore_unknown = crs, ignore_unknown
    options.source_system = mapping.source_system if mapping else None
    validator = Validator(con, contract, plan, info.headers, "jd_raw", options)
    validator.build_typed()
    validator.build_checked()
    loaded, rejected = validator.counts()
    parse_errors = len(info.parse_errors)
    validate_seconds = time.perf_counter() - started - read_seconds
    result = LoadResult(
        name,
        contract.kind,
        _status(loaded, rejected + parse_errors),
        rows_read=loaded + rejected + parse_errors,
        rows_loaded=loaded,
        rows_rejected=rejected + parse_errors,
    )
    if dry_run:
        result.status = "checked"
        result.rejected_preview = _preview(con, validator, info, name)
        result.message = _summary(contract, result, plan)
        result.seconds = time.perf_counter() - started
        return result
    _write(
        con,
        contract,
        validator,
        info,
        result,
        plan,
        digest,
        mapping,
        started_at,
        read_seconds,
        validate_seconds,
    )
    result.seconds = time.perf_counter() - started
    return result


def _status(loaded: int, rejected: int) -> str:
    if rejected == 0:
        return "loaded"
    return "partial" if loaded else "rejected"


def _summary(contract: Contract, result: LoadResult, plan: Plan) -> str:
    text = (
        f"{contract.zh}: 读取 {result.rows_read} 行，导入 {result.rows_loaded} 行，隔离 {result.rows_rejected} 行"
        f" / {contract.en}: {result.rows_read} read, {result.rows_loaded} loaded, "
        f"{result.rows_rejected} quarantined"
    )
    if plan.file_issues:
        text += "；" + "；".join(zh for _, zh, _ in plan.file_issues)
    return text


def _same_file(con, digest: str | None, kind: str) -> int | None:
    if digest is None:
        return None
    return scalar(
        con,
        "SELECT max(batch_id) FROM load_log WHERE file_sha256 = ? AND source_kind = ? "
        "AND status IN ('loaded', 'partial', 'rejected')",
        [digest, kind],
    )


def _preview(con, validator: Validator, info: readers.ReadInfo, name: str, limit: int = 500) -> list[dict]:
    """The rows a dry run would quarantine, as ``rejected_rows`` would hold them, plus the message."""
    found = fetch_rows(con, f"SELECT * FROM ({validator.rejected_sql()}) ORDER BY source_row LIMIT {limit}")
    out = [{"source_row": r[0], "rules": list(r[1]), "reasons": r[2], "row_json": r[3]} for r in found]
    out += [
        {"source_row": line, "rules": ["malformed_line"], "reasons": _parse_reason(msg), "row_json": raw}
        for line, raw, msg in info.parse_errors[:limit]
    ]
    for item in out:
        item["message"] = f"{name} 第 {item['source_row']} 行 / row {item['source_row']}: {item['reasons']}"
    return sorted(out, key=lambda r: r["source_row"])


def _parse_reason(message: str) -> str:
    return f"[malformed_line] 该行无法按 CSV 解析（列数或引号不对）/ line cannot be parsed as CSV: {message}"


def _write(
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
                [batch_id, line, _parse_reason(message), raw],
            )
        columns, select = validator.accepted_sql()
        run(con, "DROP VIEW IF EXISTS jd_accepted")
        run(con, f"CREATE TEMP VIEW jd_accepted AS {select}")  # a filter, not another copy of the rows
        result.rows_replaced = _replace_periods(con, contract, validator, columns, mapping)
        _upsert(con, contract, columns, batch_id)
        result.batch_id = batch_id
        result.message = _summary(contract, result, plan)
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
    run(con, f"CREATE OR REPLACE TEMP TABLE jd_file_keys AS {validator.file_keys_sql()}")
    where = (
        f"date_trunc('month', t.{period}) IN (SELECT DISTINCT date_trunc('month', {period}) FROM jd_accepted) "
        f"{same_source} AND ({keys}) NOT IN (SELECT * FROM jd_file_keys)"
    )
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


def _log_failure(con, name: str, digest: str | None, kind: str | None, message: str, started_at) -> None:
    run(
        con,
        "INSERT INTO load_log (batch_id, source_kind, file_name, file_sha256, status, rows_read, rows_loaded, "
        "rows_rejected, rows_replaced, message, started_at, finished_at) "
        "VALUES (nextval('batch_seq'), ?, ?, ?, 'failed', 0, 0, 0, 0, ?, ?, ?)",
        [kind, name, digest, message, started_at, dt.datetime.now()],
    )


def order_key(contract_kind: str | None) -> int:
    return sources.CONTRACTS[contract_kind].order if contract_kind in sources.CONTRACTS else 99
