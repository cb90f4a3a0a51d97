-- 12345 hotline (DOMAIN.md §5). Parameters: $start/$end (half-open period), $communities/$grids/
-- $categories (一级分类; empty = all), $as_of (the moment things are judged at: a timestamp after it
-- has not happened yet), and the [params] of config/hotline.toml.
--
-- Definitions shared by every query (ticket_facts):
--   closed         closed_at <= $as_of. A ticket now 已退回 (returned to the centre as not ours) is
--                  neither due nor in the backlog. 已办结/已回访 without a closing time is not open,
--                  but not "closed in the period" either (it has no date).
--   response due   the $response_workdays-th working day after dispatch (receipt when the export has
--                  no dispatch time), same clock time; 紧急: $urgent_response_hours hours after.
--   close due      办结时限 (deadline_at) when the export gives it; otherwise the N-th working day after
--                  the day of receipt, same clock time, N by appeal type from [params.close_workdays]
--                  ($default_close_workdays when missing, $extension_workdays while 延期中); 紧急:
--                  $urgent_close_hours hours after receipt; $no_deadline_types are never due.
--                  Working days come from work_calendar (holidays and 调休 weekends).
--   due in period  the deadline falls in [$start, $end) and not after $as_of — a deadline still ahead
--                  at $as_of is not judged yet. Due tickets closed after their deadline or still open
--                  count against 按期办结率: the denominator is "due", never "closed".
--   responded      signed (签收时间; without one, the first recorded contact, reply or closing) and
--                  contacted (联系时间; an export with only the 是否联系 flag counts the flag) no later
--                  than the response deadline.
--   visited        a 回访 is recorded (回访时间, 是否解决 or a 满意度 other than 未评价); judged at the
--                  visit time, else the closing time.

