-- Grid events, patrols and per-grid measures (DOMAIN.md §6). Parameters: $start/$end (half-open
-- period), $communities/$grids (empty = all), $as_of (later timestamps have not happened yet), and
-- the [params] of config/grid.toml. Places come from the grid table: a grid's community decides
-- the row scope, and "per 1,000 households" divides by the households of the grids in scope.
--
-- Definitions:
--   closed       closed_at <= $as_of.
--   deadline     截止时间 (deadline_at) when the export gives it; otherwise the N-th working day after
--                the day of reporting, same clock time, N by 时限类别 from [params.close_workdays]
--                ($default_close_workdays without one); N = 0 (即办) means by the end of that day.
--   due          the deadline falls in [$start, $end) and not after $as_of; closed by the deadline
--                or not, due events are the denominator of 按时结案率 (open overdue ones count against it).
--   patrols      required: $patrols_per_day per (full-time, when $full_time_only) grid worker per
--                working day of the period that has ended by $as_of, from the worker's start date;
--                done: the worker's patrols started on those days, at most $patrols_per_day a day.
--                Patrols count for the worker's own grid.

-- name: places
-- grain: one row per grid within $communities / $grids
SELECT grid_code, community_code, street_code, name, households, centroid_lon, centroid_lat
FROM grid
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code));

-- name: event_facts
-- grain: one row per event of a grid in scope that a measure of [$start, $end) at $as_of looks at:
-- reported by $as_of and either recent (from 45 days before $start: a computed deadline is at most
-- 15 working days after reporting), touched in the period, or still open; its deadline, and one
-- boolean per numerator (n_<metric>) and denominator (d_<metric>).
WITH scoped AS (
    SELECT e.event_code, e.grid_code, p.community_code, p.street_code, e.category_code, e.category_name,
           e.source, e.description, e.status, e.reported_at, e.closed_at, e.deadline_class, e.deadline_at,
           e.reopened_count
    FROM grid_event e
    JOIN ({{places}}) p USING (grid_code)
    WHERE e.reported_at <= $as_of
      AND (e.reported_at >= $start - INTERVAL 45 DAY OR e.deadline_at >= $start OR e.closed_at >= $start
           OR e.closed_at IS NULL OR e.closed_at > $as_of)
),
deadlines AS (
    SELECT s.*,
           coalesce($close_workdays_values[list_position($close_workdays_keys, s.deadline_class)],
                    $default_close_workdays) AS close_workdays
    FROM scoped s
),
judged AS (
    SELECT d.*,
           CASE WHEN d.deadline_at IS NOT NULL THEN d.deadline_at
                WHEN d.close_workdays = 0 THEN CAST(d.reported_at AS DATE) + INTERVAL 1 DAY
                ELSE close_day.day + CAST(d.reported_at AS TIME)
           END AS due_at,
           coalesce(d.closed_at <= $as_of, false) AS is_closed,
           coalesce(d.closed_at >= $start AND d.closed_at < $end AND d.closed_at <= $as_of, false)
               AS is_closed_in_period,
           date_diff('second', d.reported_at, d.closed_at) / 3600.0 AS close_hours
    FROM deadlines d
    LEFT JOIN work_calendar close_from ON close_from.day = CAST(d.reported_at AS DATE)
    LEFT JOIN work_calendar close_day
           ON close_day.is_workday AND close_day.workday_index = close_from.workday_index + d.close_workdays
)
SELECT {by} AS key, event_code, grid_code, community_code, category_code, category_name, source,
       description, status, deadline_class, reported_at, due_at, closed_at, reopened_count, close_hours,
       NOT is_closed AS is_open,
       reported_at >= $start AND reported_at < $end AS n_events,
       reported_at >= $start AND reported_at < $end AS n_events_per_1000_households,
       coalesce(due_at >= $start AND due_at < $end AND due_at <= $as_of, false) AS d_on_time_close_rate,
       coalesce(due_at >= $start AND due_at < $end AND due_at <= $as_of AND closed_at <= due_at, false)
           AS n_on_time_close_rate,
       is_closed_in_period AS n_mean_hours_to_close,
       is_closed_in_period AS d_mean_hours_to_close,
       is_closed_in_period AS d_reopen_rate,
       is_closed_in_period AND coalesce(reopened_count, 0) > 0 AS n_reopen_rate,
       NOT is_closed AND coalesce(due_at < $as_of, false) AS n_overdue_open
FROM judged;

