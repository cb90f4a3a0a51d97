"""Where each contract field comes from in a file: its headers matched to the contract's aliases
(Chinese or English), and the problems of the file as a whole (missing or unknown columns)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from pipelines.contract import Contract, normalise_header

IGNORED_HEADERS = {normalise_header(h) for h in ("序号", "No.", "no", "#", "备注", "remark", "remarks", "")}


@dataclass
class Plan:
    """Where each contract field comes from, and what is wrong with the file as a whole."""

    sources: dict[str, str] = field(default_factory=dict)  # field → SQL expression over raw columns
    labels: dict[str, str] = field(default_factory=dict)  # field → header text a person sees
    file_issues: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, zh, en)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    formats: dict[str, list[str]] = field(default_factory=dict)
    crs: str | None = None


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
