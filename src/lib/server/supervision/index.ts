/**
 * Supervision of building works (issue 8, §7): the supervising engineer assigned to each issued
 * permit by rotation within quota, their stage reports, and the violation cases those open.
 */
export { assignSupervisingEngineer, reassignSupervisingEngineer, addSupervisingEngineer, quotaYearAt, type AssignOptions, type ReassignInput } from './assignment.service';
export { fileSupervisionReport, REPORT_MAX_PHOTOS, REPORT_PHOTO_MAX_BYTES, REPORT_POINT_TOLERANCE_M, type FiledReport, type SupervisionReportInput } from './report.service';
export { supervisionErrors } from './errors';
export type { AssignmentRow } from './assignments.repository';
export { supervisionPage, readReportPhoto, type SupervisionPage, type WorkView, type ReportView } from './page.service';
export { seedSampleSupervision } from './sample';
