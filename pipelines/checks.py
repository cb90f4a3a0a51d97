"""Every rule of a contract as SQL over the typed staging table: (rule id, condition TRUE for a bad
row, column, Chinese text, English text). File-level problems, column rules (required, type,
allowed values, range, pattern, check digits, future, foreign keys), cross-field rules, the street
boundary and duplicate keys."""

from __future__ import annotations

from collections.abc import Callable

from pipelines.contract import Contract
from pipelines.plan import Plan
from pipelines.sqltext import ident, lit


# -- stage 3 ------------------------------------------------------------------------------
def contract_checks(
    contract: Contract, plan: Plan, opt, read_value: Callable[[str], str], crs: str
) -> list[tuple[str, str, str, str, str]]:
    """(rule id, bad-condition SQL, column, zh text, en text) for every rule of the contract."""
    out = []
    now = lit(opt.now.strftime("%Y-%m-%d %H:%M:%S"))
    future = f"(CAST({now} AS TIMESTAMP) + INTERVAL ({opt.future_tolerance_hours}) HOUR)"
    for rule, zh, en in plan.file_issues:
        out.append((rule, "TRUE", "", zh, en))
    for col in contract.columns:
        v, t, label = read_value(col.name), ident(col.name), plan.labels.get(col.name, col.zh)
        add = lambda rule, bad, zh, en, c=col, lb=label: out.append(  # noqa: E731
            (rule, bad, c.name, f"{lb}：{zh}", f"{c.name}: {en}")
        )
        if col.required and col.name in plan.sources:  # a missing column is a file issue
            add("required", f"{v} IS NULL", "必填项为空", "required value is empty")
        if col.type not in ("text", "geometry"):
            add(
                f"bad_{col.type}",
                f"{v} IS NOT NULL AND {t} IS NULL",
                TYPE_ZH[col.type],
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
                f"在{TABLE_ZH.get(col.fk.table, col.fk.table)}中不存在",
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
    for rule in contract.rules:
        col = contract.column(rule.column)
        label = plan.labels.get(col.name, col.zh)
        out.append((rule.id, f"({rule.bad})", col.name, f"{label}：{rule.zh}", f"{col.name}: {rule.en}"))
    if contract.has_coordinates():
        out.append(
            (
                "outside_street",
                "coalesce(_outside, FALSE)",
                "lon",
                f"坐标不在本街道范围内（坐标系 {crs}，允许误差 {opt.boundary_tolerance_m:g} 米）",
                f"coordinates outside the street (CRS {crs}, tolerance {opt.boundary_tolerance_m:g} m)",
            )
        )
    key_label = "、".join(plan.labels.get(k, contract.column(k).zh) for k in contract.key)
    out.append(
        (
            "duplicate_key",
            "_first_row <> _row",
            contract.key[0] if len(contract.key) == 1 else "",
            f"{key_label}与本文件第 {{first}} 行重复",
            f"{'/'.join(contract.key)} duplicates row {{first}} of this file",
        )
    )
    return out


TYPE_ZH = {
    "int": "不是整数",
    "float": "不是数字",
    "date": "日期无法识别",
    "timestamp": "时间无法识别",
    "bool": "不是“是/否”",
}
TABLE_ZH = {
    "street": "街道",
    "community": "社区",
    "grid": "网格",
    "compound": "小区",
    "party_org": "党组织名册",
    "property_company": "物业企业台账",
    "grid_worker": "网格员名册",
    "party_member": "党员名册",
}
