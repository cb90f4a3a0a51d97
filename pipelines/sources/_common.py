"""Columns that several contracts share: the street code, place links, coordinates."""

from __future__ import annotations

from pipelines.contract import Column, ForeignKey

USCC_PATTERN = r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"
STREET_FK = ForeignKey("street", "street_code", "name")
COMMUNITY_FK = ForeignKey("community", "community_code", "name")
GRID_FK = ForeignKey("grid", "grid_code", "name")
COMPOUND_FK = ForeignKey("compound", "compound_code", "name")
ORG_FK = ForeignKey("party_org", "org_code", "name")
COMPANY_FK = ForeignKey("property_company", "uscc", "name")


def street(*, fk: bool = True) -> Column:
    """Street code; absent → the configured street (filled in by the loader)."""
    return Column(
        "street_code", "text", "街道代码", ("街道编码", "街道", "street"), fk=STREET_FK if fk else None
    )


def community(required: bool = False) -> Column:
    return Column(
        "community_code",
        "text",
        "社区",
        ("社区代码", "社区编码", "所属社区", "community"),
        required=required,
        fk=COMMUNITY_FK,
    )


def grid(required: bool = False) -> Column:
    return Column(
        "grid_code",
        "text",
        "网格",
        ("网格编码", "网格代码", "所属网格", "grid"),
        required=required,
        fk=GRID_FK,
    )


def coordinates(required: bool = False) -> tuple[Column, Column]:
    return (
        Column(
            "lon",
            "float",
            "经度",
            ("longitude", "lng", "x", "_lon", "long"),
            required=required,
            min=-180,
            max=180,
        ),
        Column("lat", "float", "纬度", ("latitude", "y", "_lat"), required=required, min=-90, max=90),
    )


def code(name: str, zh: str, aliases: tuple[str, ...] = (), pattern: str = r"[0-9A-Za-z_\-]{1,40}") -> Column:
    return Column(name, "text", zh, aliases, required=True, pattern=pattern)


def polygon() -> Column:
    return Column("polygon", "geometry", "边界", ("geometry", "_geometry", "boundary", "边界坐标"))


def count(
    name: str, zh: str, aliases: tuple[str, ...] = (), required: bool = False, max: float = 1e7
) -> Column:
    return Column(name, "int", zh, aliases, required=required, min=0, max=max)
