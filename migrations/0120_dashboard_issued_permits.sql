-- Council dashboards count the permits the workflow issues (issue 10 §2). Until now the permit
-- figures read only the buildings layer's permit numbers (imported records and the sample
-- history); a building permit issued through the permit stages is an issued document of kind
-- building_permit and writes no buildings row, so it was never counted.
--
-- dashboard_permits (a plain view) is every building permit on record, once:
--  * issued by Pelak: issued_documents of kind building_permit that stand (valid or suspended; a
--    revoked one no longer permits anything, a superseded one is counted as its replacement), in the
--    case's district (else the parcel's), on its issue date, with the total floor area of the
--    proposal it was issued from (the case's latest proposal: the permit stage issues from it and
--    takes no proposal after; its floors' area_m2 summed, Persian digits and separators read);
--  * on the parcels' record: buildings rows with a permit number (dated or not) that is not the number of
--    a permit Pelak issued (imported from the municipality's archive, or the sample history).
-- The materialised facts (dated permits) and the capacity's permitted-to-date (every permit) read it.

CREATE VIEW dashboard_permits AS
SELECT 'issued'::text AS source, d.id AS source_id, coalesce(c.district_id, p.district_id) AS district_id,
       d.issued_on AS permit_date, pr.floor_area_m2
FROM issued_documents d
LEFT JOIN cases c ON c.id = d.case_id
LEFT JOIN parcels p ON p.id = d.parcel_id
LEFT JOIN LATERAL (
  SELECT (SELECT sum(CASE
                       WHEN jsonb_typeof(f.value -> 'area_m2') = 'number' THEN (f.value ->> 'area_m2')::float8
                       WHEN translate(f.value ->> 'area_m2', '۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬, ', '01234567890123456789.')
                            ~ '^[0-9]+(\.[0-9]+)?$'
                         THEN translate(f.value ->> 'area_m2', '۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬, ', '01234567890123456789.')::float8
                     END)
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(cp.body -> 'floors') = 'array' THEN cp.body -> 'floors' ELSE '[]'::jsonb END) f
         )::float8 AS floor_area_m2
  FROM case_proposals cp
  WHERE cp.case_id = d.case_id
  ORDER BY cp.id DESC
  LIMIT 1
) pr ON true
WHERE d.kind = 'building_permit' AND d.status IN ('valid', 'suspended')
UNION ALL
SELECT 'record'::text, b.id, p.district_id, b.permit_date, b.permitted_floor_area_m2::float8
FROM buildings b
JOIN parcels p ON p.id = b.parcel_id
WHERE b.permit_no IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM issued_documents d WHERE d.number = b.permit_no AND d.kind = 'building_permit');

DROP MATERIALIZED VIEW dashboard_permit_facts;
CREATE MATERIALIZED VIEW dashboard_permit_facts AS
SELECT source, source_id, district_id, permit_date, coalesce(floor_area_m2, 0)::float8 AS floor_area_m2
FROM dashboard_permits
WHERE district_id IS NOT NULL AND permit_date IS NOT NULL;

CREATE UNIQUE INDEX dashboard_permit_facts_source_idx ON dashboard_permit_facts (source, source_id);
CREATE INDEX dashboard_permit_facts_date_idx ON dashboard_permit_facts (permit_date, district_id);

-- The capacity as in 0100, with the floor area permitted to date from every permit on record.
DROP MATERIALIZED VIEW dashboard_district_capacity;
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
  SELECT district_id, sum(floor_area_m2)::float8 AS m2
  FROM dashboard_permits
  WHERE district_id IS NOT NULL
  GROUP BY district_id
)
SELECT capacity.*, coalesce(permitted.m2, 0)::float8 AS permitted_to_date_m2
FROM capacity LEFT JOIN permitted ON permitted.district_id = capacity.district_id;

CREATE UNIQUE INDEX dashboard_district_capacity_district_idx ON dashboard_district_capacity (district_id);

-- The planners' conflicts look up every case of the parcels a corridor cuts (open ones, and closed
-- ones for their permits and the footprints they proposed): by parcel, whatever the status
-- (cases_parcel_open_idx has only the open ones).
CREATE INDEX cases_parcel_all_idx ON cases (parcel_id);
