-- Council dashboards (issue 10 §2): per-case facts and per-district plan capacity, kept as
-- materialised views so every dashboard request aggregates a narrow, indexed table instead of
-- walking cases, their audit log and every parcel. They are refreshed by the dashboard service
-- (src/lib/server/dashboard/) when older than PELAK_DASHBOARD_MAX_AGE_S, after the sample city
-- loads, and on demand; dashboard_refreshes says when, so every page shows how fresh it is.

-- One row per workflow case. missed_deadlines counts the steps the municipality or an agency held
-- that ended after their last day (the next audit entry's Tehran date is past the due day set on
-- entering the step). Steps the applicant holds — the request types' applicant steps (filing,
-- drawings_submission, payment) and every wait on the applicant (a return, a document request) —
-- are the applicant's clock, not the city's, and are left out. dashboard/facts.test.ts checks the
-- list against the workflow definitions.
CREATE MATERIALIZED VIEW dashboard_case_facts AS
SELECT c.id AS case_id,
       c.district_id,
       c.request_type,
       c.workflow_status,
       c.decision,
       c.issued,
       c.holder_role,
       c.due_on,
       (c.opened_at AT TIME ZONE 'Asia/Tehran')::date AS filed_on,
       CASE WHEN c.decision IS NOT NULL THEN (c.closed_at AT TIME ZONE 'Asia/Tehran')::date END AS decided_on,
       coalesce(late.missed, 0) AS missed_deadlines
FROM cases c
LEFT JOIN LATERAL (
  SELECT count(*)::int AS missed
  FROM (
    SELECT e.due_on, e.to_step, e.action, lead(e.at) OVER (ORDER BY e.id) AS next_at
    FROM case_events e
    WHERE e.case_id = c.id
  ) s
  WHERE s.due_on IS NOT NULL AND s.next_at IS NOT NULL
    AND (s.next_at AT TIME ZONE 'Asia/Tehran')::date > s.due_on
    AND coalesce(s.to_step, '') NOT IN ('filing', 'drawings_submission', 'payment')
    AND s.action NOT IN ('return_to_applicant', 'request_document')
) late ON true
WHERE c.request_type IS NOT NULL AND c.district_id IS NOT NULL;

CREATE UNIQUE INDEX dashboard_case_facts_case_idx ON dashboard_case_facts (case_id);
CREATE INDEX dashboard_case_facts_filed_idx ON dashboard_case_facts (filed_on, district_id);
CREATE INDEX dashboard_case_facts_decided_idx ON dashboard_case_facts (decided_on, district_id) WHERE decided_on IS NOT NULL;

-- Floor area the detailed plan allows per district, by its density rule: Σ parcel area × density %
-- of the zone under the parcel's inner point, from the rule book in force (the legacy zone columns
-- when there is none). The parcel panel's capacity also caps floors, height and overlays and takes
-- the widening setback off; this district total is the plan's density envelope.
CREATE MATERIALIZED VIEW dashboard_district_capacity AS
WITH capacity AS (
  SELECT p.district_id,
         count(*)::int AS parcels,
         count(r.density_pct)::int AS parcels_with_rule,
         coalesce(sum(p.area_m2 * r.density_pct / 100), 0)::float8 AS capacity_floor_area_m2
  FROM parcels p
  LEFT JOIN LATERAL (
    SELECT z.code, z.density_pct FROM zoning_zones z
    WHERE ST_Intersects(z.geom, ST_PointOnSurface(p.geom))
    ORDER BY z.id LIMIT 1
  ) z ON true
  -- the book in force (pelak_rule_book_in_force() inlined: PostgreSQL 17+ refreshes a view with
  -- search_path = pg_catalog, so a SQL function naming tables unqualified would not find them)
  LEFT JOIN LATERAL (
    SELECT id AS book_id FROM rule_books
    WHERE effective_from <= (now() AT TIME ZONE 'Asia/Tehran')::date
    ORDER BY effective_from DESC, id DESC LIMIT 1
  ) book ON true
  LEFT JOIN LATERAL (
    SELECT CASE WHEN book.book_id IS NULL THEN z.density_pct
                ELSE (SELECT zr.density_pct FROM zone_rules zr
                      WHERE zr.book_id = book.book_id AND zr.zone_code = pelak_zone_key(z.code)) END AS density_pct
  ) r ON true
  WHERE p.district_id IS NOT NULL
  GROUP BY p.district_id
), permitted AS (
  -- every permit on the parcels' record to date, what the remaining capacity subtracts
  SELECT p.district_id, sum(b.permitted_floor_area_m2)::float8 AS m2
  FROM buildings b JOIN parcels p ON p.id = b.parcel_id
  WHERE b.permit_no IS NOT NULL AND p.district_id IS NOT NULL
  GROUP BY p.district_id
)
SELECT capacity.*, coalesce(permitted.m2, 0)::float8 AS permitted_to_date_m2
FROM capacity LEFT JOIN permitted ON permitted.district_id = capacity.district_id;

