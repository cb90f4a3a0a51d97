"""Column mappings for foreign exports, in a small TOML format a user can write without code.

    [source]
    kind = "hotline_ticket"        # the contract the rows go to
    name = "NYC 311 (41-column export)"
    source_system = "nyc311"       # re-exports replace this source's rows per month
    crs = "WGS84"                  # WGS84 | GCJ02 | BD09
    replace_period = "month"       # month (default): a file replaces its months of this source;
                                   # none: the file only adds and corrects rows (samples, slices)

    [columns]                      # contract field = "source column" (or a list, joined with " / ")
    ticket_id = "Unique Key"
    content = ["Descriptor", "Resolution Description"]

    [constants]                    # fields with one value for the whole file
    street_code = "NYC"

    [prefix]                       # text put in front of a field (keeps ticket ids of sources apart)
    ticket_id = "NYC-"

    [formats]                      # strptime formats tried before the built-in ones; "*" = every date field
    "*" = ["%m/%d/%Y %I:%M:%S %p"] # "excel_serial" also accepts Excel day numbers (43563.3592…)

    [values.status]                # source word → contract value
    Closed = "已办结"

Fields a mapping names but a file lacks are simply absent (an error only if the field is required).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipelines import sources
from pipelines.contract import CRS_NAMES, Contract, normalise_header
from pipelines.validate import Plan, lit, missing_required

SHIPPED = Path(__file__).parent / "mappings"
SECTIONS = ("source", "columns", "constants", "prefix", "formats", "values")
SOURCE_KEYS = ("kind", "name", "source_system", "crs", "replace_period")
REPLACE_PERIODS = ("month", "none")


class MappingError(Exception):
    pass


@dataclass
class Mapping:
    path: Path
    kind: str
    name: str
    source_system: str | None
    crs: str | None
    columns: dict[str, str | list[str]]
    constants: dict[str, str]
    prefix: dict[str, str]
    formats: dict[str, list[str]]
    values: dict[str, dict[str, str]]
    replace_period: str = "month"

    @property
    def contract(self) -> Contract:
        return sources.get(self.kind)

    def known_headers(self) -> set[str]:
        names: set[str] = set()
        for value in self.columns.values():
            for col in [value] if isinstance(value, str) else value:
                names.add(normalise_header(col))
        return names

    def plan(self, headers: list[str]) -> Plan:
        """Where each field comes from in a file with these headers."""
        contract = self.contract
        plan = Plan(crs=self.crs)
        positions = {h.strip(): i for i, h in enumerate(headers)}
        loose = {normalise_header(h): i for i, h in enumerate(headers)}
        for field, wanted in self.columns.items():
            parts = []
            for col in [wanted] if isinstance(wanted, str) else wanted:
                i = positions.get(col.strip(), loose.get(normalise_header(col)))
                if i is not None:
                    parts.append(f"jd_text(c{i})")
            if not parts:
                continue
            expr = parts[0] if len(parts) == 1 else f"NULLIF(concat_ws(' / ', {', '.join(parts)}), '')"
            if field in self.prefix:
                expr = f"({lit(self.prefix[field])} || {expr})"
            plan.sources[field] = expr
            plan.labels[field] = wanted if isinstance(wanted, str) else " + ".join(wanted)
        for field, value in self.constants.items():
            plan.sources[field] = lit(str(value))
            plan.labels[field] = f"{field} (常量 constant)"
        for col in contract.columns:
            fmts = self.formats.get(col.name, []) + self.formats.get("*", [])
            if col.type in ("date", "timestamp") and fmts:
                plan.formats[col.name] = fmts
        plan.value_maps = {k: {str(a): str(b) for a, b in v.items()} for k, v in self.values.items()}
        missing_required(contract, plan)
        return plan


def load_mapping(path: str | Path) -> Mapping:
    """Read and check a mapping file; a mistake names the file and the key."""
    path = Path(path)
    if not path.exists() and (SHIPPED / f"{path}").exists():
        path = SHIPPED / f"{path}"
    if not path.exists() and (SHIPPED / f"{path}.toml").exists():
        path = SHIPPED / f"{path}.toml"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(f"映射文件不存在 / mapping file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path.name}: 映射文件格式错误 / invalid TOML: {exc}") from exc
    _check_keys(path, doc)
    source = doc.get("source", {})
    kind = source.get("kind")
    if kind not in sources.CONTRACTS:
        raise MappingError(
            f"{path.name}: [source] kind = {kind!r} 不是已知的数据类型 / is not a known source kind"
        )
    contract = sources.get(kind)
    fields = {c.name for c in contract.columns}
    for section in ("columns", "constants", "prefix", "formats", "values"):
        for key in doc.get(section, {}):
            if key != "*" and key not in fields:
                raise MappingError(
                    f"{path.name}: [{section}] {key} 不是 {contract.kind} 的字段 / is not a field "
                    f"of {contract.kind} (fields: {', '.join(sorted(fields))})"
                )
    crs = source.get("crs")
    if crs is not None:
        if str(crs).upper() not in CRS_NAMES:
            raise MappingError(f"{path.name}: crs = {crs!r} 不受支持 / unsupported (WGS84, GCJ02, BD09)")
        crs = CRS_NAMES[str(crs).upper()]
    replace_period = source.get("replace_period", "month")
    if replace_period not in REPLACE_PERIODS:
        raise MappingError(
            f"{path.name}: replace_period = {replace_period!r} 不受支持 / unsupported (month, none)"
        )
    return Mapping(
        path=path,
        kind=kind,
        name=source.get("name", path.stem),
        source_system=source.get("source_system"),
        crs=crs,
        columns=doc.get("columns", {}),
        constants=doc.get("constants", {}),
        prefix=doc.get("prefix", {}),
        formats={k: list(v) for k, v in doc.get("formats", {}).items()},
        values=doc.get("values", {}),
        replace_period=replace_period,
    )


def _check_keys(path: Path, doc: dict) -> None:
    """A misspelt section or [source] key would silently do nothing: name it instead."""
    for section in doc:
        if section not in SECTIONS:
            raise MappingError(
                f"{path.name}: 未知的节 [{section}] / unknown section (known: {', '.join(SECTIONS)})"
            )
    for key in doc.get("source", {}):
        if key not in SOURCE_KEYS:
            raise MappingError(
                f"{path.name}: [source] {key} 不是已知的设置 / unknown setting (known: {', '.join(SOURCE_KEYS)})"
            )
