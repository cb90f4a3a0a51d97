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
from pipelines.contract import normalise_header
from pipelines.mapping import Mapping
from pipelines.readers import ReadError
from pipelines.validate import Options, Validator, lit, plan_from_headers
from pipelines.write import log_failure, parse_reason, summary, write_batch

# hashlib releases the GIL: a file is hashed on the second core while DuckDB reads it on the first
_HASHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jiedao-sha256")


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
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


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
            log_failure(con, name, hashing and hashing.result(), kind, str(exc), started_at)
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
    validator = Validator(con, contract, plan, info.headers, "jd_raw", options, info.row_sql)
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
        result.message = summary(contract, result, plan)
        result.seconds = time.perf_counter() - started
        return result
    write_batch(
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
        {"source_row": line, "rules": ["malformed_line"], "reasons": parse_reason(msg), "row_json": raw}
        for line, raw, msg in info.parse_errors[:limit]
    ]
    for item in out:
        item["message"] = f"{name} 第 {item['source_row']} 行 / row {item['source_row']}: {item['reasons']}"
    return sorted(out, key=lambda r: r["source_row"])


def order_key(contract_kind: str | None) -> int:
    return sources.CONTRACTS[contract_kind].order if contract_kind in sources.CONTRACTS else 99
