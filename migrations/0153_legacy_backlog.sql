-- The council dashboard's backlog of cases imported from the previous system (dashboard.repository.ts,
-- importedBacklog). Open now per district: counting them live joins every open imported case to its
-- parcel (31,800 of them in the 1M city: ~130 ms), so the count is kept with the other dashboard facts,
-- rebuilt when older than PELAK_DASHBOARD_MAX_AGE_S (refresh.ts). Closed by an officer in the period:
-- read live from the `legacy_closed` events (legacy-cases.service.ts) by a partial index holding only
-- those, by time, instead of scanning every case's timeline.
CREATE MATERIALIZED VIEW dashboard_legacy_open AS
SELECT p.district_id,
       count(*)::int AS open,
       min((c.opened_at AT TIME ZONE 'Asia/Tehran')::date) AS oldest_opened_on
FROM cases c
JOIN parcels p ON p.id = c.parcel_id
WHERE c.request_type IS NULL AND c.status = 'open'
GROUP BY p.district_id;
CREATE UNIQUE INDEX dashboard_legacy_open_district_idx ON dashboard_legacy_open (district_id);

CREATE INDEX case_events_legacy_closed_idx ON case_events (at) WHERE action = 'legacy_closed';
