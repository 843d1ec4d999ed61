/**
 * Planners' tools (issue 10 §1): setback conflicts with the widening lines across the city, and
 * versioned street plans with their what-if and adoption.
 */
export { conflictReport, conflictFile, listDistricts, type ConflictFile, type ConflictReportWithGeometry } from './conflicts.service';
export { adoptStreetPlan, draftStreetPlan, mayPlan, planImpact, requirePlannerForApi, streetPlans, PLANNING_ROLES } from './street-plans.service';
export { acquisitionCost, ACQUISITION_USE_CLASS } from './acquisition-cost.repository';
