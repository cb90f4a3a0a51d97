-- Hand-written DuckDB baselines for bench/metrics.py: for each metric family, the single pass over its
-- fact tables that a plain dashboard would run for one period — counts and sums only, without the
-- registry's rules (working-day deadlines, required meetings, quorum, member places). The ratio
-- registry ÷ baseline is what the definitions cost on top of reading the rows.
-- Parameters: $start, $end (half-open period), $communities (empty list = the whole street).

-- name: hotline
-- Grain: one row: the period's tickets and the counts behind the hotline rates
SELECT count(*) AS tickets,
       count(*) FILTER (WHERE signed_at IS NOT NULL) AS signed,
       count(*) FILTER (WHERE closed_at IS NOT NULL) AS closed,
       count(*) FILTER (WHERE closed_at <= deadline_at) AS on_time,
       count(*) FILTER (WHERE is_resolved) AS resolved,
       count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意')) AS satisfied,
       count(*) FILTER (WHERE visited_at IS NOT NULL) AS visited,
       sum(returned_count) AS returned, sum(reopened_count) AS reopened,
       median(date_diff('second', received_at, closed_at)) / 3600 AS median_hours
FROM hotline_ticket
WHERE received_at >= $start AND received_at < $end
  AND (len($communities) = 0 OR list_contains($communities, community_code));

-- name: grid
-- Grain: one row: the period's grid events, closed on time, hours to close, and patrols
SELECT (SELECT count(*) FROM grid_event AS e JOIN grid AS g USING (grid_code)
        WHERE e.reported_at >= $start AND e.reported_at < $end
          AND (len($communities) = 0 OR list_contains($communities, g.community_code))) AS events,
       (SELECT count(*) FILTER (WHERE e.closed_at <= e.deadline_at) FROM grid_event AS e JOIN grid AS g USING (grid_code)
        WHERE e.closed_at >= $start AND e.closed_at < $end
          AND (len($communities) = 0 OR list_contains($communities, g.community_code))) AS closed_on_time,
       (SELECT avg(date_diff('second', e.reported_at, e.closed_at)) FROM grid_event AS e JOIN grid AS g USING (grid_code)
        WHERE e.closed_at >= $start AND e.closed_at < $end
          AND (len($communities) = 0 OR list_contains($communities, g.community_code))) AS mean_seconds,
       (SELECT count(*) FROM patrol AS p JOIN grid AS g USING (grid_code)
        WHERE p.started_at >= $start AND p.started_at < $end
          AND (len($communities) = 0 OR list_contains($communities, g.community_code))) AS patrols;

-- name: coverage
-- Grain: one row: operating organisations with a Party organisation, volunteers, households
SELECT (SELECT count(*) FILTER (WHERE party_org_code IS NOT NULL) FROM organisation
        WHERE operating AND (len($communities) = 0 OR list_contains($communities, community_code))) AS covered,
       (SELECT count(*) FROM volunteer
        WHERE registered_on < $end AND (len($communities) = 0 OR list_contains($communities, community_code))) AS volunteers,
       (SELECT sum(households) FROM community
        WHERE len($communities) = 0 OR list_contains($communities, community_code)) AS households;

-- name: meetings
-- Grain: one row: the period's meetings with attendance, and dues paid for its months
SELECT (SELECT count(*) FROM meeting AS m JOIN party_org AS o USING (org_code)
        WHERE m.held_on >= $start AND m.held_on < $end
          AND (len($communities) = 0 OR list_contains($communities, o.community_code))) AS meetings,
       (SELECT sum(m.attendees) FROM meeting AS m JOIN party_org AS o USING (org_code)
        WHERE m.held_on >= $start AND m.held_on < $end
          AND (len($communities) = 0 OR list_contains($communities, o.community_code))) AS attendees,
       (SELECT count(*) FROM dues_payment AS d JOIN party_member AS pm USING (member_key)
        JOIN party_org AS o ON o.org_code = pm.org_code
        WHERE d.month >= $start AND d.month < $end
          AND (len($communities) = 0 OR list_contains($communities, o.community_code))) AS dues_paid;
