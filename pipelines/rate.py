"""``python -m pipelines rate --quarter 2026Q3 [--publish]``: print a quarter's property ranking and,
with ``--publish``, freeze it.

Freezing writes one ``rating_revision`` row and one ``rating_result`` row per company in a single
transaction, then publishes a snapshot for the app. A quarter already published is never rewritten: a
run whose inputs or results differ from the latest revision adds revision n + 1 with what changed
(company by company: total, tier, rank; companies added or removed); a run on unchanged data adds
nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from jiedao import config, db, rating, rating_store, rating_tiers
from jiedao.rating_inputs import parse_quarter
from pipelines.publish import publish

console = Console()
WATCHED = {"total": "总分", "tier": "等级", "rank": "名次"}  # fields a revision note reports


@dataclass(frozen=True)
class Frozen:
    quarter: str
    revision: int
    created: bool  # False: the data had not changed since the latest revision
    note: str


def _changes(before: list[dict], after: list[dict]) -> list[dict]:
    """Per company: the watched fields that changed, or that it was added / removed."""
    old = {row["company_uscc"]: row for row in before}
    new = {row["company_uscc"]: row for row in after}
    changes = []
    for company in sorted(old.keys() | new.keys()):
        was, now = old.get(company), new.get(company)
        if was is None or now is None:
            changes.append(
                {"company_uscc": company, "name": (now or was)["company_name"], "added": was is None}
            )
            continue
        fields = {f: [was[f], now[f]] for f in WATCHED if was[f] != now[f]}
        if fields:
            changes.append({"company_uscc": company, "name": now["company_name"], "fields": fields})
    return changes


def _describe(change: dict, rules: dict) -> tuple[str, str]:
    if "added" in change:
        return (f"{change['name']} 新增", f"{change['name']} added") if change["added"] else (
            f"{change['name']} 移除", f"{change['name']} removed")  # fmt: skip
    zh, en = [], []
    for field, (was, now) in change["fields"].items():
        if field == "tier":
            zh.append(f"{rating_tiers.label(was, rules)}→{rating_tiers.label(now, rules)}")
            en.append(f"{rating_tiers.label(was, rules, 'en')}→{rating_tiers.label(now, rules, 'en')}")
        else:
            zh.append(f"{WATCHED[field]} {was:g}→{now:g}")
            en.append(f"{field} {was:g}→{now:g}")
    return f"{change['name']} {'、'.join(zh)}", f"{change['name']} {', '.join(en)}"


def _note(revision: int, changes: list[dict], rules: dict) -> str:
    if revision == 1:
        return "首次发布 / first publication"
    if not changes:
        return "输入或明细有变化，总分、等级、名次未变 / inputs or details changed; totals, tiers and ranks did not"
    described = [_describe(c, rules) for c in changes]
    zh = "；".join(d[0] for d in described)
    en = "; ".join(d[1] for d in described)
    return f"第 {revision} 版：{len(changes)} 家企业有变化——{zh} / revision {revision}: {len(changes)} changed — {en}"


def freeze(con, ranking: rating.Ranking, now: dt.datetime | None = None) -> Frozen:
    """Write ``ranking`` as a new revision of its quarter unless it equals the latest one."""
    records = [rating_store.record(r) for r in ranking.ratings]
    results = rating_store.results_fingerprint(records)
    latest = rating_store.latest_revision(con, ranking.quarter)
    if latest and (latest["inputs_fingerprint"], latest["results_fingerprint"]) == (
        ranking.inputs_fingerprint,
        results,
    ):
        return Frozen(
            ranking.quarter,
            latest["revision"],
            False,
            "数据未变化，未生成新版本 / unchanged: no new revision",
        )
    revision = latest["revision"] + 1 if latest else 1
    before = rating_store.published(con, ranking.quarter, latest["revision"]).to_dicts() if latest else []
    changes = _changes(before, records)
    note = _note(revision, changes, config.load("rating"))
    _write(con, ranking, revision, results, note, changes, records, now or dt.datetime.now())
    return Frozen(ranking.quarter, revision, True, note)


def _write(con, ranking, revision, results, note, changes, records, now) -> None:
    db.run(con, "BEGIN TRANSACTION")
    try:
        db.run(
            con,
            "INSERT INTO rating_revision VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [ranking.quarter, revision, now, ranking.inputs_fingerprint, results, len(records), note,
             json.dumps(changes, ensure_ascii=False, default=str)],
        )  # fmt: skip
        columns = ", ".join(rating_store.RESULT_COLUMNS)
        marks = ", ".join("?" for _ in rating_store.RESULT_COLUMNS)
        con.executemany(
            f"INSERT INTO rating_result (quarter, revision, {columns}) VALUES (?, ?, {marks})",
            [[ranking.quarter, revision, *row.values()] for row in records],
        )
        db.run(con, "COMMIT")
    except Exception:
        db.run(con, "ROLLBACK")
        raise


def print_ranking(ranking: rating.Ranking) -> None:
    table = Table(title=f"物业服务企业季度评级 / property ranking {ranking.quarter}")
    for header in (
        "名次 rank",
        "企业 company",
        "总分 total",
        "等级 tier",
        "较上季 change",
        "原因 reason",
        "升级 next tier",
    ):
        table.add_column(header)
    for row in ranking.frame().iter_rows(named=True):
        change = "新 new" if row["score_change"] is None else f"{row['score_change']:+g}"
        table.add_row(
            str(row["rank"]), row["company_name"], f"{row['total']:g}", row["tier_label"], change, row["reason"],
            row["next_tier"],
        )  # fmt: skip
    console.print(table)
    for uscc, name in ranking.unrated:
        console.print(f"未评级（本季度无检查、测评记录）/ not rated (no inspection or survey): {name} {uscc}")


def main(quarter: str, do_publish: bool, lock: Callable[[], AbstractContextManager]) -> int:
    try:
        quarter = parse_quarter(quarter)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return 2
    with lock():
        con = db.connect(db.warehouse_path())
        try:
            ranking = rating.rate(con, quarter)
            print_ranking(ranking)
            if ranking.judged_at > dt.datetime.now():
                console.print(
                    "[yellow]季度尚未结束，结果为临时结果 / the quarter is not over: provisional[/yellow]"
                )
            if not do_publish:
                return 0
            if not ranking.ratings:
                console.print(f"[red]{quarter} 没有可发布的评级 / nothing to publish for {quarter}[/red]")
                return 1
            frozen = freeze(con, ranking)
        finally:
            con.close()
        console.print(frozen.note)
        if frozen.created:
            console.print(
                f"已冻结 frozen {frozen.quarter} 第 {frozen.revision} 版; 已发布快照 published {publish()}"
            )
    return 0
