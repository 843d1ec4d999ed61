-- Council dashboards at a city's scale (issue 10 §3: every dashboard request p95 < 200 ms at 1M
-- parcels and 100,000 cases). A year's figures read ~100,000 fact rows per request from the views of
-- 0100/0120; this rollup holds one row per district and Tehran day with every summable figure, so a
-- year is at most 365 × districts rows (street works over a period: a running sum of the days before it). It is built from the fact views and rebuilt right after them
-- (src/lib/server/dashboard/refresh.ts), so it is exactly as fresh as they are and says so through
-- dashboard_refreshes. Tests compare every figure read from it with the same figure counted from the
-- facts (tests/integration/dashboard-rollup.test.ts).
--
-- What cannot be summed stays on the facts, through narrow indexes:
--  * overdue = cases that missed a deadline (summed here, filed_missed) + open cases that missed none
--    but whose step is past its last day today (depends on today: counted per request from the open
--    cases' partial index below);
--  * the median working days to decision: a histogram per district, decided day and filed day
--    (dashboard_decided_pairs), so a request computes the working days once per pair, sums the
--    histograms and reads the median off them.

CREATE MATERIALIZED VIEW dashboard_daily AS
SELECT district_id, day,
       sum(filed)::int AS filed,
       sum(filed_missed)::int AS filed_missed,
       sum(decided)::int AS decided,
       sum(permits)::int AS permits,
       sum(permit_m2)::float8 AS permit_m2,
       sum(billed_rial)::float8 AS billed_rial,
       sum(paid)::int AS paid,
       sum(paid_rial)::float8 AS paid_rial,
       sum(works_started)::int AS works_started,
       sum(works_ended)::int AS works_ended
FROM (
  SELECT district_id, filed_on AS day, count(*) AS filed, count(*) FILTER (WHERE missed_deadlines > 0) AS filed_missed,
         0 AS decided, 0 AS permits, 0::float8 AS permit_m2, 0::float8 AS billed_rial, 0 AS paid, 0::float8 AS paid_rial,
         0 AS works_started, 0 AS works_ended
  FROM dashboard_case_facts GROUP BY district_id, filed_on
  UNION ALL
  SELECT district_id, decided_on, 0, 0, count(*), 0, 0, 0, 0, 0, 0, 0
  FROM dashboard_case_facts WHERE decided_on IS NOT NULL GROUP BY district_id, decided_on
  UNION ALL
  SELECT district_id, permit_date, 0, 0, 0, count(*), sum(floor_area_m2), 0, 0, 0, 0, 0
  FROM dashboard_permit_facts GROUP BY district_id, permit_date
  UNION ALL
  SELECT district_id, (issued_at AT TIME ZONE 'Asia/Tehran')::date, 0, 0, 0, 0, 0, sum(total_rial), 0, 0, 0, 0
  FROM dashboard_fee_facts WHERE status IN ('open', 'paid') AND total_rial > 0 AND issued_at IS NOT NULL
  GROUP BY district_id, (issued_at AT TIME ZONE 'Asia/Tehran')::date
  UNION ALL
  SELECT district_id, (paid_at AT TIME ZONE 'Asia/Tehran')::date, 0, 0, 0, 0, 0, 0, count(*), sum(paid_rial), 0, 0
  FROM dashboard_fee_facts WHERE paid_at IS NOT NULL
  GROUP BY district_id, (paid_at AT TIME ZONE 'Asia/Tehran')::date
  UNION ALL
  -- street works that count (approved, active, completed) by first and last day: the works of a period
  -- [from, to] are those started by `to` less those ended before `from` (ends_on >= starts_on)
  SELECT district_id, starts_on, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0
  FROM dashboard_work_facts WHERE status IN ('approved', 'active', 'completed') GROUP BY district_id, starts_on
  UNION ALL
  SELECT district_id, ends_on, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*)
  FROM dashboard_work_facts WHERE status IN ('approved', 'active', 'completed') GROUP BY district_id, ends_on
) parts
WHERE day IS NOT NULL
GROUP BY district_id, day;

CREATE UNIQUE INDEX dashboard_daily_day_idx ON dashboard_daily (day, district_id);

-- Decided cases per district, decided day and filed day: the median's histogram.
CREATE MATERIALIZED VIEW dashboard_decided_pairs AS
SELECT district_id, decided_on, filed_on, count(*)::int AS n
FROM dashboard_case_facts
WHERE decided_on IS NOT NULL
GROUP BY district_id, decided_on, filed_on;

CREATE UNIQUE INDEX dashboard_decided_pairs_idx ON dashboard_decided_pairs (decided_on, district_id, filed_on);

-- The open cases that missed no deadline yet, by filing day: the overdue figure's part that depends on today.
CREATE INDEX dashboard_case_facts_open_idx ON dashboard_case_facts (filed_on)
  INCLUDE (district_id, holder_role, due_on)
  WHERE workflow_status = 'in_progress' AND missed_deadlines = 0;