-- name: event_counts
-- grain: one row per {by} key with events: numerators and denominators of the event measures
SELECT key,
       count(*) FILTER (WHERE n_events) AS n_events,
       count(*) FILTER (WHERE n_on_time_close_rate) AS n_on_time_close_rate,
       count(*) FILTER (WHERE d_on_time_close_rate) AS d_on_time_close_rate,
       coalesce(sum(close_hours) FILTER (WHERE d_mean_hours_to_close), 0) AS n_mean_hours_to_close,
       count(*) FILTER (WHERE d_mean_hours_to_close) AS d_mean_hours_to_close,
       count(*) FILTER (WHERE n_reopen_rate) AS n_reopen_rate,
       count(*) FILTER (WHERE d_reopen_rate) AS d_reopen_rate,
       count(*) FILTER (WHERE n_overdue_open) AS n_overdue_open
FROM ({{event_facts}})
GROUP BY key;

-- name: patrol_counts
-- grain: one row per {by} key with grid workers held to the patrol rule: patrols required and done
WITH workers AS (
    SELECT w.worker_id, w.started_on, p.grid_code, p.community_code, p.street_code
    FROM grid_worker w
    JOIN ({{places}}) p USING (grid_code)
    WHERE w.full_time OR NOT $full_time_only
),
workdays AS (
    SELECT day FROM work_calendar
    WHERE is_workday AND day >= $start AND day < $end AND day + INTERVAL 1 DAY <= $as_of
),
worker_days AS (
    SELECT w.*, d.day FROM workers w JOIN workdays d ON w.started_on IS NULL OR d.day >= w.started_on
),
patrolled AS (
    SELECT worker_id, CAST(started_at AS DATE) AS day, least(count(*), $patrols_per_day) AS done
    FROM patrol
    WHERE started_at >= $start AND started_at < $end AND started_at <= $as_of
    GROUP BY ALL
)
SELECT {by} AS key,
       count(*) AS workdays_owed,
       CAST(coalesce(sum(p.done), 0) AS BIGINT) AS n_patrol_completion,
       count(*) * $patrols_per_day AS d_patrol_completion
FROM worker_days wd
LEFT JOIN patrolled p USING (worker_id, day)
GROUP BY key;

-- name: ticket_counts
-- grain: one row per {by} key with hotline tickets received in [$start, $end) by $as_of
SELECT {by} AS key, count(*) AS n_tickets_per_1000_households
FROM hotline_ticket
WHERE received_at >= $start AND received_at < $end AND received_at <= $as_of
  AND (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code))
GROUP BY key;

-- name: summary
-- grain: one row per {by} key of the grids in scope (grids without activity included): n_<metric>
-- and d_<metric> of every grid metric; households of the grids are the per-1,000 denominators.
WITH households AS (
    SELECT {by} AS key, coalesce(sum(households), 0) AS households FROM ({{places}}) GROUP BY key
)
SELECT h.key,
       coalesce(e.n_events, 0) AS n_events,
       coalesce(e.n_events, 0) AS n_events_per_1000_households,
       h.households AS d_events_per_1000_households,
       coalesce(e.n_on_time_close_rate, 0) AS n_on_time_close_rate,
       coalesce(e.d_on_time_close_rate, 0) AS d_on_time_close_rate,
       coalesce(e.n_mean_hours_to_close, 0) AS n_mean_hours_to_close,
       coalesce(e.d_mean_hours_to_close, 0) AS d_mean_hours_to_close,
       coalesce(e.n_reopen_rate, 0) AS n_reopen_rate,
       coalesce(e.d_reopen_rate, 0) AS d_reopen_rate,
       coalesce(e.n_overdue_open, 0) AS n_overdue_open,
       coalesce(p.n_patrol_completion, 0) AS n_patrol_completion,
       coalesce(p.d_patrol_completion, 0) AS d_patrol_completion,
       coalesce(t.n_tickets_per_1000_households, 0) AS n_tickets_per_1000_households,
       h.households AS d_tickets_per_1000_households
FROM households h
LEFT JOIN ({{event_counts}}) e USING (key)
LEFT JOIN ({{patrol_counts}}) p USING (key)
LEFT JOIN ({{ticket_counts}}) t USING (key);

