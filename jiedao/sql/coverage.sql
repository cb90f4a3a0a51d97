-- 覆盖率 (DOMAIN.md §4). Rosters are current-state snapshots: a rate describes the roster as loaded,
-- with dated rows (volunteers, grid workers, 双报到) limited to what existed before $end.
-- Metric queries return one row per {by} key: key, numerator, denominator.
-- Community filter: $communities (empty = all). Grid filter: grid-level rows by their grid; rows that
-- only know their community are kept when their community contains one of $grids.
-- Scalars ($branch_min_members, $walking_radius_m …) come from [params] of config/coverage.toml.

-- name: org_coverage
-- Grain: one row per {by} over the 两新组织 operating in the street.
SELECT {by} AS key,
       count(*) FILTER (WHERE party_org_code IS NOT NULL) AS numerator,
       count(*) AS denominator
FROM organisation
WHERE operating
  AND (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
GROUP BY ALL;

-- name: own_branch_rate
-- Grain: one row per {by} over operating organisations with >= $branch_min_members full members.
SELECT {by} AS key,
       count(*) FILTER (WHERE build_mode = '单独组建') AS numerator,
       count(*) AS denominator
FROM organisation
WHERE operating AND full_members >= $branch_min_members
  AND (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
GROUP BY ALL;

-- name: work_coverage
-- Grain: one row per {by} over operating organisations; covered = a Party organisation or an instructor.
SELECT {by} AS key,
       count(*) FILTER (WHERE party_org_code IS NOT NULL OR coalesce(instructor, false)) AS numerator,
       count(*) AS denominator
FROM organisation
WHERE operating
  AND (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
GROUP BY ALL;

-- name: property_party_coverage
-- Grain: one row per {by} over the property companies serving at least one compound there (a company
-- serving compounds in two communities counts once in each, once in the street).
WITH serving AS (
    SELECT DISTINCT street_code, community_code, grid_code, company_uscc
    FROM compound
    WHERE company_uscc IS NOT NULL
      AND (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
)
SELECT s.{by} AS key,
       count(DISTINCT s.company_uscc) FILTER (WHERE p.party_org_code IS NOT NULL) AS numerator,
       count(DISTINCT s.company_uscc) AS denominator
FROM serving AS s
LEFT JOIN property_company AS p ON p.uscc = s.company_uscc
GROUP BY ALL;

-- name: grids_in_scope
-- Grain: one row per grid within $communities / $grids (used by the grid-level rates below).
SELECT grid_code, community_code, street_code
FROM grid
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code));

-- name: grid_branch_coverage
-- Grain: one row per {by} over grids; covered = a 网格 Party organisation (not a 党小组) in the grid.
WITH grids AS ({{grids_in_scope}}),
branches AS (
    SELECT DISTINCT grid_code FROM party_org
    WHERE category = '网格' AND org_type <> '党小组' AND grid_code IS NOT NULL
)
SELECT g.{by} AS key,
       count(*) FILTER (WHERE b.grid_code IS NOT NULL) AS numerator,
       count(*) AS denominator
FROM grids AS g
LEFT JOIN branches AS b ON b.grid_code = g.grid_code
GROUP BY ALL;

-- name: building_group_coverage
-- Grain: one row per {by} over buildings (楼栋); covered = the building has a 楼栋党小组.
WITH buildings AS (
    SELECT b.street_code, c.community_code, coalesce(b.grid_code, c.grid_code) AS grid_code,
           b.party_group_code
    FROM building AS b
    JOIN compound AS c ON c.compound_code = b.compound_code
)
SELECT {by} AS key,
       count(*) FILTER (WHERE party_group_code IS NOT NULL) AS numerator,
       count(*) AS denominator
FROM buildings
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code))
GROUP BY ALL;

-- name: dual_report_rate
-- Grain: one row per {by} over 在职党员 (is_employed). The half-year is the one holding the period's last
-- day; reported = a 双报到 community and a report date in that half-year, before $end. A member's
-- community is the one reported to, else the community of the member's organisation.
WITH half AS (
    SELECT make_date(year(last_day), CASE WHEN month(last_day) <= 6 THEN 1 ELSE 7 END, 1) AS half_start
    FROM (SELECT $end::DATE - 1 AS last_day)
),
members AS (
    SELECT m.street_code,
           coalesce(m.report_community_code, o.community_code) AS community_code,
           m.report_community_code IS NOT NULL
               AND m.reported_on >= half.half_start AND m.reported_on < $end::DATE AS reported
    FROM party_member AS m
    LEFT JOIN party_org AS o ON o.org_code = m.org_code
    CROSS JOIN half
    WHERE m.is_employed
)
SELECT {by} AS key,
       count(*) FILTER (WHERE reported) AS numerator,
       count(*) AS denominator
