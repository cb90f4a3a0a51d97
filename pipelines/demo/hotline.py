"""12345 hotline tickets: about 20,000 a year (times the scale) over the 24 months.

Volumes follow each category's season (noise and water in summer, gas, power for heating and
unpaid wages in winter, flooding in the rainy season), the weekday (Mondays busiest) and the
hour (noise in the evening). The planted stories are added by ``hotline_planted``; every ticket
then goes through the same lifecycle (``hotline_lifecycle``).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo import codes, hotline_lifecycle, hotline_planted, text_people, timing
from pipelines.demo.companies import Companies
from pipelines.demo.locate import Locator, compound_addresses, jitter
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec
from pipelines.demo.text_hotline import (
    CATEGORIES,
    CONSULT_REPLIES,
    CONSULT_REQUESTS,
    OPENINGS,
    PRAISE,
    PRAISE_REPLY,
    REPLIES_OPEN,
    REPLIES_RESOLVED,
    REQUESTS,
)
from pipelines.demo.workdays import WorkCalendar

PER_YEAR = 20_000
APPEALS = np.array(["咨询", "求助", "投诉", "举报", "建议", "表扬"])
APPEAL_MIX = {
    "complaint": (0.06, 0.10, 0.72, 0.05, 0.05, 0.02),
    "help": (0.12, 0.66, 0.15, 0.0, 0.05, 0.02),
    "consult": (0.84, 0.08, 0.03, 0.0, 0.04, 0.01),
    "report": (0.04, 0.04, 0.40, 0.50, 0.02, 0.0),
    "suggest": (0.15, 0.05, 0.05, 0.0, 0.73, 0.02),
}
CHANNELS = (np.array(["电话", "微信", "网站", "APP", "来信"]), np.array([0.72, 0.12, 0.06, 0.09, 0.01]))
SCENIC_HOTSPOT = {"价格投诉": 12.0, "占道经营": 3.0, "商业噪音": 2.5}


def build(spec: Spec, places: Places, companies: Companies, cal: WorkCalendar) -> pl.DataFrame:
    rng = spec.rng("hotline")
    locator = Locator(spec.rng("hotline_points"), places)
    drafts = pl.concat(
        [_arrivals(rng, spec, cal), *hotline_planted.drafts(spec, places, companies, cal)],
        how="diagonal_relaxed",
    ).with_row_index("draft")
    located = _locate(rng, drafts, locator, companies)
    timed = hotline_lifecycle.run(rng, spec, cal, located, fault_rates(companies))
    return _finish(rng, timed, locator)


def fault_rates(companies: Companies) -> dict[str, float]:
    """Chance that a 投诉 about a company is verified as its responsibility, by its standing (the
    planted companies' verified complaints are planted, none at random)."""
    rates = hotline_lifecycle.P_FAULT
    return {u: rates.get(s, 0.0) for u, s in companies.standing().items() if not s.startswith("planted")}


def _arrivals(rng, spec: Spec, cal: WorkCalendar) -> pl.DataFrame:
    """One draft row per ticket of the ordinary flow: when, what, who calls and how urgent."""
    day_array = timing.days(spec.start, spec.cutoff.date())
    shares = np.array([c[2] for c in CATEGORIES])
    parts = []
    for index, category in enumerate(CATEGORIES):
        l1, l2, _, season, hours, mix, urgent, kind, department, problems = category
        per_year = spec.activity(PER_YEAR) * shares[index] / shares.sum()
        when = timing.clock(
            rng,
            timing.poisson_days(rng, day_array, timing.day_weights(day_array, season, cal), per_year),
            hours,
        )
        n = len(when)
        problem = rng.integers(0, len(problems), n)
        parts.append(
            pl.DataFrame(
                {
                    "received_at": when.astype("datetime64[ms]"),
                    "category_l1": l1,
                    "category_l2": l2,
                    "title_stub": np.array([p[0] for p in problems])[problem],
                    "detail": np.array([p[1] for p in problems])[problem],
                    "fix": np.array([p[2] for p in problems])[problem],
                    "location_kind": kind,
                    "appeal_type": rng.choice(APPEALS, size=n, p=APPEAL_MIX[mix]),
                    "urgency": np.where(rng.random(n) < urgent, "紧急", "一般"),
                    "department": department,
                }
            )
        )
    return pl.concat(parts).with_columns(story=pl.lit("base"))


def _locate(rng, drafts: pl.DataFrame, locator: Locator, companies: Companies) -> pl.DataFrame:
    """Compound tickets get a compound (物业管理 only among managed ones) and its company; road
    tickets a grid (scenic hot spots boosted) and a door number; every ticket a point."""
    compounds = companies.compounds
    index, in_compound = _compounds(rng, drafts, compounds)
    grid = _given(drafts, "grid_code")
    grid = np.where(
        in_compound,
        compounds["grid_code"].to_numpy()[index],
        np.where(grid == "", _road_grids(rng, drafts, locator), grid),
    )
    lon, lat = locator.points(rng, grid)
    c_lon, c_lat = jitter(rng, compounds["lon"].to_numpy()[index], compounds["lat"].to_numpy()[index], 35)
    property_ticket = (drafts["category_l1"] == "物业管理").to_numpy()
    own = compounds.select(pl.col("compound_code"), pl.col("company_uscc"))[index]
    return drafts.with_columns(
        pl.Series("grid_code", grid.astype(str)),
        pl.when(pl.Series(in_compound)).then(own["compound_code"]).alias("compound_code"),
        pl.when(pl.Series(in_compound & property_ticket)).then(own["company_uscc"]).alias("company_uscc"),
        pl.Series(
            "address",
            np.where(in_compound, compound_addresses(rng, compounds, index), locator.roads(rng, grid)),
        ),
        pl.Series("lon", np.where(in_compound, c_lon, lon)),
        pl.Series("lat", np.where(in_compound, c_lat, lat)),
    )


def _given(drafts: pl.DataFrame, name: str) -> np.ndarray:
    """A column the planted drafts may fix (empty text where they do not)."""
    if name not in drafts.columns:
        return np.full(drafts.height, "")
    return drafts[name].fill_null("").to_numpy()


def _compounds(rng, drafts: pl.DataFrame, compounds: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(compound row per ticket, whether the ticket is in a compound). Compounds are drawn by
    households; 物业管理 tickets only among managed compounds; planted drafts name theirs."""
    weights = compounds["households"].to_numpy().astype(float)
    managed = np.where(compounds["company_uscc"].is_not_null().to_numpy(), weights, 0)
    pick_any = rng.choice(len(compounds), size=drafts.height, p=weights / weights.sum())
    pick_managed = rng.choice(len(compounds), size=drafts.height, p=managed / managed.sum())
    index = np.where((drafts["category_l1"] == "物业管理").to_numpy(), pick_managed, pick_any)
    wanted = _given(drafts, "compound_code")
    named = wanted != ""
    index[named] = np.searchsorted(compounds["compound_code"].to_numpy(), wanted[named])
    return index, (drafts["location_kind"] == "compound").to_numpy() | named


def _road_grids(rng, drafts: pl.DataFrame, locator: Locator) -> np.ndarray:
    scenic = locator.grids.filter(pl.col("grid_type") == "专属网格")["grid_code"][0]
    grid = locator.pick_grids(rng, drafts.height)
    for l2, factor in SCENIC_HOTSPOT.items():
        mask = (drafts["category_l2"] == l2).to_numpy()
        grid[mask] = locator.pick_grids(rng, int(mask.sum()), {scenic: factor})
    return grid


def _finish(rng, frame: pl.DataFrame, locator: Locator) -> pl.DataFrame:
    """Ids (YY + date + daily number) in order of receipt, community, caller and texts."""
    n = frame.height
    _, _, callers = text_people.adults(rng, n, 1940, 2004)
    day = pl.col("received_at").dt.strftime("%Y%m%d")
    number = pl.int_range(1, pl.len() + 1).over(day).cast(pl.String).str.zfill(5)
    frame = frame.sort("received_at", "draft").with_columns(
        (pl.lit("YY") + day + number).alias("ticket_id"),
        pl.lit(STREET_CODE).alias("street_code"),
        pl.col("grid_code").str.slice(0, 12).replace_strict(locator.community_name).alias("community"),
        pl.Series("citizen", callers),
        pl.Series("phone", codes.phones(rng, n)),
        pl.Series("channel", rng.choice(CHANNELS[0], size=n, p=CHANNELS[1])),
    )
    department = pl.col("department").str.replace("{community}", pl.col("community"), literal=True)
    return frame.with_columns(department.alias("department")).with_columns(
        _title().alias("title"), _content(rng, n).alias("content"), _reply(rng, n).alias("reply_text")
    )


def _title() -> pl.Expr:
    """Where and what, as a call-taker titles a ticket: 泰和花园电梯故障, 洞庭北路占道经营 (or whom a 表扬 thanks)."""
    place = (
        pl.when(pl.col("compound_code").is_not_null())
        .then(pl.col("address").str.extract(r"^(.+?)\d", 1))
        .otherwise(pl.col("address").str.replace(r"\d+号$", ""))
    )
    praise = pl.concat_str(
        [pl.lit("表扬"), pl.col("department"), pl.lit("及时解决"), pl.col("title_stub"), pl.lit("问题")]
    )
    return (
        pl.when(pl.col("appeal_type") == "表扬")
        .then(praise)
        .otherwise(place.fill_null("") + pl.col("title_stub"))
    )


def _content(rng, n: int) -> pl.Expr:
    """Opening, place, what the caller says, what they ask for (a question for 咨询; thanks for 表扬)."""
    opening = pl.Series(rng.choice(np.array(OPENINGS), size=n))
    request = pl.Series(rng.choice(np.array(REQUESTS), size=n))
    question = pl.Series(rng.choice(np.array(CONSULT_REQUESTS), size=n))
    asked = pl.when(pl.col("appeal_type") == "咨询").then(question).otherwise(request)
    near = pl.when(pl.col("compound_code").is_null()).then(pl.lit("附近，")).otherwise(pl.lit("，"))
    praised = pl.col("appeal_type") == "表扬"
    praise = pl.when(praised).then(pl.lit(PRAISE))  # full length, so that columns can fill it in
    praise = praise.str.replace("{stub}", pl.col("title_stub"), literal=True)
    praise = praise.str.replace("{dept}", pl.col("department"), literal=True)
    said = pl.when(praised).then(praise).otherwise(pl.concat_str([pl.col("detail"), pl.lit("，"), asked]))
    return pl.concat_str([opening, pl.col("address"), near, said])


def _reply(rng, n: int) -> pl.Expr:
    """The handler's answer once replied: what was done, or why it needs more time; an answer for
    咨询, thanks passed on for 表扬."""
    resolved = pl.Series(rng.choice(np.array(REPLIES_RESOLVED), size=n))
    pending = pl.Series(rng.choice(np.array(REPLIES_OPEN), size=n))
    answered = pl.Series(rng.choice(np.array(CONSULT_REPLIES), size=n))
    template = (
        pl.when(pl.col("appeal_type") == "表扬")
        .then(pl.lit(PRAISE_REPLY))
        .when(pl.col("appeal_type") == "咨询")
        .then(answered)
        .when(pl.col("is_resolved").fill_null(True))
        .then(resolved)
        .otherwise(pending)
    )
    text = (
        template.str.replace("{dept}", pl.col("department"), literal=True)
        .str.replace("{fix}", pl.col("fix"), literal=True)
        .str.replace("{day}", pl.col("replied_at").dt.strftime("%-m月%-d日"), literal=True)
    )
    return pl.when(pl.col("replied_at").is_not_null()).then(text)
