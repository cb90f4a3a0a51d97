"""Contract → accepted rows + rejected rows with reasons, in set-based SQL (no Python loop per row).

Stages, each a temp table:
1. ``plan``: which raw column (or constant) feeds each contract field — from header aliases or a
   TOML mapping; file-level problems (missing required column, unknown header) are found here.
2. ``typed``: every field parsed to its type, synonyms applied, foreign keys resolved (a code, or
   a name that identifies exactly one target row), coordinates converted to WGS-84.
3. ``checked``: one boolean per rule folded into ``_bad``; only bad rows get their reasons built,
   so the common path stays cheap.
Accepted rows come out with personal data hashed or masked; rejected rows keep the whole raw row
(personal fields masked there too) with every rule they broke, in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from jiedao import geo
from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines.contract import (
    BOOL_WORDS,
    DATE_FORMATS,
    TIMESTAMP_FORMATS,
    Column,
    Contract,
    normalise_header,
)

EXCEL_SERIAL = "excel_serial"  # a mapping's date format meaning "Excel day number"
IGNORED_HEADERS = {normalise_header(h) for h in ("序号", "No.", "no", "#", "备注", "remark", "remarks", "")}

MACROS = """
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


@dataclass
class Plan:
    """Where each contract field comes from, and what is wrong with the file as a whole."""

    sources: dict[str, str] = field(default_factory=dict)  # field → SQL expression over raw columns
    labels: dict[str, str] = field(default_factory=dict)  # field → header text a person sees
    file_issues: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, zh, en)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    formats: dict[str, list[str]] = field(default_factory=dict)
    crs: str | None = None


@dataclass
class Options:
    now: dt.datetime
    street_code: str
    street_polygon: str | None = None  # GeoJSON (WGS-84) of the configured street, for the boundary rule
    boundary_tolerance_m: float = 150.0
    future_tolerance_hours: float = 1.0
    secret: bytes = b""
    crs: str | None = None  # overrides the contract and file
    ignore_unknown: bool = False
    source_system: str | None = None


def plan_from_headers(contract: Contract, headers: list[str], ignore_unknown: bool = False) -> Plan:
    """Match the file's headers to contract fields through the aliases (Chinese or English)."""
    plan = Plan()
    index = contract.alias_index()
    unknown = []
    for i, header in enumerate(headers):
        key = normalise_header(header)
        name = index.get(key)
        if name is None:
            if key not in IGNORED_HEADERS:
                unknown.append(header)
            continue
        if name in plan.sources:
            plan.file_issues.append(
                (
                    "duplicate_column",
                    f"列“{header}”与“{plan.labels[name]}”对应同一字段 {name}",
                    f"columns '{header}' and '{plan.labels[name]}' both map to field {name}",
                )
            )
            continue
        plan.sources[name] = f"c{i}"
        plan.labels[name] = header
    if unknown and not ignore_unknown:
        known = [c.zh for c in contract.columns]
        hints = []
        for header in unknown:
            close = difflib.get_close_matches(header, known, n=1)
            hints.append(f"{header}" + (f"（是否为“{close[0]}”?）" if close else ""))
        plan.file_issues.append(
            (
                "unknown_column",
                f"未知列: {', '.join(hints)}；{contract.zh}不含这些列（可用 --ignore-unknown 忽略）",
                f"unknown column(s): {', '.join(unknown)} are not part of {contract.en} (use --ignore-unknown to skip)",
            )
        )
    missing_required(contract, plan)
    return plan


def missing_required(contract: Contract, plan: Plan) -> None:
    for col in contract.columns:
        if col.required and col.name not in plan.sources:
            plan.file_issues.append(
                (
                    "missing_column",
                    f"缺少必填列“{col.zh}”({col.name})",
                    f"required column '{col.name}' ({col.zh}) is missing",
                )
            )


def _raw(expr: str) -> str:
    return f"NULLIF(trim(CAST({expr} AS VARCHAR)), '')"


def _mapped(expr: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return expr
    cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in mapping.items())
    return f"(CASE {expr} {cases} ELSE {expr} END)"


