"""People on the ground: 60 grid workers (网格员), about 4,700 registered volunteers, and the
党群服务中心 network (the street centre, nine community centres, compound and building stations).

Planted: 汴河社区's volunteers are below 10 % of its population (``LOW_VOLUNTEER_COMMUNITY``);
every other community is above.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo import codes, geometry, text_people
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec

N_WORKERS = 60
LOW_VOLUNTEER_COMMUNITY = "汴河社区"
LOW_VOLUNTEER_RATE = 0.066
VOLUNTEER_RATES = (0.102, 0.112)  # other communities: uniform in this range
OFFICE_STATIONS = (("巴陵中路商务楼宇党群服务站", "东湖社区"), ("汴河街商圈党群服务站", "岳阳楼社区"))


def grid_workers(spec: Spec, places: Places) -> pl.DataFrame:
    """One full-time worker per grid; the rest part-time (兼职), in the largest grids."""
    rng = spec.rng("grid_workers")
    grids = places.grids.sort("grid_code")
    extra = grids.sort("households", descending=True, maintain_order=True).head(N_WORKERS - grids.height)[
        "grid_code"
    ]
    grid_code = np.concatenate([grids["grid_code"].to_numpy(), extra.to_numpy()])
    full_time = np.arange(N_WORKERS) < grids.height
    birth_year, male, names = text_people.adults(rng, N_WORKERS, 1968, 1998)
    started = np.datetime64("2019-03-01") + rng.integers(
        0, (spec.start - dt.date(2019, 3, 1)).days, N_WORKERS
    )
    name_of = dict(zip(grids["grid_code"], grids["name"], strict=True))
    return pl.DataFrame(
        {
            "worker_id": [f"WGY{i + 1:03d}" for i in range(N_WORKERS)],
            "street_code": STREET_CODE,
            "name": names,
            "phone": codes.phones(rng, N_WORKERS),
            "grid_code": grid_code,
            "grid_name": [name_of[g] for g in grid_code],
            "full_time": full_time,
            "started_on": started.astype("datetime64[D]"),
        }
    )


def volunteers(spec: Spec, places: Places, members: pl.DataFrame) -> pl.DataFrame:
    rng = spec.rng("volunteers")
    names = places.communities["name"].to_numpy()
    population = places.communities["population"].to_numpy()
    rates = np.where(
        names == LOW_VOLUNTEER_COMMUNITY, LOW_VOLUNTEER_RATE, rng.uniform(*VOLUNTEER_RATES, len(names))
    )
    counts = np.round(population * rates).astype(int)
    community = np.repeat(names, counts)
    n = len(community)
    birth_year, male, person = text_people.adults(rng, n, 1948, 2006)
    first = np.datetime64("2016-03-05")
    span = (np.datetime64(spec.cutoff.date(), "D") - first).astype(int)
    registered = first + (rng.random(n) ** 0.7 * span).astype(int)  # registrations accelerate
    return pl.DataFrame(
        {
            "volunteer_id": [f"ZYZ{430602001}{i + 1:05d}" for i in range(n)],
            "street_code": STREET_CODE,
            "name": person,
            "community": community,
            "registered_on": registered.astype("datetime64[D]"),
            "is_party_member": rng.random(n) < 0.17,
        }
    ).sort("registered_on", "volunteer_id")


def service_centers(spec: Spec, places: Places, compounds: pl.DataFrame) -> pl.DataFrame:
    """党群服务中心: the street centre, one centre per community (its 社区用房), stations in the 12
    largest compounds and two office buildings. Coordinates WGS-84 here (written as GCJ-02)."""
    rng = spec.rng("service_centers")
    communities = places.communities
    shape = dict(
        zip(communities["name"], (places.shapes[c] for c in communities["community_code"]), strict=True)
    )
    rows = [("岳阳楼街道党群服务中心", "街道中心", "岳阳楼社区", 1260.0, *_near(shape["岳阳楼社区"], rng))]
    rows += [
        (f"{c}党群服务中心", "社区中心", c, float(m2), *_near(shape[c], rng))
        for c, m2 in zip(communities["name"], communities["premises_m2"], strict=True)
    ]
    largest = compounds.sort(["households", "compound_code"], descending=True).head(12).sort("compound_code")
    name_of = dict(zip(communities["community_code"], communities["name"], strict=True))
    rows += [
        (
            f"{c['name']}党群服务站",
            "小区站点",
            name_of[c["community_code"]],
            float(rng.integers(6, 16) * 10),
            c["lon"],
            c["lat"],
        )
        for c in largest.iter_rows(named=True)
    ]
    rows += [
        (title, "楼宇站点", c, float(rng.integers(8, 20) * 10), *_near(shape[c], rng))
        for title, c in OFFICE_STATIONS
    ]
    frame = pl.DataFrame(rows, schema=["name", "kind", "community", "area_m2", "lon", "lat"], orient="row")
    codes = [f"DQ{i + 1:02d}" for i in range(frame.height)]
    return frame.with_columns(pl.Series("center_code", codes), pl.lit(STREET_CODE).alias("street_code"))


def _near(polygon, rng) -> tuple[float, float]:
    point = geometry.sample_inside(rng, polygon.buffer(-0.0004), 1)[0]
    return float(point[0]), float(point[1])
