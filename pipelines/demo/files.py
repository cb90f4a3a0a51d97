"""Every file of the demo inbox: its natural Chinese name, its contract kind and its content
under the headers a street office's ledgers and platforms use. ``write_all`` writes them in load
order (places first) and returns (path, kind) pairs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.demo import dirty, files_map, writers
from pipelines.demo.street import Street

P = "岳阳楼街道"


@dataclass(frozen=True)
class DemoFile:
    name: str
    kind: str
    write: Callable[[Path], None]


def _rename(frame: pl.DataFrame, columns: dict[str, str | pl.Expr]) -> pl.DataFrame:
    """Select and label: {Chinese header: source column or expression}."""
    return frame.select([(pl.col(v) if isinstance(v, str) else v).alias(k) for k, v in columns.items()])


def _month_label(month) -> str:
    return f"{month.year}年{month.month}月"


def _quarter_label(quarter: str) -> str:
    return f"{quarter[:4]}年第{'一二三四'[int(quarter[-1]) - 1]}季度"


def map_files(street: Street) -> list[DemoFile]:
    return [
        DemoFile(
            f"{P}边界.geojson",
            "street",
            lambda p: writers.geojson(p, files_map.street_features(street), name="岳阳楼街道"),
        ),
        DemoFile(
            f"{P}社区边界.geojson",
            "community",
            lambda p: writers.geojson(p, files_map.community_features(street), name="社区边界"),
        ),
        DemoFile(
            f"{P}网格划分.geojson",
            "grid",
            lambda p: writers.geojson(p, files_map.grid_features(street), name="网格划分"),
        ),
    ]


def _xlsx(name: str, kind: str, title: str, frame_of: Callable[[], pl.DataFrame], street: Street) -> DemoFile:
    return DemoFile(
        name,
        kind,
        lambda p: writers.xlsx(p, title, dirty.inject(street, kind, name, frame_of()), street.spec.cutoff),
    )


# Roster ledgers: (file name stem, kind, title stem, builder in files_rosters, title note).
ROSTERS = (
    ("党组织名册", "party_org", "党组织名册", "party_orgs", ""),
    ("物业服务企业台账", "property_company", "物业服务企业台账", "companies", ""),
    ("物业小区台账", "compound", "物业小区台账", "compounds", "（坐标系GCJ-02）"),
    ("楼栋台账", "building", "楼栋台账", "buildings", ""),
    ("党员名册", "party_member", "党员名册", "members", ""),
    ("两新组织台账", "organisation", "两新组织台账", "organisations", ""),
    ("网格员名册", "grid_worker", "网格员名册", "workers", ""),
    ("志愿者名册", "volunteer", "志愿者名册", "volunteers", ""),
    ("党群服务阵地", "service_center", "党群服务中心（站点）台账", "centers", "（坐标系GCJ-02）"),
)


def roster_files(street: Street) -> list[DemoFile]:
    """The rosters as of the export month: 岳阳楼街道党员名册_2026年10月.xlsx …"""
    from pipelines.demo import files_rosters

    label = street.spec.label
    return [
        _xlsx(
            f"{P}{stem}_{label}.xlsx",
            kind,
            f"{P}{title}（截至{label}底）{note}",
            lambda b=builder: getattr(files_rosters, b)(street),
            street,
        )
        for stem, kind, title, builder, note in ROSTERS
    ]


def yearly_files(street: Street) -> list[DemoFile]:
    from pipelines.demo import files_rosters as r

    out = []
    for year in sorted({m.year for m in street.spec.months}):
        months = [m for m in street.spec.months if m.year == year]
        span = f"{year}年" if len(months) == 12 else f"{year}年{months[0].month}-{months[-1].month}月"
        out.append(
            _xlsx(
                f"{P}党费收缴明细_{span}.xlsx",
                "dues_payment",
                f"{P}党费收缴明细（{span}）",
                lambda y=year: r.dues(street, y),
                street,
            )
        )
        out.append(
            _xlsx(
                f"{P}三会一课台账_{span}.xlsx",
                "meeting",
                f"{P}“三会一课”及组织生活台账（{span}）",
                lambda y=year: r.meetings(street, y),
                street,
            )
        )
    return out


def monthly_files(street: Street) -> list[DemoFile]:
    from pipelines.demo import files_activity as a

    out = []
    for month in street.spec.months:
        label = _month_label(month)
        for name, kind, build, encoding in (
            (f"{P}网格事件_{label}.csv", "grid_event", a.events, "utf-8-sig"),
            (f"{P}网格员巡查记录_{label}.csv", "patrol", a.patrols, "utf-8-sig"),
            (f"12345工单_{label}.csv", "hotline_ticket", a.tickets, "gb18030"),
        ):
            out.append(
                DemoFile(
                    name,
                    kind,
                    lambda p, b=build, m=month, k=kind, n=name, e=encoding: writers.csv(
                        p, dirty.inject(street, k, n, b(street, m)), e
                    ),
                )
            )
    return out


def quarterly_files(street: Street) -> list[DemoFile]:
    from pipelines.demo import files_activity as a

    out = []
    for quarter in street.spec.quarters:
        label = _quarter_label(quarter)
        out.append(
            _xlsx(
                f"{P}物业服务季度检查_{label}.xlsx",
                "property_inspection",
                f"{P}物业服务企业季度检查考核表（{label}）",
                lambda q=quarter: a.inspections(street, q),
                street,
            )
        )
        out.append(
            _xlsx(
                f"{P}居民满意度测评_{label}.xlsx",
                "resident_survey",
                f"{P}物业服务居民满意度测评汇总（{label}）",
                lambda q=quarter: a.surveys(street, q),
                street,
            )
        )
    return out


def all_files(street: Street) -> list[DemoFile]:
    return (
        map_files(street)
        + roster_files(street)
        + yearly_files(street)
        + monthly_files(street)
        + quarterly_files(street)
    )


def write_all(street: Street, out_dir: Path) -> list[tuple[Path, str]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for item in all_files(street):
        path = out_dir / item.name
        item.write(path)
        written.append((path, item.kind))
    return written