-- name: patrol_shortfall
-- grain: one row per grid in scope whose patrol completion in [$start, $end) by $as_of is below
-- $patrol_short_below. Needs-action columns first: due_at = end of the period; days_overdue = whole
-- days begun since then at $as_of (NULL while the period runs).
WITH counts AS ({{patrol_counts}})
SELECT '网格巡查不足：' || p.name || ' 完成 ' || c.n_patrol_completion || '/' || c.d_patrol_completion
           || ' 次' AS item,
       p.grid_code AS ref,
       p.community_code,
       coalesce(cm.name, p.community_code) AS responsible,
       CAST($end AS TIMESTAMP) AS due_at,
       CASE WHEN $as_of > CAST($end AS TIMESTAMP) THEN
           CAST(ceil(date_diff('second', CAST($end AS TIMESTAMP), $as_of) / 86400.0) AS INTEGER) END
           AS days_overdue,
       p.name AS grid_name, cm.name AS community_name,
       c.workdays_owed, c.n_patrol_completion AS patrols_done, c.d_patrol_completion AS patrols_required,
       c.n_patrol_completion / c.d_patrol_completion AS completion,
       c.d_patrol_completion - c.n_patrol_completion AS shortfall
FROM counts c
JOIN ({{places}}) p ON p.grid_code = c.key
LEFT JOIN community cm ON cm.community_code = p.community_code
WHERE c.d_patrol_completion > 0 AND c.n_patrol_completion < $patrol_short_below * c.d_patrol_completion
ORDER BY completion, ref;

-- name: hotspots
-- grain: one row per grid in scope whose events in the $hotspot_recent_weeks weeks before $as_of
-- average more per week than (1 + $hotspot_margin) × its weekly mean over the $hotspot_baseline_weeks
-- weeks before those, with at least $hotspot_min_events recent events (baseline 0 counts as
-- exceeded). Needs-action columns first (no deadline: due_at and days_overdue are NULL).
WITH windowed AS (
    SELECT e.grid_code, e.category_name,
           e.reported_at >= $as_of - to_weeks($hotspot_recent_weeks) AS is_recent
    FROM grid_event e
    JOIN ({{places}}) p USING (grid_code)
    WHERE e.reported_at < $as_of
      AND e.reported_at >= $as_of - to_weeks($hotspot_recent_weeks + $hotspot_baseline_weeks)
),
counted AS (
    SELECT grid_code,
           count(*) FILTER (WHERE is_recent) AS recent_events,
           count(*) FILTER (WHERE NOT is_recent) AS baseline_events,
           mode(category_name) FILTER (WHERE is_recent) AS top_category
    FROM windowed
    GROUP BY grid_code
),
rated AS (
    SELECT *, recent_events / $hotspot_recent_weeks AS recent_weekly,
           baseline_events / $hotspot_baseline_weeks AS baseline_weekly
    FROM counted
)
SELECT '网格事件激增：' || p.name || ' 近' || $hotspot_recent_weeks || '周 ' || r.recent_events
           || ' 件，周均 ' || round(r.recent_weekly, 1) || '（基线 ' || round(r.baseline_weekly, 1) || '）'
           AS item,
       p.grid_code AS ref,
       p.community_code,
       coalesce(cm.name, p.community_code) AS responsible,
       CAST(NULL AS TIMESTAMP) AS due_at,
       CAST(NULL AS INTEGER) AS days_overdue,
       p.name AS grid_name, cm.name AS community_name, r.recent_events, r.baseline_events,
       r.recent_weekly, r.baseline_weekly,
       CASE WHEN r.baseline_weekly > 0 THEN r.recent_weekly / r.baseline_weekly END AS ratio,
       r.top_category
FROM rated r
JOIN ({{places}}) p USING (grid_code)
LEFT JOIN community cm ON cm.community_code = p.community_code
WHERE r.recent_events >= $hotspot_min_events
  AND r.recent_weekly > (1 + $hotspot_margin) * r.baseline_weekly
ORDER BY r.recent_weekly - r.baseline_weekly DESC, ref;

-- name: latest_events
-- grain: one row per event of grid $grid_code (if it is in scope) reported by $as_of, newest first,
-- at most $limit rows
SELECT e.event_code, e.reported_at, e.category_code, e.category_name, e.source, e.description, e.status,
       e.deadline_class, e.deadline_at, e.closed_at, e.reopened_count, e.lon, e.lat
FROM grid_event e
JOIN ({{places}}) p USING (grid_code)
WHERE e.grid_code = $grid_code AND e.reported_at <= $as_of
ORDER BY e.reported_at DESC, e.event_code
LIMIT $limit;

-- The map (网格热力): outlines of the places in scope and tickets/events binned to small cells, so a
-- page sends the browser a few thousand weighted points however many rows the period holds.