def _typed(col: Column, v: str, formats: list[str]) -> str:
    number = f"TRY_CAST(replace(replace({v}, ',', ''), '，', '') AS DOUBLE)"
    if col.type == "int":
        return f"(CASE WHEN {number} = round({number}) THEN {number}::BIGINT END)"
    if col.type == "float":
        return number
    if col.type in ("date", "timestamp"):
        fmts = "[" + ", ".join(lit(f) for f in formats if f != EXCEL_SERIAL) + "]"
        stamp = f"try_strptime({v}, {fmts})"
        if EXCEL_SERIAL in formats:
            stamp = f"coalesce({stamp}, {_excel_serial(v)})"
        return f"CAST({stamp} AS DATE)" if col.type == "date" else f"CAST({stamp} AS TIMESTAMP)"
    if col.type == "bool":
        cases = " ".join(f"WHEN {lit(k)} THEN {lit(val)}" for k, val in BOOL_WORDS.items())
        return f"(CASE lower({v}) {cases} END)"
    return v


def _excel_serial(v: str) -> str:
    """An Excel day number (days since 1899-12-30, the fraction is the time of day) as a timestamp.

    Only plain numbers between 1 and 2958465 (9999-12-31) qualify, rounded to the millisecond.
    """
    days = f"TRY_CAST({v} AS DOUBLE)"
    return (
        f"(CASE WHEN regexp_full_match({v}, '[0-9]{{1,7}}(\\.[0-9]+)?') AND {days} BETWEEN 1 AND 2958465 "
        f"THEN TIMESTAMP '1899-12-30' + to_milliseconds(CAST(round({days} * 86400000) AS BIGINT)) END)"
    )


