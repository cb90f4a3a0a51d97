"""The whole demo street in memory: every roster and activity table, built from one Spec."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipelines.demo import (
    companies,
    dues,
    grid_activity,
    hotline,
    party_life,
    party_members,
    party_orgs,
    people,
    places,
    property_plan,
    property_records,
    workdays,
)
from pipelines.demo.spec import Spec


@dataclass
class Street:
    spec: Spec
    places: places.Places
    companies: companies.Companies
    tree: party_orgs.Tree
    members: pl.DataFrame
    dues: pl.DataFrame
    meetings: pl.DataFrame
    workers: pl.DataFrame
    volunteers: pl.DataFrame
    centers: pl.DataFrame
    tickets: pl.DataFrame
    events: pl.DataFrame
    patrols: pl.DataFrame
    inspections: pl.DataFrame
    surveys: pl.DataFrame


def build(spec: Spec) -> Street:
    cal = workdays.for_spec(spec.start, spec.cutoff)
    where = places.build(spec)
    firms = companies.build(spec, where)
    tree = party_orgs.build(spec, where, firms)
    members = party_members.build(spec, where, tree)
    workers = people.grid_workers(spec, where)
    tickets = hotline.build(spec, where, firms, cal)
    quality = property_plan.plan(spec, firms, tickets)
    return Street(
        spec=spec,
        places=where,
        companies=firms,
        tree=tree,
        members=members,
        dues=dues.build(spec, members),
        meetings=party_life.meetings(spec, tree, members, cal),
        workers=workers,
        volunteers=people.volunteers(spec, where, members),
        centers=people.service_centers(spec, where, firms.compounds),
        tickets=tickets,
        events=grid_activity.events(spec, where, cal),
        patrols=grid_activity.patrols(spec, where, workers, cal),
        inspections=property_records.inspections(spec, firms, cal, quality),
        surveys=property_records.surveys(spec, firms, quality),
    )
