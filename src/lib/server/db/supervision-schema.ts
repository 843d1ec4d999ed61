import type { ColumnType, Generated } from 'kysely';
import type { Geometry } from './schema';

/** Tables of migrations/0085_supervision.sql (part of `DB` in ./schema.ts): engineers, assignments, stage reports. */

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type EngineerGrade = 'grade3' | 'grade2' | 'grade1' | 'senior';
export type SupervisionStageId = 'demolition' | 'excavation' | 'foundation' | 'skeleton' | 'rough_construction' | 'finishing' | 'facade' | 'completion';
export type ViolationKind = 'extra_floor' | 'extra_area' | 'missing_parking' | 'beyond_widening_line' | 'other';

export interface SupervisingEngineers {
	id: Generated<number>;
	user_id: number;
	licence_no: string;
	grade: EngineerGrade;
	yearly_area_quota_m2: number | null;
	yearly_work_quota: number | null;
	max_work_area_m2: number | null;
	active: ColumnType<boolean, boolean | undefined, boolean>;
	last_assignment_id: number | null;
	created_at: CreatedAt;
}

export interface SupervisionAssignments {
	id: Generated<number>;
	permit_case_id: number;
	parcel_id: number;
	district_id: number | null;
	engineer_id: number;
	quota_year: number;
	floor_area_m2: number;
	assigned_at: CreatedAt;
	assigned_by: number | null;
	reason: string | null;
	ended_at: NullableTime;
	end_reason: string | null;
}

/** Append-only: the database refuses UPDATE and DELETE. */
export interface SupervisionReports {
	id: Generated<number>;
	assignment_id: number;
	permit_case_id: number;
	district_id: number | null;
	engineer_id: number;
	stage: SupervisionStageId;
	reported_on: ColumnType<string, string, never>;
	body: string;
	progress_pct: number;
	location: Geometry;
	violation: boolean;
	violation_kind: ViolationKind | null;
	violation_text: string | null;
	measured_excess: number | null;
	violation_case_id: number | null;
	created_at: CreatedAt;
}

export interface SupervisionReportPhotos {
	report_id: number;
	document_id: number;
}

export interface SupervisionTables {
	supervising_engineers: SupervisingEngineers;
	supervision_assignments: SupervisionAssignments;
	supervision_reports: SupervisionReports;
	supervision_report_photos: SupervisionReportPhotos;
}
