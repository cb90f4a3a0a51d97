"""覆盖率 metrics (DOMAIN.md §4). SQL in jiedao/sql/coverage.sql, rules and thresholds in
config/coverage.toml, the rows behind each gap in jiedao/coverage.py.

Rosters are snapshots (no history), so most rates have the time grain "snapshot" and no 环比/同比; the
rates whose rows carry a date (双报到, volunteers, full-time grid workers) are judged at the period's end.
"""

from jiedao.metrics import Metric, register

COMMUNITY = ("street", "community")
GRID = ("street", "community", "grid")


def rate(
    metric_id: str, labels: tuple[str, str], numerator: tuple[str, str], denominator: tuple[str, str], **kw
):
    """A coverage rate: higher is better, shown as % with both of its numbers."""
    return Metric.define(
        f"coverage.{metric_id}", labels, "%", "up", metric_id, numerator, denominator,
        **{"grains": COMMUNITY, "time_grain": "snapshot", **kw},
    )  # fmt: skip


register(
    rate(
        "org_coverage",
        ("两新组织党组织覆盖率", "Party coverage of non-public organisations"),
        ("建立党组织的两新组织（单独或联合组建）", "organisations with a Party organisation (own or joint)"),
        ("在营两新组织", "operating organisations"),
    ),
    rate(
        "own_branch_rate",
        ("单独组建率", "Own-branch rate"),
        ("单独组建党组织的", "with their own branch"),
        ("正式党员 3 人以上的在营两新组织", "operating organisations with 3+ full members"),
    ),
    rate(
        "work_coverage",
        ("工作覆盖率", "Work coverage"),
        ("有党组织或派驻党建指导员的", "with a Party organisation or an instructor"),
        ("在营两新组织", "operating organisations"),
    ),
    rate(
        "property_party_coverage",
        ("物业企业党组织覆盖率", "Party organisation coverage of property companies"),
        ("建立党组织的物业企业", "property companies with a Party organisation"),
        ("在辖区小区服务的物业企业", "property companies serving compounds here"),
        grains=GRID,
    ),
    rate(
        "grid_branch_coverage",
        ("网格党支部覆盖率", "Grid Party branch coverage"),
        ("建立网格党支部的网格", "grids with a grid Party branch"),
        ("网格", "grids"),
        grains=GRID,
    ),
    rate(
        "building_group_coverage",
        ("楼栋党小组覆盖率", "Building Party group coverage"),
        ("建立楼栋党小组的楼栋", "buildings with a Party group"),
        ("楼栋", "buildings"),
        grains=GRID,
    ),
    rate(
        "dual_report_rate",
        ("双报到率", "Dual-reporting rate"),
        ("本半年已到社区报到的在职党员", "employed members who reported this half-year"),
        ("应报到的在职党员", "employed members who should report"),
        time_grain="half_year",
    ),
    rate(
        "volunteer_rate",
        ("志愿者注册率", "Volunteer registration rate"),
        ("注册志愿者", "registered volunteers"),
        ("常住人口", "resident population"),
        time_grain="month",
    ),
    rate(
        "premises_compliance",
        ("社区用房达标率", "Community premises compliance"),
        ("用房面积与每百户面积均达标的社区", "communities meeting both premises standards"),
        ("社区", "communities"),
    ),
    rate(
        "grid_worker_rate",
        ("网格员配备率", "Grid worker staffing rate"),
        ("配备专职网格员的网格", "grids with a full-time grid worker"),
        ("网格", "grids"),
        grains=GRID,
        time_grain="month",
    ),
    rate(
        "walking_coverage",
        ("党群服务中心步行覆盖率", "Service centre walking coverage"),
        ("步行半径内有党群服务中心的户数", "households within walking radius of a service centre"),
        ("总户数", "households"),
        grains=GRID,
    ),
)