-- name: ticket_facts
-- grain: one row per ticket within $communities/$grids/$categories that a measure of [$start, $end)
-- at $as_of looks at: received by $as_of and either recent enough for a computed deadline to reach the
-- period (from the working day that many working days before $start, the longest time limit
-- being $extension_workdays), touched in the period, or still open. Columns: the ticket (personal
-- data masked), its deadlines, and one boolean per numerator (n_<metric>) and denominator
-- (d_<metric>) of every hotline metric.
WITH look_back AS (
    SELECT coalesce(min(day), $start - INTERVAL 45 DAY) AS since  -- 45 days when the calendar is empty
    FROM work_calendar
    WHERE is_workday
      AND workday_index >= (SELECT max(workday_index) FROM work_calendar WHERE day < $start) + 1
                           - greatest($extension_workdays, list_max($close_workdays_values), $response_workdays)
),
scoped AS (
    SELECT {by} AS key, ticket_id, street_code, community_code, grid_code, department, appeal_type,
           urgency, category_l1, category_l2, title, address, status, received_at, dispatched_at,
           signed_at, contacted_at, replied_at, closed_at, visited_at, deadline_at, returned_count,
           reopened_count, is_contacted, is_resolved, satisfaction, citizen_masked, phone_masked
    FROM hotline_ticket, look_back
    WHERE received_at <= $as_of
      AND (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
      AND (len($categories) = 0 OR list_contains($categories, category_l1))
      AND (received_at >= look_back.since OR dispatched_at >= look_back.since
           OR deadline_at >= $start OR closed_at >= $start OR visited_at >= $start
           OR closed_at IS NULL OR closed_at > $as_of)
),
limits AS (
    SELECT s.*,
           coalesce(s.dispatched_at, s.received_at) AS response_clock,
           CASE
               WHEN list_contains($no_deadline_types, s.appeal_type) THEN NULL
               WHEN s.status = '延期中' THEN $extension_workdays
               ELSE coalesce($close_workdays_values[list_position($close_workdays_keys, s.appeal_type)],
                             $default_close_workdays)
           END AS close_workdays,
           s.urgency = '紧急' AND s.status IS DISTINCT FROM '延期中' AS is_urgent
    FROM scoped s
),
deadlines AS (
    SELECT l.*,
           CASE WHEN l.urgency = '紧急' THEN l.response_clock + to_hours($urgent_response_hours)
                ELSE response_day.day + CAST(l.response_clock AS TIME)
           END AS response_due_at,
           CASE WHEN l.deadline_at IS NOT NULL THEN l.deadline_at
                WHEN l.close_workdays IS NULL THEN NULL
                WHEN l.is_urgent THEN l.received_at + to_hours($urgent_close_hours)
                ELSE close_day.day + CAST(l.received_at AS TIME)
           END AS close_due_at
    FROM limits l
    LEFT JOIN work_calendar response_from ON response_from.day = CAST(l.response_clock AS DATE)
    LEFT JOIN work_calendar response_day
           ON response_day.is_workday
          AND response_day.workday_index = response_from.workday_index + $response_workdays
    LEFT JOIN work_calendar close_from ON close_from.day = CAST(l.received_at AS DATE)
    LEFT JOIN work_calendar close_day
           ON close_day.is_workday AND close_day.workday_index = close_from.workday_index + l.close_workdays
),
states AS (
    SELECT d.*,
           coalesce(d.closed_at <= $as_of, false) AS is_closed,
           coalesce(d.closed_at >= $start AND d.closed_at < $end AND d.closed_at <= $as_of, false)
               AS is_closed_in_period,
           d.status IS NOT DISTINCT FROM '已退回' AS is_returned_now,
           d.visited_at IS NOT NULL OR d.is_resolved IS NOT NULL
               OR coalesce(d.satisfaction IN ('满意', '基本满意', '不满意'), false) AS has_visit,
           coalesce(d.visited_at, d.closed_at) AS judged_at,
           coalesce(d.signed_at, least(d.contacted_at, d.replied_at, d.closed_at)) AS signed_moment,
           date_diff('second', d.received_at, d.closed_at) / 3600.0 AS close_hours
    FROM deadlines d
    -- now that deadlines are known, drop the look-back rows nothing of the period concerns
    WHERE greatest(d.received_at, d.dispatched_at, d.response_due_at, d.close_due_at, d.closed_at, d.visited_at)
              >= $start
       OR d.closed_at IS NULL OR d.closed_at > $as_of
),
judged AS (
    SELECT s.*,
           NOT s.is_closed AND NOT s.is_returned_now
               AND NOT (s.closed_at IS NULL AND coalesce(s.status IN ('已办结', '已回访'), false)) AS is_open,
           coalesce(s.response_due_at >= $start AND s.response_due_at < $end AND s.response_due_at <= $as_of
                    AND s.status IS DISTINCT FROM '待派单', false)
               AND NOT s.is_returned_now AS is_response_due,
           coalesce(s.close_due_at >= $start AND s.close_due_at < $end AND s.close_due_at <= $as_of, false)
               AND NOT s.is_returned_now AS is_close_due,
           s.has_visit AND coalesce(s.judged_at >= $start AND s.judged_at < $end AND s.judged_at <= $as_of,
                                    false) AS is_visited_in_period,
           coalesce(coalesce(s.dispatched_at, s.received_at) >= $start
                    AND coalesce(s.dispatched_at, s.received_at) < $end
                    AND s.status IS DISTINCT FROM '待派单', false) AS is_dispatched_in_period
    FROM states s
)
SELECT key, ticket_id, community_code, grid_code, department, appeal_type, urgency, category_l1,
       category_l2, title, address, status, received_at, dispatched_at, signed_at, contacted_at,
       closed_at, visited_at, response_due_at, close_due_at, returned_count, reopened_count,
       is_contacted, is_resolved, satisfaction, citizen_masked, phone_masked, close_hours,
       is_open, is_closed,
       received_at >= $start AND received_at < $end AS n_tickets,
       is_response_due AS d_response_rate,
       is_response_due AND coalesce(signed_moment <= response_due_at, false)
           AND coalesce(contacted_at <= response_due_at, contacted_at IS NULL AND is_contacted, false)
           AS n_response_rate,
       is_visited_in_period AS d_resolution_rate,
       is_visited_in_period AND coalesce(is_resolved, false) AS n_resolution_rate,
       is_visited_in_period AND coalesce(satisfaction IN ('满意', '基本满意', '不满意'), false)
           AS d_satisfaction_rate,
       is_visited_in_period AND coalesce(satisfaction IN ('满意', '基本满意'), false) AS n_satisfaction_rate,
       is_visited_in_period AND coalesce(satisfaction IN ('满意', '基本满意', '不满意'), false)
           AS d_dissatisfaction_rate,
       is_visited_in_period AND coalesce(satisfaction = '不满意', false) AS n_dissatisfaction_rate,
       is_close_due AS d_on_time_close_rate,
       is_close_due AND coalesce(closed_at <= close_due_at, false) AS n_on_time_close_rate,
       is_dispatched_in_period AS d_return_rate,
       is_dispatched_in_period AND (coalesce(returned_count, 0) > 0 OR is_returned_now) AS n_return_rate,
       is_closed_in_period AS d_reopen_rate,
       is_closed_in_period AND coalesce(reopened_count, 0) > 0 AS n_reopen_rate,
       is_closed_in_period AS d_visit_rate,
       is_closed_in_period AND has_visit AND coalesce(judged_at <= $as_of, false) AS n_visit_rate,
       is_open AS n_backlog,
       is_open AND coalesce(close_due_at < $as_of, false) AS n_overdue_open,
       is_closed_in_period AS d_close_hours_median,
       is_closed_in_period AS d_close_hours_p90
FROM judged;

-- name: summary
-- grain: one row per {by} key: n_<metric> and d_<metric> of every hotline metric, from ticket_facts;
-- the 三率 score (points of 100) only where all three of its rates have a denominator.
WITH facts AS ({{ticket_facts}}),
counted AS (
    SELECT key,
           count_if(n_tickets) AS n_tickets,
           count_if(n_response_rate) AS n_response_rate,
           count_if(d_response_rate) AS d_response_rate,
           count_if(n_resolution_rate) AS n_resolution_rate,
           count_if(d_resolution_rate) AS d_resolution_rate,
           count_if(n_satisfaction_rate) AS n_satisfaction_rate,
           count_if(d_satisfaction_rate) AS d_satisfaction_rate,
           count_if(n_dissatisfaction_rate) AS n_dissatisfaction_rate,
           count_if(d_dissatisfaction_rate) AS d_dissatisfaction_rate,
           count_if(n_on_time_close_rate) AS n_on_time_close_rate,
           count_if(d_on_time_close_rate) AS d_on_time_close_rate,
           count_if(n_return_rate) AS n_return_rate,
           count_if(d_return_rate) AS d_return_rate,
           count_if(n_reopen_rate) AS n_reopen_rate,
           count_if(d_reopen_rate) AS d_reopen_rate,
           count_if(n_visit_rate) AS n_visit_rate,
           count_if(d_visit_rate) AS d_visit_rate,
           count_if(n_backlog) AS n_backlog,
           count_if(n_overdue_open) AS n_overdue_open,
           quantile_cont(close_hours, [0.5, 0.9]) FILTER (WHERE d_close_hours_median) AS close_hours_quantiles,
           count_if(d_close_hours_median) AS d_close_hours_median,
           count_if(d_close_hours_p90) AS d_close_hours_p90
    FROM facts
    GROUP BY key
)
SELECT * EXCLUDE (close_hours_quantiles),
       close_hours_quantiles[1] AS n_close_hours_median,
       close_hours_quantiles[2] AS n_close_hours_p90,
       CASE WHEN d_response_rate > 0 AND d_resolution_rate > 0 AND d_satisfaction_rate > 0 THEN
           100.0 * ($weight_response * n_response_rate / d_response_rate
                    + $weight_resolution * n_resolution_rate / d_resolution_rate
                    + $weight_satisfaction * n_satisfaction_rate / d_satisfaction_rate)
           / ($weight_response + $weight_resolution + $weight_satisfaction)
       END AS n_three_rate_score
FROM counted;

-- name: overdue
-- grain: one row per ticket open past its deadline at $as_of (whenever it fell due), or due in
-- [$start, $end) and closed after its deadline. days_overdue: whole days begun past the deadline,
-- up to $as_of (open) or the closing time (closed late). Needs-action columns first.
WITH facts AS ({{ticket_facts}})
SELECT CASE WHEN f.is_open THEN '12345工单超期未办结：' ELSE '12345工单超期办结：' END
           || coalesce(f.category_l2, f.category_l1, f.appeal_type, '未分类') AS item,
       f.ticket_id AS ref,
       f.community_code,
       coalesce(f.department, c.name, f.community_code) AS responsible,
       f.close_due_at AS due_at,
       CAST(ceil(date_diff('second', f.close_due_at, CASE WHEN f.is_open THEN $as_of ELSE f.closed_at END)
                 / 86400.0) AS INTEGER) AS days_overdue,
       CASE WHEN f.is_open THEN '超期未办结' ELSE '超期办结' END AS state,
       c.name AS community_name, f.grid_code, f.department, f.received_at, f.appeal_type, f.category_l1,
       f.category_l2, f.title, f.status, f.closed_at, f.address
FROM facts f
LEFT JOIN community c ON c.community_code = f.community_code
WHERE f.n_overdue_open OR (f.d_on_time_close_rate AND f.is_closed AND NOT f.n_on_time_close_rate)
ORDER BY f.is_open DESC, days_overdue DESC, ref;

-- name: close_hours_histogram
-- grain: one row per bin of hours from receipt to closing ($close_hours_bins upper bounds, the last
-- bin open-ended), for tickets closed in [$start, $end) by $as_of; empty bins included.
WITH facts AS ({{ticket_facts}}),
bounds AS (
    SELECT generate_subscripts($close_hours_bins, 1) AS bin, unnest($close_hours_bins) AS upper_h
),
bins AS (
    SELECT bin, coalesce(lag(upper_h) OVER (ORDER BY bin), 0) AS lower_h, upper_h FROM bounds
    UNION ALL
    SELECT len($close_hours_bins) + 1, $close_hours_bins[-1], NULL
),
counted AS (
    SELECT b.bin, count(f.close_hours) AS tickets
    FROM bins b
    LEFT JOIN facts f
           ON f.d_close_hours_median AND f.close_hours >= b.lower_h
          AND (b.upper_h IS NULL OR f.close_hours < b.upper_h)
    GROUP BY b.bin
)
SELECT b.bin, b.lower_h, b.upper_h, c.tickets,
       CASE WHEN sum(c.tickets) OVER () > 0 THEN c.tickets / sum(c.tickets) OVER () END AS share
FROM bins b JOIN counted c USING (bin)
ORDER BY b.bin;

-- name: repeat_complaints
-- grain: one row per (address, category) with a repeat received in [$start, $end): a ticket whose
-- address (spaces ignored) and category (二级, else 一级) match another ticket received at most
-- $repeat_window_days days before it. Appeal types $repeat_appeal_types (and tickets without a type).
-- Needs-action columns first; ref, due_at and days_overdue are those of the latest ticket.
WITH candidates AS (
    SELECT ticket_id, address, community_code, department, received_at,
           regexp_replace(lower(address), '\s+', '', 'g') AS address_key,
           coalesce(category_l2, category_l1) AS category
    FROM hotline_ticket
    WHERE received_at >= $start - to_days($repeat_window_days) AND received_at < $end
      AND received_at <= $as_of
      AND (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
      AND (len($categories) = 0 OR list_contains($categories, category_l1))
      AND address IS NOT NULL AND coalesce(category_l2, category_l1) IS NOT NULL
      AND (appeal_type IS NULL OR list_contains($repeat_appeal_types, appeal_type))
),
chained AS (
    SELECT *,
           coalesce(received_at - lag(received_at) OVER chain <= to_days($repeat_window_days), false)
               AS is_repeat
    FROM candidates
    WINDOW chain AS (PARTITION BY address_key, category ORDER BY received_at, ticket_id)
),
grouped AS (
    SELECT address_key, category,
           arg_max(address, received_at) AS address,
           count(*) FILTER (WHERE is_repeat AND received_at >= $start) AS repeats,
           count(*) AS tickets,
           min(received_at) AS first_at,
           max(received_at) AS last_at,
           list(ticket_id ORDER BY received_at, ticket_id) AS ticket_ids,
           arg_max(ticket_id, received_at) AS latest_ticket,
           arg_max(community_code, received_at) AS community_code,
           arg_max(department, received_at) AS department
    FROM chained
    GROUP BY address_key, category
    HAVING count(*) FILTER (WHERE is_repeat AND received_at >= $start) > 0
),
facts AS ({{ticket_facts}})
SELECT '重复诉求：' || g.address || ' · ' || g.category || '（' || g.tickets || '件）' AS item,
       g.latest_ticket AS ref,
       g.community_code,
       coalesce(g.department, c.name, g.community_code) AS responsible,
       f.close_due_at AS due_at,
       CASE WHEN f.is_open AND f.close_due_at < $as_of THEN
           CAST(ceil(date_diff('second', f.close_due_at, $as_of) / 86400.0) AS INTEGER) END AS days_overdue,
       g.address, g.category, g.tickets, g.repeats, g.first_at, g.last_at, g.ticket_ids,
       c.name AS community_name
FROM grouped g
LEFT JOIN facts f ON f.ticket_id = g.latest_ticket
LEFT JOIN community c ON c.community_code = g.community_code
ORDER BY g.tickets DESC, g.last_at DESC, ref;

-- name: top_categories
-- grain: one row per {by} category (NULL = 未分类) with tickets received in [$start, $end), in the
-- period before ([$prev_start, $prev_end)) and a year before ([$year_start, $year_end)), each by its
-- own as_of; the $top_n largest of the period, with share of the period's total and 环比/同比 change
-- (NULL where the earlier count is 0).
WITH received AS (
    SELECT coalesce({by}, '未分类') AS category, received_at
    FROM hotline_ticket
    WHERE (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
      AND (len($categories) = 0 OR list_contains($categories, category_l1))
      AND ((received_at >= $start AND received_at < $end AND received_at <= $as_of)
           OR (received_at >= $prev_start AND received_at < $prev_end AND received_at <= $prev_as_of)
           OR (received_at >= $year_start AND received_at < $year_end AND received_at <= $year_as_of))
),
counted AS (
    SELECT category AS key,
           count(*) FILTER (WHERE received_at >= $start AND received_at < $end) AS tickets,
           count(*) FILTER (WHERE received_at >= $prev_start AND received_at < $prev_end) AS previous,
           count(*) FILTER (WHERE received_at >= $year_start AND received_at < $year_end) AS year_ago
    FROM received
    GROUP BY category
)
SELECT key, tickets, previous, year_ago,
       tickets / sum(tickets) OVER () AS share,
       CASE WHEN previous > 0 THEN (tickets - previous) / previous END AS change_mom,
       CASE WHEN year_ago > 0 THEN (tickets - year_ago) / year_ago END AS change_yoy
FROM counted
QUALIFY tickets > 0
ORDER BY tickets DESC, key
LIMIT $top_n;

-- name: categories
-- grain: one row per 一级分类 (category_l1) of the tickets within $communities, any month (so a
-- chosen category stays a choice when the month changes), most tickets first. Tickets without a
-- category are counted under "all categories" only.
SELECT category_l1 AS category, count(*) AS tickets
FROM hotline_ticket
WHERE category_l1 IS NOT NULL
  AND (len($communities) = 0 OR list_contains($communities, community_code))
GROUP BY category_l1
ORDER BY tickets DESC, category;
