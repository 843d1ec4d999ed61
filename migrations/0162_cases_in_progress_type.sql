-- The dashboards' live count of open violations (dashboard.repository's openCasesOfTypes, in every figures request):
-- the cases in progress of the violation types, per district. Through cases_cartable_idx it read every case in
-- progress and filtered them by type (the 1M bench city: 10,841 cases, 1,368 pages, 27 ms to find none); by type and
-- district here, it reads only the violation cases (an index-only scan when they are few).
CREATE INDEX cases_in_progress_type_idx ON cases (request_type, district_id) WHERE workflow_status = 'in_progress';