class Validator:
    """Runs the stages for one batch on one connection; temp tables are prefixed with ``name``."""

    def __init__(self, con, contract: Contract, plan: Plan, headers: list[str], raw: str, options: Options):
        self.con, self.contract, self.plan, self.headers = con, contract, plan, headers
        self.raw, self.opt = raw, options
        # One staging table: typed, then flagged in place (copies of a million rows cost more
        # than UPDATEs of a few columns), so "checked" is the typed table once its flags are set.
        self.typed = self.checked = f"{raw}_typed"
        self._as_read: set[str] = set()  # fields whose typed column is the value as read
        run(con, MACROS)

    def _read_value(self, name: str) -> str:
        """The column holding a field's value as read (after trimming and value maps)."""
        return ident(name if name in self._as_read else "v_" + name)

    # -- stage 2 ------------------------------------------------------------------------------
    def build_typed(self) -> None:
        selects, joins = ["r._row AS _row"], []
        for col in self.contract.columns:
            columns, join = self._field(col)
            selects += columns
            joins += [join] if join else []
        selects += [f"CAST(NULL AS {kind}) AS {name}" for name, kind in FLAGS.items()]
        self._kept = self._raw_kept_as_typed()
        selects += ["r._row AS _first_row"] + [
            f"r.c{i} AS raw_{i}" for i in range(len(self.headers)) if i not in self._kept
        ]
        run(self.con, f"DROP TABLE IF EXISTS {self.typed}")
        run(
            self.con,
            f"CREATE TEMP TABLE {self.typed} AS SELECT {', '.join(selects)} "
            f"FROM {self.raw} r {' '.join(joins)}",
        )
        run(self.con, f"DROP TABLE {self.raw}")  # the staging table now carries all it needs
        self._convert_coordinates()

    def _raw_kept_as_typed(self) -> dict[int, str]:
        """Raw column → the field whose typed column already holds it as read (trimmed): the
        quarantine shows that column instead of keeping a second copy of, say, every ticket text."""
        kept = {}
        for name in self._as_read:
            match = re.fullmatch(r"c(\d+)|NULLIF\(trim\(c(\d+)\), ''\)", self.plan.sources.get(name) or "")
            col = self.contract.column(name)
            if match and not (col.synonyms or col.personal or name in self.plan.value_maps):
                kept[int(match.group(1) or match.group(2))] = name
        return kept

    def _field(self, col: Column) -> tuple[list[str], str | None]:
        """SELECT items for one field (value as read, typed value, FK flag) and its FK join, if any."""
        has_fk = col.fk is not None and col.personal != "id"
        source = self.plan.sources.get(col.name)
        default = self._default(col) if source is None else None
        if source is None and default is None:  # absent: a constant NULL, nothing to parse or join
            self._as_read.add(col.name)
            flag = [f"FALSE AS {ident('fkbad_' + col.name)}"] if has_fk else []
            return [f"CAST(NULL AS {_SQL_TYPES[col.type]}) AS {ident(col.name)}", *flag], None
        raw = _raw(source or lit(default))
        if col.personal == "id" or col.check in ("uscc", "id_card"):
            raw = f"upper(replace({raw}, ' ', ''))"
        value = _mapped(_mapped(raw, self.plan.value_maps.get(col.name, {})), col.synonyms)
        selects = []
        if col.type == "text" and not has_fk:
            self._as_read.add(col.name)  # the typed value is the value read: keep one copy
        else:
            selects.append(f"{value} AS {ident('v_' + col.name)}")
        formats = self.plan.formats.get(col.name, []) + list(
            TIMESTAMP_FORMATS if col.type == "timestamp" else DATE_FORMATS
        )
        typed, join = _typed(col, value, formats), None
        if has_fk:
            alias = f"fk_{col.name}"
            join = self._fk_join(col, alias, value)
            typed = f"coalesce({alias}.code, {typed})"
            selects.append(f"({value} IS NOT NULL AND {alias}.code IS NULL) AS {ident('fkbad_' + col.name)}")
        return [*selects, f"{typed} AS {ident(col.name)}"], join

    def _default(self, col: Column) -> str | None:
        if col.name == "street_code":
            return self.opt.street_code
        if col.name == "source_system" and self.opt.source_system:
            return self.opt.source_system
        return col.default

    def _fk_join(self, col: Column, alias: str, value: str) -> str:
        """LEFT JOIN a lookup of (input, code): every code, and every name that is unique."""
        fk = col.fk
        target = ident(fk.table)
        key = ident(fk.column)
        parts = [f"SELECT {key} AS input, {key} AS code FROM {target}"]
        if fk.name_column:
            name = ident(fk.name_column)
            parts.append(
                f"SELECT {name}, any_value({key}) FROM {target} WHERE {name} NOT IN "
                f"(SELECT {key} FROM {target}) GROUP BY {name} HAVING count(*) = 1"
            )
        if fk.table == self.contract.table:  # self reference (a parent in the same file)
            own = self.plan.sources.get(fk.column)
            if own:
                parts.append(f"SELECT {_raw(own)}, {_raw(own)} FROM {self.raw}")
        lookup = " UNION ".join(parts)
        return (
            f"LEFT JOIN (SELECT input, any_value(code) AS code FROM ({lookup}) GROUP BY input) {alias} "
            f"ON {alias}.input = {value}"
        )

    def _crs(self) -> str:
        return self.opt.crs or self.plan.crs or self.contract.crs

    def _convert_coordinates(self) -> None:
        """Convert lon/lat and polygons to WGS-84 and flag points outside the street."""
        names = {c.name for c in self.contract.columns}
        crs = self._crs()
        if {"lon", "lat"} <= names:
            self._convert_points(crs)
        if "polygon" in names:
            self._convert_polygons(crs)

    def _convert_points(self, crs: str) -> None:
        frame = self.con.sql(
            f"SELECT _row, lon, lat, coalesce(street_code = {lit(self.opt.street_code)}, FALSE) "
            f"AS ours FROM {self.typed} WHERE lon IS NOT NULL AND lat IS NOT NULL"
        ).to_arrow_table()
        if frame.num_rows == 0:
            return
        lon = frame["lon"].to_numpy(zero_copy_only=False)
        lat = frame["lat"].to_numpy(zero_copy_only=False)
        in_range = (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
        w_lon, w_lat = geo.to_wgs84(np.where(in_range, lon, np.nan), np.where(in_range, lat, np.nan), crs)
        outside = np.zeros(len(lon), bool)
        if self.opt.street_polygon and self.contract.table != "street":
            inside = geo.contains(self.opt.street_polygon, w_lon, w_lat, self.opt.boundary_tolerance_m)
            outside = in_range & ~inside & frame["ours"].to_numpy(zero_copy_only=False)
        update = pa.table(
            {
                "_row": frame["_row"],
                "w_lon": np.where(in_range, w_lon, lon),
                "w_lat": np.where(in_range, w_lat, lat),
                "w_out": outside,
            }
        )
        self.con.register("jd_points", update)
        run(
            self.con,
            f"UPDATE {self.typed} t SET lon = p.w_lon, lat = p.w_lat, _outside = p.w_out "
            f"FROM jd_points p WHERE t._row = p._row",
        )
        self.con.unregister("jd_points")

    def _convert_polygons(self, crs: str) -> None:
        found = fetch_rows(self.con, f"SELECT _row, polygon FROM {self.typed} WHERE polygon IS NOT NULL")
        if not found:
            return
        out = {"_row": [], "poly": [], "err": [], "clon": [], "clat": []}
        for row, text in found:
            poly = err = clon = clat = None
            try:
                poly = geo.geometry_to_wgs84(text, crs)
                shape = geo.parse_geometry(poly)
                if shape.geom_type not in ("Polygon", "MultiPolygon"):
                    err = f"{shape.geom_type}"
                elif not shape.is_valid:
                    err = "invalid polygon (self-intersecting)"
                else:
                    clon, clat = geo.centroid(poly)
            except Exception as exc:  # any malformed geometry is this row's problem, not the batch's
                err = str(exc)[:120]
            for key, value in zip(out, (row, poly, err, clon, clat), strict=True):
                out[key].append(value)
        self.con.register(
            "jd_polys",
            pa.table(
                {
                    "_row": pa.array(out["_row"], pa.int32()),
                    "poly": pa.array(out["poly"], pa.string()),
                    "err": pa.array(out["err"], pa.string()),
                    "clon": pa.array(out["clon"], pa.float64()),
                    "clat": pa.array(out["clat"], pa.float64()),
                }
            ),
        )
        run(
            self.con,
            f"UPDATE {self.typed} t SET polygon = p.poly, _geom_error = p.err, centroid_lon = p.clon, "
            f"centroid_lat = p.clat FROM jd_polys p WHERE t._row = p._row",
        )
        self.con.unregister("jd_polys")

    # -- stage 3 ------------------------------------------------------------------------------
    def checks(self) -> list[tuple[str, str, str, str, str]]:
        """(rule id, bad-condition SQL, column, zh text, en text) for every rule of the contract."""
        out = []
        now = lit(self.opt.now.strftime("%Y-%m-%d %H:%M:%S"))
        future = f"(CAST({now} AS TIMESTAMP) + INTERVAL ({self.opt.future_tolerance_hours}) HOUR)"
        for rule, zh, en in self.plan.file_issues:
            out.append((rule, "TRUE", "", zh, en))
        for col in self.contract.columns:
            v, t, label = self._read_value(col.name), ident(col.name), self.plan.labels.get(col.name, col.zh)
            add = lambda rule, bad, zh, en, c=col, lb=label: out.append(  # noqa: E731
                (rule, bad, c.name, f"{lb}：{zh}", f"{c.name}: {en}")
            )
            if col.required and col.name in self.plan.sources:  # a missing column is a file issue
                add("required", f"{v} IS NULL", "必填项为空", "required value is empty")
            if col.type not in ("text", "geometry"):
                add(
                    f"bad_{col.type}",
                    f"{v} IS NOT NULL AND {t} IS NULL",
                    _TYPE_ZH[col.type],
                    f"not a valid {col.type}",
                )
            if col.allowed:
                allowed = ", ".join(lit(a) for a in col.allowed)
                add(
                    "not_allowed",
                    f"{t} NOT IN ({allowed})",
                    f"不在允许的取值内（{'、'.join(col.allowed)}）",
                    f"not one of the allowed values ({', '.join(col.allowed)})",
                )
            if col.min is not None:
                add(
                    "below_min",
                    f"{t} < {col.min}",
                    f"小于最小值 {col.min:g}",
                    f"below the minimum {col.min:g}",
                )
            if col.max is not None:
                add(
                    "above_max",
                    f"{t} > {col.max}",
                    f"大于最大值 {col.max:g}",
                    f"above the maximum {col.max:g}",
                )
            if col.pattern:
                add(
                    "bad_pattern",
                    f"NOT regexp_full_match({t}, {lit(col.pattern)})",
                    "格式不正确",
                    "does not match the expected format",
                )
            if col.check == "uscc":
                add(
                    "bad_uscc",
                    f"regexp_full_match({t}, {lit(col.pattern)}) AND NOT jd_uscc_ok({t})",
                    "统一社会信用代码校验位错误",
                    "USCC check character is wrong",
                )
            if col.check == "id_card":
                add(
                    "bad_id_card",
                    f"regexp_full_match({t}, {lit(col.pattern)}) AND NOT jd_id_card_ok({t})",
                    "身份证号校验位或出生日期错误",
                    "ID number check digit or birth date is wrong",
                )
            if col.not_future:
                bound = future if col.type == "timestamp" else f"CAST({now} AS DATE)"
                add("in_future", f"{t} > {bound}", "时间晚于当前时间", "lies in the future")
            if col.fk is not None and col.personal != "id":
                add(
                    "unknown_reference",
                    ident("fkbad_" + col.name),
                    f"在{_TABLE_ZH.get(col.fk.table, col.fk.table)}中不存在",
                    f"not found in {col.fk.table}",
                )
            if col.fk is not None and col.personal == "id":
                add(
                    "unknown_reference",
                    f"{t} IS NOT NULL AND jd_hash NOT IN (SELECT {col.fk.column} FROM {col.fk.table})",
                    "在党员名册中不存在",
                    f"not found in {col.fk.table}",
                )
            if col.type == "geometry":
                add("bad_geometry", "_geom_error IS NOT NULL", "边界不是有效的多边形", "not a valid polygon")
        for rule in self.contract.rules:
            col = self.contract.column(rule.column)
            label = self.plan.labels.get(col.name, col.zh)
            out.append((rule.id, f"({rule.bad})", col.name, f"{label}：{rule.zh}", f"{col.name}: {rule.en}"))
        if self.contract.has_coordinates():
            out.append(
                (
                    "outside_street",
                    "coalesce(_outside, FALSE)",
                    "lon",
                    f"坐标不在本街道范围内（坐标系 {self._crs()}，允许误差 {self.opt.boundary_tolerance_m:g} 米）",
                    f"coordinates outside the street (CRS {self._crs()}, tolerance "
                    f"{self.opt.boundary_tolerance_m:g} m)",
                )
            )
        key_label = "、".join(self.plan.labels.get(k, self.contract.column(k).zh) for k in self.contract.key)
        out.append(
            (
                "duplicate_key",
                "_first_row <> _row",
                self.contract.key[0] if len(self.contract.key) == 1 else "",
                f"{key_label}与本文件第 {{first}} 行重复",
                f"{'/'.join(self.contract.key)} duplicates row {{first}} of this file",
            )
        )
        self._key_sql = ", ".join(ident(k) for k in self.contract.key)
        return out

    def build_checked(self) -> None:
        """Set the flags in place: the key hash, the first row of each repeated key, ``_bad``."""
        checks = self.checks()
        if self._hash_expr() != "NULL":
            run(self.con, f"UPDATE {self.typed} SET jd_hash = {self._hash_expr()}")
        # Repeated keys in a small table: usually there are none, and no row needs touching.
        repeated = f"{self.raw}_repeated"
        run(
            self.con,
            f"CREATE OR REPLACE TEMP TABLE {repeated} AS SELECT {self._key_sql}, min(_row) AS _first "
            f"FROM {self.typed} GROUP BY {self._key_sql} HAVING count(*) > 1",
        )
        if scalar(self.con, f"SELECT count(*) FROM {repeated}"):
            match = " AND ".join(f"t.{ident(k)} = d.{ident(k)}" for k in self.contract.key)
            run(self.con, f"UPDATE {self.typed} t SET _first_row = d._first FROM {repeated} d WHERE {match}")
        conditions = " OR ".join(f"coalesce({bad}, FALSE)" for _, bad, *_ in checks)
        run(self.con, f"UPDATE {self.typed} SET _bad = ({conditions})")
        self._checks = checks

    def _hash_expr(self) -> str:
        id_cols = [c for c in self.contract.columns if c.personal == "id"]
        if not id_cols:
            return "NULL"
        secret = self.opt.secret.hex()
        return f"sha256({lit(secret)} || '|' || {ident(id_cols[0].name)})"

    # -- outputs ------------------------------------------------------------------------------
    def accepted_sql(self) -> tuple[list[str], str]:
        """(warehouse columns, SELECT producing them) for the rows that passed every rule."""
        out_cols, exprs = [], []
        for col in self.contract.columns:
            out_cols.append(col.out)
            exprs.append(self._out_expr(col))
        if "polygon" in {c.name for c in self.contract.columns}:
            out_cols += ["centroid_lon", "centroid_lat"]
            exprs += ["centroid_lon", "centroid_lat"]
        select = ", ".join(f"{e} AS {ident(c)}" for e, c in zip(exprs, out_cols, strict=True))
        return out_cols, f"SELECT {select}, _row FROM {self.checked} WHERE NOT _bad"

    def _out_expr(self, col: Column) -> str:
        t = ident(col.name)
        if col.personal == "id":
            return "jd_hash"
        if col.personal == "name":
            return f"jd_mask_name({t})"
        if col.personal == "phone":
            return f"jd_mask_phone({t})"
        return t

    def file_keys_sql(self) -> str:
        """SELECT the natural key (warehouse columns) of every row of the file, accepted or not."""
        keys = [self.contract.column(k) for k in self.contract.key]
        select = ", ".join(f"{self._out_expr(c)} AS {ident(c.out)}" for c in keys)
        where = " AND ".join(f"{self._out_expr(c)} IS NOT NULL" for c in keys)
        return f"SELECT DISTINCT {select} FROM {self.checked} WHERE {where}"

    def rejected_sql(self) -> str:
        """SELECT _row, rules[], reasons text, raw row JSON for every row that broke a rule."""
        rules = ", ".join(
            f"CASE WHEN coalesce({bad}, FALSE) THEN {lit(rule)} END" for rule, bad, *_ in self._checks
        )
        texts = []
        for rule, bad, column, zh, en in self._checks:
            value = f"coalesce(CAST({self._read_value(column)} AS VARCHAR), '')" if column else "''"
            if column and self.contract.column(column).personal:
                value = "'(已脱敏 masked)'"
            shown = f"' [值 value: ' || {value} || ']'" if column else "''"
            message = lit(f"[{rule}] {zh} / {en}")
            if "{first}" in zh:  # the duplicate rule names the first row carrying the same key
                message = f"replace({message}, '{{first}}', CAST(_first_row AS VARCHAR))"
            text = f"{message} || {shown}"
            texts.append(f"CASE WHEN coalesce({bad}, FALSE) THEN {text} END")
        row_json = self._row_json()
        return f"""SELECT c._row AS source_row,
                          list_filter([{rules}], lambda x: x IS NOT NULL) AS rules,
                          array_to_string(list_filter([{", ".join(texts)}], lambda x: x IS NOT NULL), '；') AS reasons,
                          {row_json} AS row_json
                   FROM {self.checked} c WHERE c._bad"""

    def _row_json(self) -> str:
        """The row as read, every column under its own header; personal data masked."""
        personal = {}
        for col in self.contract.columns:
            for i in re.findall(r"\bc(\d+)\b", self.plan.sources.get(col.name) or "") if col.personal else ():
                personal[int(i)] = col.personal
        pairs = []
        for i, header in enumerate(self.headers):
            raw = f"c.{ident(self._kept[i])}" if i in self._kept else f"c.raw_{i}"
            kind = personal.get(i)
            if kind:
                raw = {"name": "jd_mask_name", "phone": "jd_mask_phone", "id": "jd_mask_id"}[
                    kind
                ] + f"({raw})"
            pairs += [lit(header or f"列{i + 1}"), raw]
        return f"CAST(json_object({', '.join(pairs)}) AS VARCHAR)" if pairs else "'{}'"

    def counts(self) -> tuple[int, int]:
        total, bad = fetch_rows(self.con, f"SELECT count(*), count_if(_bad) FROM {self.checked}")[0]
        return total - bad, bad


FLAGS = {  # columns of the staging table that later stages fill in
    "_outside": "BOOLEAN",
    "_geom_error": "VARCHAR",
    "centroid_lon": "DOUBLE",
    "centroid_lat": "DOUBLE",
    "jd_hash": "VARCHAR",
    "_bad": "BOOLEAN",
}
_SQL_TYPES = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "bool": "BOOLEAN",
    "geometry": "VARCHAR",
}
_TYPE_ZH = {
    "int": "不是整数",
    "float": "不是数字",
    "date": "日期无法识别",
    "timestamp": "时间无法识别",
    "bool": "不是“是/否”",
}
_TABLE_ZH = {
    "street": "街道",
    "community": "社区",
    "grid": "网格",
    "compound": "小区",
    "party_org": "党组织名册",
    "property_company": "物业企业台账",
    "grid_worker": "网格员名册",
    "party_member": "党员名册",
}
