"""One small reader per file format. Each puts the file's rows into a DuckDB temp table of text
columns ``c0..cN`` plus ``_row`` (the row number a person sees in the file: the header row and a
title row above it count, as in Excel), and returns what it learnt about the file.

The format and the encoding are detected from the bytes, never from the extension: a GB18030
CSV saved as ``.txt`` or an XLSX renamed ``.csv`` still reads. A file that cannot be read at all
raises ``ReadError`` naming the file and the cause; nothing of it is loaded.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines.contract import CRS_NAMES, normalise_header

SNIFF_ROWS = 12  # a header row is looked for among this many first rows (title rows above it)
CHUNK = 1 << 22


class ReadError(Exception):
    """The file cannot be read at all. The message is bilingual and names the file."""

    def __init__(self, path: Path | str, zh: str, en: str):
        self.path, self.zh, self.en = Path(path), zh, en
        super().__init__(f"{Path(path).name}: {zh} / {en}")


@dataclass
class ReadInfo:
    format: str
    headers: list[str]
    rows: int
    encoding: str | None = None
    header_row: int = 1
    crs: str | None = None  # declared inside the file (GeoJSON "crs" member)
    parse_errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, raw text, message)


def sniff_format(path: Path) -> str:
    """csv | xlsx | parquet | json | geojson | open311, from the first bytes of the file."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head:
        raise ReadError(path, "文件为空", "the file is empty")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(
            path,
            "旧版 Excel (.xls) 格式不受支持，请另存为 .xlsx",
            "legacy .xls is not supported; save it as .xlsx",
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        probe = head.decode("utf-8", errors="ignore")
        if '"FeatureCollection"' in probe or '"Feature"' in probe:
            return "geojson"
        if "service_request_id" in probe:
            return "open311"
        return "json"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(
            path, "文件不是文本或受支持的表格格式", "the file is binary and not a supported format"
        )
    return "csv"


def detect_encoding(path: Path) -> str:
    """utf-8-sig (BOM), utf-16, utf-8 or gb18030 — proven by decoding the whole file strictly."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    raise ReadError(
        path,
        "无法识别文件编码（不是 UTF-8 或 GB18030/GBK）",
        "unknown text encoding (neither UTF-8 nor GB18030/GBK)",
    )


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def find_header(rows: list[list[str]], known: set[str] | None) -> int:
    """Index of the header row among the first rows: the one naming the most known columns, else
    the first row with at least two non-empty cells (a merged title cell fills only one)."""
    candidates = rows[:SNIFF_ROWS]
    if known:
        scores = [sum(1 for cell in row if normalise_header(cell) in known) for row in candidates]
        if scores and max(scores) > 0:
            return scores.index(max(scores))
    for i, row in enumerate(candidates):
        if sum(1 for cell in row if str(cell).strip()) >= 2:
            return i
    return 0


def read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    *,
    known: set[str] | None = None,
    sheet: str | None = None,
    fmt: str | None = None,
) -> ReadInfo:
    """Read any supported file into temp table ``table``. ``known`` = normalised headers of the
    target contract, used to find the header row under a title row."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "文件不存在", "file not found")
    fmt = fmt or sniff_format(path)
    reader = {
        "csv": _read_csv,
        "xlsx": _read_xlsx,
        "parquet": _read_parquet,
        "json": _read_json,
        "geojson": _read_geojson,
        "open311": _read_open311,
    }[fmt]
    info = reader(con, path, table, known=known, sheet=sheet)
    if info.rows == 0 and not info.parse_errors:
        raise ReadError(path, "文件只有表头，没有数据行", "the file has a header but no data rows")
    return info


def _header_names(headers: list[str], path: Path) -> list[str]:
    names = [str(h).strip() for h in headers]
    if not any(names):
        raise ReadError(path, "找不到表头行", "no header row found")
    return names


def _read_csv(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    encoding = detect_encoding(path)
    source = path
    tmp = None
    if encoding in ("gb18030", "utf-16"):
        # DuckDB reads UTF-8 only (its encodings extension cannot be downloaded offline): transcode.
        handle, name = tempfile.mkstemp(suffix=".csv")
        tmp = Path(name)
        with (
            open(path, encoding=encoding, newline="") as src,
            open(handle, "w", encoding="utf-8", newline="") as dst,
        ):
            while chunk := src.read(CHUNK):
                dst.write(chunk)
        source = tmp
    try:
        with open(source, encoding="utf-8-sig", newline="") as fh:
            sample = list(_first_rows(fh))
        if not sample:
            raise ReadError(path, "文件为空", "the file is empty")
        skip = find_header(sample, known)
        headers = _header_names(sample[skip], path)
        width = len(headers)
        for stale in (table, f"{table}_rejects", f"{table}_scans"):
            run(con, f"DROP TABLE IF EXISTS {stale}")
        columns = {f"c{i}": "VARCHAR" for i in range(width)}
        run(
            con,
            f"""CREATE TEMP TABLE {table} AS
                SELECT (row_number() OVER () + {skip + 1})::INTEGER AS _row, *
                FROM read_csv(?, header = false, skip = {skip + 1}, columns = {columns!r},
                              quote = '"', escape = '"', delim = ',', null_padding = true, auto_detect = false,
                              store_rejects = true, rejects_table = '{table}_rejects',
                              rejects_scan = '{table}_scans', parallel = false)""",
            [str(source)],
        )
        errors = fetch_rows(
            con,
            f"""SELECT line, trim(any_value(csv_line), chr(10) || chr(13)),
                                            string_agg(DISTINCT error_message, '; ')
                                     FROM {table}_rejects GROUP BY line ORDER BY line""",
        )
        rows = scalar(con, f"SELECT count(*) FROM {table}")
        return ReadInfo(
            "csv",
            headers,
            rows,
            encoding,
            skip + 1,
            parse_errors=[(int(line), str(raw), str(msg)) for line, raw, msg in errors],
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise ReadError(path, f"CSV 无法解析: {first}", f"CSV cannot be parsed: {first}") from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _first_rows(fh, limit: int = SNIFF_ROWS):
    for i, row in enumerate(csv.reader(fh)):
        if i >= limit:
            break
        yield row


def cell_text(value) -> str | None:
    """An XLSX cell as the text a person sees: integral floats without .0, dates in ISO."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M:%S")
            if (value.hour, value.minute, value.second) != (0, 0, 0)
            else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value).strip()
    return text or None


def _read_xlsx(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise ReadError(
                path,
                f"工作表 '{sheet}' 不存在（现有: {', '.join(names)}）",
                f"sheet '{sheet}' not found (has: {', '.join(names)})",
            )
        data = book.get_sheet_by_name(sheet or names[0]).to_python(skip_empty_area=False)
    except ReadError:
        raise
    except Exception as exc:  # calamine raises its own error types for corrupt or truncated files
        raise ReadError(
            path, f"Excel 文件损坏或无法打开: {exc}", f"corrupt or unreadable Excel file: {exc}"
        ) from exc
    rows = [[cell_text(v) for v in row] for row in data]
    if not rows:
        raise ReadError(path, "工作表为空", "the sheet is empty")
    skip = find_header([[c or "" for c in r] for r in rows], known)
    headers = _header_names([c or "" for c in rows[skip]], path)
    while headers and not headers[-1]:
        headers.pop()
    body = [(i + 1, r) for i, r in enumerate(rows) if i > skip and any(c is not None for c in r)]
    columns = {"_row": pa.array([n for n, _ in body], pa.int32())}
    for j in range(len(headers)):
        columns[f"c{j}"] = pa.array([r[j] if j < len(r) else None for _, r in body], pa.string())
    _register(con, table, pa.table(columns))
    return ReadInfo("xlsx", headers, len(body), None, skip + 1)


def _register(con, table: str, arrow: pa.Table) -> None:
    run(con, f"DROP TABLE IF EXISTS {table}")
    con.register(f"{table}_arrow", arrow)
    run(con, f"CREATE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
    con.unregister(f"{table}_arrow")


def _as_text_table(con, path: Path, table: str, relation_sql: str, fmt: str) -> ReadInfo:
    try:
        described = fetch_rows(con, f"DESCRIBE SELECT * FROM {relation_sql}", [str(path)])
        headers = [row[0] for row in described]
        select = ", ".join(f'CAST("{h}" AS VARCHAR) AS c{i}' for i, h in enumerate(headers))
        run(con, f"DROP TABLE IF EXISTS {table}")
        run(
            con,
            f"CREATE TEMP TABLE {table} AS SELECT (row_number() OVER ())::INTEGER AS _row, {select} "
            f"FROM {relation_sql}",
            [str(path)],
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise ReadError(
            path, f"{fmt} 文件无法解析: {first}", f"{fmt} file cannot be parsed: {first}"
        ) from exc
    rows = scalar(con, f"SELECT count(*) FROM {table}")
    return ReadInfo(fmt, headers, rows, None, 0)


def _read_parquet(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    return _as_text_table(con, path, table, "read_parquet(?)", "Parquet")


def _read_json(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    detect_encoding(path)  # JSON must be UTF-8 (RFC 8259); say so clearly otherwise
    return _as_text_table(con, path, table, "read_json(?, format = 'auto', records = true)", "JSON")


def _load_json(path: Path):
    try:
        with open(path, encoding=detect_encoding(path)) as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise ReadError(
            path,
            f"JSON 格式错误（第 {exc.lineno} 行）: {exc.msg}",
            f"invalid JSON (line {exc.lineno}): {exc.msg}",
        ) from exc


def declared_crs(doc: dict) -> str | None:
    """A GeoJSON file's declared CRS: the legacy ``crs`` member or a top-level ``coordinate_system``."""
    name = None
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = (crs.get("properties") or {}).get("name")
    name = name or doc.get("coordinate_system") or doc.get("coordinateSystem")
    if name is None:
        return None
    key = (
        str(name).upper().replace("URN:OGC:DEF:CRS:", "").replace("OGC:1.3:CRS84", "WGS84").replace("::", ":")
    )
    key = {"EPSG:4326": "WGS84", "CRS84": "WGS84"}.get(key, key)
    if key not in CRS_NAMES:
        raise ValueError(name)
    return CRS_NAMES[key]


def _read_geojson(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    doc = _load_json(path)
    features = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    if not isinstance(features, list):
        raise ReadError(path, "GeoJSON 缺少 features 数组", "GeoJSON has no features array")
    try:
        crs = declared_crs(doc)
    except ValueError as exc:
        raise ReadError(
            path,
            f"不支持的坐标系 {exc}（支持 WGS-84、GCJ-02、BD-09）",
            f"unsupported CRS {exc} (supported: WGS-84, GCJ-02, BD-09)",
        ) from exc
    headers: list[str] = []
    for feature in features:
        for key in feature.get("properties") or {}:
            if key not in headers:
                headers.append(key)
    records = []
    for feature in features:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        lon = lat = polygon = None
        if geometry.get("type") == "Point":
            lon, lat = (geometry.get("coordinates") or [None, None])[:2]
        elif geometry:
            polygon = json.dumps(geometry, ensure_ascii=False, separators=(",", ":"))
        records.append([cell_text(props.get(h)) for h in headers] + [polygon, cell_text(lon), cell_text(lat)])
    # Geometry columns appear only when some feature fills them: a polygon layer has no point
    # columns (they would be "unknown columns" of a community or grid contract), and vice versa.
    keep = list(range(len(headers))) + [
        len(headers) + k for k in range(3) if any(r[len(headers) + k] is not None for r in records)
    ]
    headers = [[*headers, "_geometry", "_lon", "_lat"][j] for j in keep]
    columns = {"_row": pa.array(range(1, len(records) + 1), pa.int32())}
    for i, j in enumerate(keep):
        columns[f"c{i}"] = pa.array([r[j] for r in records], pa.string())
    _register(con, table, pa.table(columns))
    return ReadInfo("geojson", headers, len(records), "utf-8", 0, crs=crs)


OPEN311_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)


def _read_open311(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    """Open311 GeoReport v2 ``requests.json``: a list of service requests (or ``{"service_requests": [...]}``).

    Datetimes are ISO 8601 with an offset; they are rewritten as Asia/Shanghai wall-clock time,
    the warehouse's convention. ``status`` open/closed stays as is for the mapping to translate.
    """
    doc = _load_json(path)
    items = doc.get("service_requests", doc.get("requests")) if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ReadError(
            path, "不是 Open311 GeoReport v2 请求列表", "not an Open311 GeoReport v2 request list"
        )
    extra = [k for item in items for k in item if k not in OPEN311_FIELDS]
    headers = list(OPEN311_FIELDS) + list(dict.fromkeys(extra))
    columns = {"_row": pa.array(range(1, len(items) + 1), pa.int32())}
    for j, name in enumerate(headers):
        values = [_open311_value(name, item.get(name)) for item in items]
        columns[f"c{j}"] = pa.array(values, pa.string())
    _register(con, table, pa.table(columns))
    return ReadInfo("open311", headers, len(items), "utf-8", 0, crs="WGS84")


def _open311_value(name: str, value) -> str | None:
    if value is None or value == "":
        return None
    if name.endswith("_datetime") and isinstance(value, str):
        try:
            stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value  # left for the contract's datetime rule to report with its row
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None)
        return stamp.strftime("%Y-%m-%d %H:%M:%S")
    return cell_text(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False)
