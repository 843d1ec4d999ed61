-- Cases imported from a city's previous system (no request type: filed before Pelak's workflows) stay
-- open on their parcel, count on the map's open-case flag and block a new request of their kind there,
-- but no workflow step holds them. The district officer now lists the open ones of their district,
-- oldest first, and closes each with its outcome (/cartable?tab=legacy; legacy-cases.service.ts).
-- A case's district is its parcel's. In the 1M city ~2,900 of a district's ~90,000 parcels have an open
-- case: the officer's list starts from those (the first index, kept by parcels.open_cases of 0060) and
-- probes their open cases (cases_parcel_open_idx); the administrator's list of every district walks the
-- open imported cases by age (the second) and stops at the page's end.
CREATE INDEX parcels_district_open_cases_idx ON parcels (district_id) WHERE open_cases > 0;
CREATE INDEX cases_legacy_open_idx ON cases (opened_at, id) WHERE request_type IS NULL AND status = 'open';