CREATE UNIQUE INDEX dashboard_district_capacity_district_idx ON dashboard_district_capacity (district_id);

-- Street works with the district under an inner point of their footprint (a point-in-polygon per
-- work is too dear per request once a city has 100,000 works); rebuilt with the case facts.
CREATE MATERIALIZED VIEW dashboard_work_facts AS
SELECT e.id AS work_id, d.id AS district_id, e.status, e.starts_on, e.ends_on
FROM excavation_works e
JOIN LATERAL (
  SELECT d.id FROM districts d WHERE ST_Intersects(d.geom, ST_PointOnSurface(e.footprint)) ORDER BY d.id LIMIT 1
) d ON true;

CREATE UNIQUE INDEX dashboard_work_facts_work_idx ON dashboard_work_facts (work_id);
CREATE INDEX dashboard_work_facts_dates_idx ON dashboard_work_facts (starts_on, ends_on);

CREATE TABLE dashboard_refreshes (
  name text PRIMARY KEY,
  refreshed_at timestamptz NOT NULL,
  took_ms integer NOT NULL CHECK (took_ms >= 0)
);

-- Permits on the parcels' record and fee bills with their payment, each with the parcel's
-- district, so a request reads them by date without joining a million parcels; rebuilt with the
-- case facts.
CREATE MATERIALIZED VIEW dashboard_permit_facts AS
SELECT b.id AS building_id, p.district_id, b.permit_date, b.permitted_floor_area_m2::float8 AS floor_area_m2
FROM buildings b JOIN parcels p ON p.id = b.parcel_id
WHERE b.permit_no IS NOT NULL AND b.permit_date IS NOT NULL AND p.district_id IS NOT NULL;

CREATE UNIQUE INDEX dashboard_permit_facts_building_idx ON dashboard_permit_facts (building_id);
CREATE INDEX dashboard_permit_facts_date_idx ON dashboard_permit_facts (permit_date, district_id);

-- At most one paid payment per bill (payments_assessment_paid_once_idx), so one row per bill.
CREATE MATERIALIZED VIEW dashboard_fee_facts AS
SELECT a.id AS assessment_id, p.district_id, a.status, a.total_rial::float8 AS total_rial, a.issued_at,
       pay.amount_rial::float8 AS paid_rial, pay.verified_at AS paid_at
FROM fee_assessments a
JOIN parcels p ON p.id = a.parcel_id
LEFT JOIN payments pay ON pay.assessment_id = a.id AND pay.status = 'paid'
WHERE p.district_id IS NOT NULL;

CREATE UNIQUE INDEX dashboard_fee_facts_assessment_idx ON dashboard_fee_facts (assessment_id);
CREATE INDEX dashboard_fee_facts_issued_idx ON dashboard_fee_facts (issued_at);
CREATE INDEX dashboard_fee_facts_paid_idx ON dashboard_fee_facts (paid_at) WHERE paid_at IS NOT NULL;