-- name: grid_shapes
-- grain: one row per grid within $communities / $grids that has a polygon (GeoJSON text, WGS-84)
SELECT g.grid_code, g.name, g.community_code, c.name AS community_name, g.households, g.polygon
FROM grid g
LEFT JOIN community c USING (community_code)
WHERE g.polygon IS NOT NULL
  AND (len($communities) = 0 OR list_contains($communities, g.community_code))
  AND (len($grids) = 0 OR list_contains($grids, g.grid_code))
ORDER BY g.grid_code;

-- name: community_shapes
-- grain: one row per community within $communities that has a polygon
SELECT community_code, name, polygon
FROM community
WHERE polygon IS NOT NULL AND (len($communities) = 0 OR list_contains($communities, community_code))
ORDER BY community_code;

-- name: street_shapes
-- grain: one row per street that holds a grid within $communities / $grids and has a polygon
SELECT street_code, name, polygon
FROM street
WHERE polygon IS NOT NULL AND street_code IN (SELECT street_code FROM ({{places}}))
ORDER BY street_code;

-- Hexagon binning: points are projected to metres on a plane through the grids' mean latitude
-- (x = lon · $metres_per_degree · cos(lat₀), y = lat · $metres_per_degree) and assigned to the nearest
-- centre of a pointy-top hexagon lattice of side $hex_m: the centres form two rectangular lattices of
-- spacing w = √3·$hex_m by h = 3·$hex_m, the second shifted by (w/2, h/2), and the nearer of the two
-- candidates is the hexagon's centre. A cell is keyed by its centre in half-spacings (ci, cj), so
-- equal cells group exactly; the centre goes back to lon/lat the same way.

-- name: hex_frame
-- grain: one row: the projection of the hexagon lattice (metres per degree of lon and lat, w, h)
SELECT $metres_per_degree * cos(radians(coalesce(avg(centroid_lat), 0))) AS mx,
       CAST($metres_per_degree AS DOUBLE) AS my,
       sqrt(3) * $hex_m AS w,
       3 * $hex_m AS h
FROM grid;

-- name: hex_points
-- grain: one row per point of $source ('tickets' or 'events') in the period and scope: lon, lat
SELECT lon, lat FROM ({{ticket_points}}) WHERE $source = 'tickets'
UNION ALL
SELECT lon, lat FROM ({{event_points}}) WHERE $source = 'events';

-- name: hex_bins
-- grain: one row per hexagon holding at least one point of hex_points: centre lon, lat, weight
WITH frame AS ({{hex_frame}}),
projected AS (
    SELECT p.lon * f.mx / f.w AS u, p.lat * f.my / f.h AS v FROM ({{hex_points}}) p, frame f
),
nearest AS (
    SELECT CASE WHEN (u - round(u)) ^ 2 * 3 + (v - round(v)) ^ 2 * 9
                     <= (u - floor(u) - 0.5) ^ 2 * 3 + (v - floor(v) - 0.5) ^ 2 * 9
                THEN 2 * round(u) ELSE 2 * floor(u) + 1 END AS ci,
           CASE WHEN (u - round(u)) ^ 2 * 3 + (v - round(v)) ^ 2 * 9
                     <= (u - floor(u) - 0.5) ^ 2 * 3 + (v - floor(v) - 0.5) ^ 2 * 9
                THEN 2 * round(v) ELSE 2 * floor(v) + 1 END AS cj
    FROM projected
)
SELECT n.ci * f.w / 2 / f.mx AS lon, n.cj * f.h / 2 / f.my AS lat, count(*) AS weight
FROM nearest n, frame f
GROUP BY n.ci, n.cj, f.w, f.h, f.mx, f.my
ORDER BY lon, lat;

-- name: ticket_points
-- grain: one row per hotline ticket with coordinates received in [$start, $end) by $as_of in the
-- communities / grids in scope: lon, lat
SELECT lon, lat
FROM hotline_ticket
WHERE received_at >= $start AND received_at < $end AND received_at <= $as_of
  AND lon IS NOT NULL AND lat IS NOT NULL
  AND (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code));

-- name: event_points
-- grain: one row per grid event with coordinates reported in [$start, $end) by $as_of in the grids
-- in scope: lon, lat
SELECT e.lon, e.lat
FROM grid_event e
JOIN ({{places}}) p USING (grid_code)
WHERE e.reported_at >= $start AND e.reported_at < $end AND e.reported_at <= $as_of
  AND e.lon IS NOT NULL AND e.lat IS NOT NULL;
