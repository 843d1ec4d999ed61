-- The council dashboard's backlog of cases imported from the previous system: how many an officer
-- closed in the period, per district. Closing one appends a `legacy_closed` event
-- (legacy-cases.service.ts); this index holds only those, by time, so the figure reads a period's few
-- of them instead of scanning every case's timeline (millions of rows in the 1M city).
-- The open ones are counted by cases_legacy_open_idx of 0152.
CREATE INDEX case_events_legacy_closed_idx ON case_events (at) WHERE action = 'legacy_closed';
