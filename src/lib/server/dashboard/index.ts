export { districtReport, monthlySeries, districtCases, districtGeoJson, dashboardReaders, importedBacklog, violationRequestTypes, CASES_SHOWN } from './dashboard.service';
export { dashboardCsv, dashboardXlsx, dashboardTable } from './dashboard-export';
export { refreshDashboard, ensureFresh, dashboardMaxAgeS, refreshState } from './refresh';
export { SAMPLE_HISTORY_KEY } from './dashboard.repository';
export { mayViewDashboard, requireDashboardViewer, DASHBOARD_ROLES } from './access';
