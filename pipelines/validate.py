"""Contract → accepted rows + rejected rows with reasons, in set-based SQL (no Python loop per row).

Stages, on one staging table per batch:
1. ``plan`` (``pipelines.plan`` or a TOML mapping): which raw column or constant feeds each field;
   file-level problems (missing required column, unknown header) are found there.
2. ``build_typed``: every field parsed to its type, value maps and synonyms applied, foreign keys
   resolved (a code, or a name that identifies exactly one target row), coordinates converted to
   WGS-84 (``pipelines.coords``); raw columns are kept only where the typed ones differ.
3. ``build_checked``: the key hash, the first row of each repeated key and ``_bad`` (every rule of
   ``pipelines.checks`` folded into one boolean) set in place; reasons are built for bad rows only,
   so the common path stays cheap.
Accepted rows come out with personal data hashed or masked; rejected rows keep the whole raw row
(personal fields masked there too) with every rule they broke, in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines.checks import contract_checks
from pipelines.contract import DATE_FORMATS, TIMESTAMP_FORMATS, Column, Contract
from pipelines.coords import convert_points, convert_polygons

# Re-exported: the loader, the mapping module and tests import these from here.
from pipelines.plan import IGNORED_HEADERS, Plan, missing_required, plan_from_headers  # noqa: F401
from pipelines.sqltext import (  # noqa: F401
    EXCEL_SERIAL,
    FLAGS,
    MACROS,
    SQL_TYPES,
    ident,
    lit,
    mapped,
    raw_column,
    raw_text,
    typed_expr,
)


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


class Validator:
    """Runs the stages for one batch on one connection; temp tables are prefixed with ``name``."""

    def __init__(
        self,
        con,
        contract: Contract,
        plan: Plan,
        headers: list[str],
        raw: str,
        options: Options,
        row_sql: str = "_row",
    ):
        self.con, self.contract, self.plan, self.headers = con, contract, plan, headers
        self.raw, self.opt, self.row_sql = raw, options, row_sql
        # One staging table: typed, then flagged in place (copies of a million rows cost more
        # than UPDATEs of a few columns), so "checked" is the typed table once its flags are set.
        self.typed = self.checked = f"{raw}_typed"
        self._as_read: set[str] = set()  # fields whose typed column is the value as read
        self._key_sql = ", ".join(ident(k) for k in contract.key)
        run(con, MACROS)

    def _read_value(self, name: str) -> str:
        """The column holding a field's value as read (after trimming and value maps)."""
        return ident(name if name in self._as_read else "v_" + name)

    # -- stage 2 ------------------------------------------------------------------------------
    def build_typed(self) -> None:
        selects, joins = ["r._jd_row AS _row"], []
        for col in self.contract.columns:
            columns, join = self._field(col)
            selects += columns
            joins += [join] if join else []
        selects += [f"CAST(NULL AS {kind}) AS {name}" for name, kind in FLAGS.items()]
        self._kept = self._raw_kept_as_typed()
        selects += ["r._jd_row AS _first_row"] + [
            f"r.c{i} AS raw_{i}" for i in range(len(self.headers)) if i not in self._kept
        ]
        # Each raw column is trimmed once (t0, t1 ...), however many fields read it.
        width = range(len(self.headers))
        inner = ", ".join(
            [f"{self.row_sql} AS _jd_row"]
            + [f"c{i}" for i in width]
            + [f"jd_text(CAST(c{i} AS VARCHAR)) AS t{i}" for i in width]
        )
        run(self.con, f"DROP TABLE IF EXISTS {self.typed}")
        # Each row carries its own number, so the rows need not stay in file order here: without
        # that constraint DuckDB parses the columns on every core at once.
        run(self.con, "SET preserve_insertion_order = false")
        try:
            run(
                self.con,
                f"CREATE TEMP TABLE {self.typed} AS SELECT {', '.join(selects)} "
                f"FROM (SELECT {inner} FROM {self.raw}) r {' '.join(joins)}",
            )
        finally:
            run(self.con, "RESET preserve_insertion_order")
        run(self.con, f"DROP TABLE {self.raw}")  # the staging table now carries all it needs
        self._convert_coordinates()

    def _text(self, source: str) -> str:
        """A field's source as text read from the file: a raw column's trimmed copy where it is one."""
        index = raw_column(source)
        return raw_text(source) if index is None else f"r.t{index}"

    def _raw_kept_as_typed(self) -> dict[int, str]:
        """Raw column → the staging column that already holds it as read (trimmed): the typed text
        itself, or the ``v_`` text of a date, number or code. The quarantine shows that column
        instead of keeping a second copy of, say, every ticket text."""
        kept = {}
        for col in self.contract.columns:
            source = self.plan.sources.get(col.name) or ""
            index = raw_column(source)
            if index is not None and not (
                col.synonyms or col.personal or col.check or col.name in self.plan.value_maps
            ):
                held = col.name if col.name in self._as_read else "v_" + col.name
                kept.setdefault(index, held)
        return kept

    def _field(self, col: Column) -> tuple[list[str], str | None]:
        """SELECT items for one field (value as read, typed value, FK flag) and its FK join, if any."""
        has_fk = col.fk is not None and col.personal != "id"
        source = self.plan.sources.get(col.name)
        default = self._default(col) if source is None else None
        if source is None and default is None:  # absent: a constant NULL, nothing to parse or join
            self._as_read.add(col.name)
            flag = [f"FALSE AS {ident('fkbad_' + col.name)}"] if has_fk else []
            return [f"CAST(NULL AS {SQL_TYPES[col.type]}) AS {ident(col.name)}", *flag], None
        raw = self._text(source or lit(default))
        if col.personal == "id" or col.check in ("uscc", "id_card"):
            raw = f"upper(replace({raw}, ' ', ''))"
        value = mapped(mapped(raw, self.plan.value_maps.get(col.name, {})), col.synonyms)
        selects = []
        if col.type == "text" and not has_fk:
            self._as_read.add(col.name)  # the typed value is the value read: keep one copy
        else:
            selects.append(f"{value} AS {ident('v_' + col.name)}")
        formats = self.plan.formats.get(col.name, []) + list(
            TIMESTAMP_FORMATS if col.type == "timestamp" else DATE_FORMATS
        )
        typed, join = typed_expr(col, value, formats), None
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
                parts.append(f"SELECT {raw_text(own)}, {raw_text(own)} FROM {self.raw}")
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
            convert_points(self.con, self.typed, crs, self.opt, self.contract.table != "street")
        if "polygon" in names:
            convert_polygons(self.con, self.typed, crs)

    def checks(self) -> list[tuple[str, str, str, str, str]]:
        """(rule id, bad-condition SQL, column, zh text, en text) for every rule of the contract."""
        return contract_checks(self.contract, self.plan, self.opt, self._read_value, self._crs())

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
