"""The 组织生活 page's filters, kept in the URL: the period (a run of months ``?from=2025-11&month=2026-10``
or a quarter ``?span=quarter&quarter=2026Q3``), the branch types (``?type=网格``) and "only branches with
a problem" (``?problems=1``). The communities are the shared picker of ``jiedao.ui.filters``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jiedao import i18n, meetings
from jiedao.filters import TIMEZONE, add_months, month_start, quarter_of, quarter_start
from jiedao.ui import url

DEFAULT_RUN = 12  # months shown by default, ending with the latest month that has meetings
SPANS = ("months", "quarter")


def months_on_offer(con) -> list[dt.date]:
    """Every month from the first with meetings to the later of the last with meetings and the current
    month (so what is due soon can be seen), newest first; empty when no meeting is recorded."""
    held = meetings.months(con)
    if not held:
        return []
    today = month_start(dt.datetime.now(TIMEZONE).date())
    last, first = max(held[0], today), held[-1]
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [add_months(last, -i) for i in range(count)]


def period(con, lang: str, columns: list[Any]) -> tuple[dt.date, dt.date] | None:
    """[start, end) chosen as ``?span=quarter&quarter=2026Q3`` or as a run of months
    ``?from=2025-11&month=2026-10`` (the default: the 12 months ending with the latest month that has
    meetings). None when there are no meetings at all."""
    offered = months_on_offer(con)
    if not offered:
        return None
    latest = meetings.months(con)[0]
    span = url.select(
        "span", SPANS, label=i18n.t("meet_span", lang), format_func=lambda s: i18n.t(f"meet_span_{s}", lang),
        keep_default=False, container=columns[0], widget="segmented_control",
    )  # fmt: skip
    if span == "quarter":
        quarters = list(dict.fromkeys(quarter_of(m) for m in offered))
        chosen = url.select(
            "quarter", quarters, label=i18n.t("quarter", lang),
            format_func=lambda q: i18n.fmt_quarter(q, lang), default=quarter_of(latest), container=columns[1],
        )  # fmt: skip
        return quarter_start(chosen), add_months(quarter_start(chosen), 3)
    last = _month_select("month", offered, "meet_to", latest, lang, columns[2])
    earlier = [m for m in offered if m <= last]
    first = _month_select(
        "from", earlier, "meet_from", max(add_months(last, 1 - DEFAULT_RUN), earlier[-1]), lang, columns[1]
    )
    return first, add_months(last, 1)


def _month_select(
    name: str, months: list[dt.date], key: str, default: dt.date, lang: str, container
) -> dt.date:
    return url.select(
        name, months, label=i18n.t(key, lang), format_func=lambda d: i18n.fmt_month(d, lang),
        token=lambda d: f"{d:%Y-%m}", default=default, container=container,
    )  # fmt: skip


def type_picker(options: list[str], lang: str, container) -> tuple[str, ...]:
    """Branch categories as ``?type=网格,非公企业``; empty = every type."""
    return url.multiselect(
        "type", options, label=i18n.t("meet_types", lang),
        format_func=lambda c: i18n.label(i18n.ORG_CATEGORIES, c, lang),
        placeholder=i18n.t("meet_all_types", lang), container=container,
    )  # fmt: skip


def problems_toggle(lang: str, container) -> bool:
    """ "Only branches with a missed or due meeting", kept as ``?problems=1``."""
    on = container.toggle(
        i18n.t("meet_problems_only", lang), value=url.get("problems") == "1", key="url_problems"
    )
    url.put("problems", "1" if on else None)
    return on
