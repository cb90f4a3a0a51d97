"""Roster ledgers (XLSX) under the headers of the street's own 台账 and 名册."""

from __future__ import annotations

import polars as pl

from pipelines.demo.files_map import gcj_points
from pipelines.demo.street import Street


def _names(street: Street, column: str, kind: str) -> pl.Expr:
    """A code column shown as the name a clerk writes (社区, 网格, 小区, 物业企业)."""
    p, c = street.places, street.companies
    lookup = {
        "community": dict(zip(p.communities["community_code"], p.communities["name"], strict=True)),
        "grid": dict(zip(p.grids["grid_code"], p.grids["name"], strict=True)),
        "compound": dict(zip(c.compounds["compound_code"], c.compounds["name"], strict=True)),
        "company": dict(zip(c.companies["uscc"], c.companies["name"], strict=True)),
        "org": dict(zip(street.tree.orgs["org_code"], street.tree.orgs["name"], strict=True)),
    }[kind]
    return pl.col(column).replace_strict(lookup, default=None, return_dtype=pl.String)


def _select(frame: pl.DataFrame, columns: dict) -> pl.DataFrame:
    return frame.select([(pl.col(v) if isinstance(v, str) else v).alias(k) for k, v in columns.items()])


def party_orgs(street: Street) -> pl.DataFrame:
    return _select(
        street.tree.orgs,
        {
            "党组织编码": "org_code",
            "党组织名称": "name",
            "组织类型": "org_type",
            "上级党组织": "parent_code",
            "组织类别": "category",
            "所属社区": "community",
            "所属网格": "grid",
            "联建单位数": "units_covered",
            "成立日期": "founded_on",
        },
    )


def companies(street: Street) -> pl.DataFrame:
    return _select(
        street.tree.companies,
        {
            "统一社会信用代码": "uscc",
            "企业名称": "name",
            "党组织编码": "party_org_code",
            "是否派驻党建指导员": "instructor",
            "交叉任职人数": "cross_posts",
            "党员职工人数": "party_members",
        },
    )


def compounds(street: Street) -> pl.DataFrame:
    frame = street.companies.compounds.sort("compound_code")
    lon, lat = gcj_points(frame["lon"], frame["lat"])
    frame = frame.with_columns(pl.Series("gcj_lon", lon).round(6), pl.Series("gcj_lat", lat).round(6))
    return _select(
        frame,
        {
            "小区编码": "compound_code",
            "小区名称": "name",
            "所属社区": _names(street, "community_code", "community"),
            "所属网格": _names(street, "grid_code", "grid"),
            "户数": "households",
            "楼栋数": "buildings",
            "物业企业": _names(street, "company_uscc", "company"),
            "居民自治": "self_governed",
            "经度": "gcj_lon",
            "纬度": "gcj_lat",
        },
    )


def buildings(street: Street) -> pl.DataFrame:
    return _select(
        street.tree.buildings.sort("building_code"),
        {
            "楼栋编码": "building_code",
            "所属小区": _names(street, "compound_code", "compound"),
            "所属网格": _names(street, "grid_code", "grid"),
            "户数": "households",
            "楼栋党小组": _names(street, "party_group_code", "org"),
        },
    )


def members(street: Street) -> pl.DataFrame:
    frame = street.members.sort("org_code", "joined_on", "id_number")
    return _select(
        frame,
        {
            "姓名": "name",
            "性别": "gender",
            "身份证号": "id_number",
            "出生年份": "birth_year",
            "学历": "education",
            "入党时间": "joined_on",
            "党员类别": pl.col("member_status") + "党员",
            "所在党组织": "org_name",
            "党员状态": "registry",
            "是否在职党员": "is_employed",
            "工作状况": "employment",
            "双报到社区": "report_community",
            "报到日期": "reported_on",
        },
    )


def organisations(street: Street) -> pl.DataFrame:
    return _select(
        street.tree.organisations,
        {
            "统一社会信用代码": "uscc",
            "组织名称": "name",
            "组织类型": "kind",
            "所属社区": "community",
            "从业人员数": "employees",
            "正式党员数": "full_members",
            "所属党组织": "party_org",
            "组建方式": "build_mode",
            "是否派驻党建指导员": "instructor",
            "是否在营": "operating",
        },
    )


def workers(street: Street) -> pl.DataFrame:
    return _select(
        street.workers,
        {
            "网格员编号": "worker_id",
            "姓名": "name",
            "联系电话": "phone",
            "所属网格": "grid_name",
            "专兼职": pl.when(pl.col("full_time")).then(pl.lit("专职")).otherwise(pl.lit("兼职")),
            "上岗日期": "started_on",
        },
    )


def volunteers(street: Street) -> pl.DataFrame:
    return _select(
        street.volunteers,
        {
            "志愿者编号": "volunteer_id",
            "姓名": "name",
            "所属社区": "community",
            "注册日期": "registered_on",
            "是否党员": "is_party_member",
        },
    )


def centers(street: Street) -> pl.DataFrame:
    lon, lat = gcj_points(street.centers["lon"], street.centers["lat"])
    frame = street.centers.with_columns(
        pl.Series("gcj_lon", lon).round(6), pl.Series("gcj_lat", lat).round(6)
    )
    return _select(
        frame,
        {
            "阵地编码": "center_code",
            "阵地名称": "name",
            "阵地类型": "kind",
            "所属社区": "community",
            "面积(平方米)": "area_m2",
            "经度": "gcj_lon",
            "纬度": "gcj_lat",
        },
    )


def dues(street: Street, year: int) -> pl.DataFrame:
    frame = street.dues.filter(pl.col("month").dt.year() == year)
    return _select(
        frame,
        {
            "身份证号": "id_number",
            "所属月份": pl.col("month").dt.strftime("%Y-%m"),
            "缴纳金额": "amount",
            "缴纳日期": "paid_on",
        },
    )


def meetings(street: Street, year: int) -> pl.DataFrame:
    frame = street.meetings.filter(pl.col("held_on").dt.year() == year)
    return _select(
        frame,
        {
            "会议编号": "meeting_id",
            "党组织": "org_name",
            "会议类型": "kind",
            "召开日期": "held_on",
            "应到人数": "expected",
            "实到人数": "attendees",
            "会议主题": "topic",
        },
    )
