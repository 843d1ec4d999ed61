export { checkExcavation, measureDrawing, type MeasuredDrawing } from './check.service';
export { exportWorks, getPublicWork, listWorks, recordWork, WORKS_LIST_LIMIT, type NewWork } from './works.service';
export { excavationSettings, DEFAULT_CLASH_DISTANCE_M, type ExcavationSettings } from './settings';
export { BLACKOUT_PERIODS, type BlackoutPeriod } from './blackout-calendar';
export { loadBlackoutCalendar } from './blackouts.service';
export { assertMayExportWorks, mayExportWorks } from './access';