FROM members
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
GROUP BY ALL;

-- name: volunteer_rate
-- Grain: one row per {by} over communities: volunteers registered before $end ÷ resident population.
WITH communities AS (
    SELECT street_code, community_code, population
    FROM community
    WHERE (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
),
volunteers AS (
    SELECT community_code, count(*) AS registered
    FROM volunteer
    WHERE registered_on IS NULL OR registered_on < $end::DATE
    GROUP BY community_code
)
SELECT c.{by} AS key,
       coalesce(sum(v.registered), 0)::BIGINT AS numerator,
       sum(c.population)::BIGINT AS denominator
FROM communities AS c
LEFT JOIN volunteers AS v ON v.community_code = c.community_code
GROUP BY ALL;

-- name: premises_compliance
-- Grain: one row per {by} over communities: premises >= $premises_min_m2 and >=
-- $premises_m2_per_100_households per 100 households (unknown area or households: not compliant).
SELECT {by} AS key,
       count(*) FILTER (
           WHERE premises_m2 >= $premises_min_m2
             AND premises_m2 * 100 >= $premises_m2_per_100_households * households
       ) AS numerator,
       count(*) AS denominator
FROM community
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
GROUP BY ALL;

-- name: grid_worker_rate
-- Grain: one row per {by} over grids; staffed = a full-time 网格员 who started before $end.
WITH grids AS ({{grids_in_scope}}),
staffed AS (
    SELECT DISTINCT grid_code FROM grid_worker
    WHERE full_time AND (started_on IS NULL OR started_on < $end::DATE)
)
SELECT g.{by} AS key,
       count(*) FILTER (WHERE s.grid_code IS NOT NULL) AS numerator,
       count(*) AS denominator
FROM grids AS g
LEFT JOIN staffed AS s ON s.grid_code = g.grid_code
GROUP BY ALL;

-- name: walking_coverage
-- Grain: one row per {by} over compounds: households of compounds with a service centre of
-- $center_kinds within $walking_radius_m (haversine, after a bounding-box prefilter) ÷ households.
-- A compound without coordinates cannot be shown covered: it stays in the denominator only.
WITH compounds AS (
    SELECT compound_code, street_code, community_code, grid_code, coalesce(households, 0) AS households,
           lon, lat
    FROM compound
    WHERE (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
),
centres AS (
    SELECT lon, lat FROM service_center
    WHERE lon IS NOT NULL AND lat IS NOT NULL AND list_contains($center_kinds, kind)
),
covered AS (
    SELECT DISTINCT c.compound_code
    FROM compounds AS c
    JOIN centres AS s
      ON abs(s.lat - c.lat) <= $walking_radius_m / 111195.0
     AND abs(s.lon - c.lon) <= $walking_radius_m / (111195.0 * cos(radians(c.lat)))
    WHERE 2 * 6371008.8 * asin(sqrt(
              pow(sin(radians(s.lat - c.lat) / 2), 2)
              + cos(radians(c.lat)) * cos(radians(s.lat)) * pow(sin(radians(s.lon - c.lon) / 2), 2)
          )) <= $walking_radius_m
)
SELECT c.{by} AS key,
       coalesce(sum(c.households) FILTER (WHERE v.compound_code IS NOT NULL), 0)::BIGINT AS numerator,
       sum(c.households)::BIGINT AS denominator
FROM compounds AS c
LEFT JOIN covered AS v ON v.compound_code = c.compound_code
GROUP BY ALL;

-- Gap lists (jiedao/coverage.py). Each returns the rows behind one rate's shortfall, with the
-- community's name so the caller can name the responsible unit.

-- name: organisations_without_party_org
-- Grain: one row per operating organisation with no Party organisation.
SELECT o.uscc AS ref, o.name, o.kind, o.community_code, c.name AS community_name, o.employees,
       o.full_members, coalesce(o.instructor, false) AS instructor
FROM organisation AS o
LEFT JOIN community AS c ON c.community_code = o.community_code
WHERE o.operating AND o.party_org_code IS NULL
  AND (len($communities) = 0 OR list_contains($communities, o.community_code))
  AND (len($grids) = 0 OR o.community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
ORDER BY o.full_members DESC NULLS LAST, o.uscc;

-- name: property_companies_without_party_org
-- Grain: one row per property company without a Party organisation × community it serves compounds in.
SELECT p.uscc AS ref, p.name, s.community_code, c.name AS community_name,
       count(*) AS compounds, sum(coalesce(s.households, 0))::BIGINT AS households,
       coalesce(p.instructor, false) AS instructor
FROM compound AS s
JOIN property_company AS p ON p.uscc = s.company_uscc
LEFT JOIN community AS c ON c.community_code = s.community_code
WHERE p.party_org_code IS NULL
  AND (len($communities) = 0 OR list_contains($communities, s.community_code))
  AND (len($grids) = 0 OR list_contains($grids, s.grid_code))
GROUP BY ALL
ORDER BY households DESC, ref, community_code;

-- name: grid_gaps
-- Grain: one row per grid × gap (无网格党支部 / 无专职网格员); a grid lacking both has two rows.
WITH grids AS (
    SELECT g.grid_code, g.name, g.community_code, c.name AS community_name, g.households
    FROM grid AS g
    LEFT JOIN community AS c ON c.community_code = g.community_code
    WHERE (len($communities) = 0 OR list_contains($communities, g.community_code))
      AND (len($grids) = 0 OR list_contains($grids, g.grid_code))
),
gaps AS (
    SELECT 'grid_branch' AS gap, * FROM grids
    WHERE grid_code NOT IN (
        SELECT grid_code FROM party_org
        WHERE category = '网格' AND org_type <> '党小组' AND grid_code IS NOT NULL
    )
    UNION ALL
    SELECT 'grid_worker' AS gap, * FROM grids
    WHERE grid_code NOT IN (
        SELECT grid_code FROM grid_worker WHERE full_time AND (started_on IS NULL OR started_on < $end::DATE)
    )
)
SELECT gap, grid_code AS ref, name, community_code, community_name, households
FROM gaps
ORDER BY gap, grid_code;

-- name: premises_shortfall
-- Grain: one row per community short of the premises standard, with the area it should have.
SELECT c.community_code AS ref, c.name, c.community_code, c.name AS community_name, c.households,
       c.premises_m2,
       greatest($premises_min_m2, $premises_m2_per_100_households * c.households / 100.0) AS required_m2,
       greatest($premises_min_m2, $premises_m2_per_100_households * c.households / 100.0)
           - coalesce(c.premises_m2, 0) AS shortfall_m2
FROM community AS c
WHERE NOT coalesce(
        c.premises_m2 >= $premises_min_m2
        AND c.premises_m2 * 100 >= $premises_m2_per_100_households * c.households, false)
  AND (len($communities) = 0 OR list_contains($communities, c.community_code))
  AND (len($grids) = 0 OR c.community_code IN (SELECT community_code FROM grid WHERE list_contains($grids, grid_code)))
ORDER BY shortfall_m2 DESC NULLS FIRST, c.community_code;

-- name: compounds_outside_walking_radius
-- Grain: one row per compound with no service centre of $center_kinds within $walking_radius_m, with
-- its nearest centre (any distance) and that distance; no coordinates → no nearest centre.
WITH compounds AS (
    SELECT compound_code, name, community_code, grid_code, coalesce(households, 0) AS households, lon, lat
    FROM compound
    WHERE (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
),
centres AS (
    SELECT center_code, name, lon, lat FROM service_center
    WHERE lon IS NOT NULL AND lat IS NOT NULL AND list_contains($center_kinds, kind)
),
distances AS (
    SELECT c.compound_code, s.name AS centre_name,
           2 * 6371008.8 * asin(sqrt(
               pow(sin(radians(s.lat - c.lat) / 2), 2)
               + cos(radians(c.lat)) * cos(radians(s.lat)) * pow(sin(radians(s.lon - c.lon) / 2), 2)
           )) AS distance_m
    FROM compounds AS c CROSS JOIN centres AS s
    WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL
),
nearest AS (
    SELECT compound_code, arg_min(centre_name, distance_m) AS nearest_centre, min(distance_m) AS distance_m
    FROM distances
    GROUP BY compound_code
)
SELECT c.compound_code AS ref, c.name, c.community_code, m.name AS community_name, c.grid_code,
       c.households, n.nearest_centre, round(n.distance_m) AS distance_m
FROM compounds AS c
LEFT JOIN nearest AS n ON n.compound_code = c.compound_code
LEFT JOIN community AS m ON m.community_code = c.community_code
WHERE n.distance_m IS NULL OR n.distance_m > $walking_radius_m
ORDER BY c.households DESC, c.compound_code;
