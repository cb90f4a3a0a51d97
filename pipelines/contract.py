"""Source contracts as data: what a file of one kind must contain, and the rules each row obeys.

A contract is declared once per source file kind (``pipelines/sources/*``) and turned into
set-based SQL by ``pipelines.validate``. Rules are named; a quarantined row carries every rule
it broke, the column and the bad value, in Chinese and English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

TYPES = ("text", "int", "float", "date", "timestamp", "bool", "geometry")
CRS_NAMES = {
    "WGS84": "WGS84",
    "WGS-84": "WGS84",
    "EPSG:4326": "WGS84",
    "GCJ02": "GCJ02",
    "GCJ-02": "GCJ02",
    "BD09": "BD09",
    "BD-09": "BD09",
}

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d", "%Y-%m", "%Y/%m", "%Y年%m月")
TIMESTAMP_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H时%M分",
    *DATE_FORMATS,
)
BOOL_WORDS = {
    "是": True,
    "否": False,
    "有": True,
    "无": False,
    "y": True,
    "n": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "√": True,
    "×": False,
    "已": True,
    "未": False,
}


def normalise_header(name: str) -> str:
    """Header as compared with aliases: NFKC (full-width → half-width), lower case, no spaces/_/-."""
    text = unicodedata.normalize("NFKC", str(name)).strip().lower()
    return re.sub(r"[\s_\-()（）:：*]+", "", text)


@dataclass(frozen=True)
class ForeignKey:
    table: str
    column: str
    name_column: str | None = None  # a value may also be the target's name (东湖社区) instead of its code


@dataclass(frozen=True)
class Column:
    """One field of a contract. ``name`` is the warehouse column unless ``target`` says otherwise."""

    name: str
    type: str
    zh: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    allowed: tuple[str, ...] | None = None
    synonyms: dict[str, str] = field(default_factory=dict)  # input word → allowed value
    min: float | None = None
    max: float | None = None
    pattern: str | None = None  # regular expression the whole value must match
    check: str | None = None  # check-digit rule: "uscc" | "id_card"
    fk: ForeignKey | None = None
    not_future: bool = False
    personal: str | None = None  # "name" | "phone" | "id": masked/hashed on the way in, also in quarantine
    target: str | None = None  # warehouse column when it differs (id_number → member_key)
    default: str | None = None  # constant used when the column is absent (e.g. street code)

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type}")

    @property
    def out(self) -> str:
        return self.target or self.name


@dataclass(frozen=True)
class Rule:
    """A cross-field rule: ``bad`` is a SQL condition over typed columns that is TRUE for a bad row."""

    id: str
    bad: str
    zh: str
    en: str
    column: str


@dataclass(frozen=True)
class Contract:
    kind: str  # also the CLI --source name
    table: str
    zh: str
    en: str
    family: str  # rosters | grid | hotline | property
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    period: str | None = None  # column whose months a re-export replaces, per source_system
    crs: str = "WGS84"  # coordinate system of lon/lat unless the file or mapping says otherwise
    order: int = 50  # load order inside a folder: places before the rows that point at them
    file_hints: tuple[str, ...] = ()  # words in a file name that suggest this kind (党员名册)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.kind}: no column {name}")

    def alias_index(self) -> dict[str, str]:
        """normalised header → column name (the column's own name and every alias)."""
        index: dict[str, str] = {}
        for col in self.columns:
            for alias in (col.name, col.zh, *col.aliases):
                index.setdefault(normalise_header(alias), col.name)
        return index

    def has_coordinates(self) -> bool:
        names = {c.name for c in self.columns}
        return {"lon", "lat"} <= names
