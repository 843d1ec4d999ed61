import type { ColumnType } from 'kysely';

/** Materialised views and the refresh log of migrations/0100_dashboard_rollups.sql (part of `DB` in ./schema.ts). */

type ReadOnly<T> = ColumnType<T, never, never>;

/** One row per workflow case: what the district figures count. */
export interface DashboardCaseFacts {
	case_id: ReadOnly<number>;
	district_id: ReadOnly<number>;
	request_type: ReadOnly<string>;
	workflow_status: ReadOnly<string>;
	decision: ReadOnly<'approved' | 'rejected' | null>;
	issued: ReadOnly<string | null>;
	holder_role: ReadOnly<string | null>;
	due_on: ReadOnly<string | null>;
	filed_on: ReadOnly<string>;
	decided_on: ReadOnly<string | null>;
	missed_deadlines: ReadOnly<number>;
}

/** The plan's density envelope per district. */
export interface DashboardDistrictCapacity {
	district_id: ReadOnly<number>;
	parcels: ReadOnly<number>;
	parcels_with_rule: ReadOnly<number>;
	capacity_floor_area_m2: ReadOnly<number>;
	permitted_to_date_m2: ReadOnly<number>;
}

/** Street works with their district (an inner point of the footprint). */
export interface DashboardWorkFacts {
	work_id: ReadOnly<number>;
	district_id: ReadOnly<number>;
	status: ReadOnly<string>;
	starts_on: ReadOnly<string>;
	ends_on: ReadOnly<string>;
}

/** Every dated building permit on record (migrations/0120): issued by Pelak, or on the parcels' record. */
export interface DashboardPermitFacts {
	source: ReadOnly<'issued' | 'record'>;
	/** issued_documents.id (issued) or buildings.id (record). */
	source_id: ReadOnly<number>;
	district_id: ReadOnly<number>;
	permit_date: ReadOnly<string>;
	floor_area_m2: ReadOnly<number>;
}

export interface DashboardFeeFacts {
	assessment_id: ReadOnly<number>;
	district_id: ReadOnly<number>;
	status: ReadOnly<string>;
	total_rial: ReadOnly<number>;
	issued_at: ReadOnly<Date>;
	paid_rial: ReadOnly<number | null>;
	paid_at: ReadOnly<Date | null>;
}

/** Per district and Tehran day, every summable figure (migrations/0150), rebuilt right after the facts. */
export interface DashboardDaily {
	district_id: ReadOnly<number>;
	day: ReadOnly<string>;
	filed: ReadOnly<number>;
	filed_missed: ReadOnly<number>;
	decided: ReadOnly<number>;
	permits: ReadOnly<number>;
	permit_m2: ReadOnly<number>;
	billed_rial: ReadOnly<number>;
	paid: ReadOnly<number>;
	paid_rial: ReadOnly<number>;
	/** Street works that count (approved, active, completed) starting / ending that day. */
	works_started: ReadOnly<number>;
	works_ended: ReadOnly<number>;
}

/** Decided cases per district, decided day and filed day (migrations/0150): the median's histogram. */
export interface DashboardDecidedPairs {
	district_id: ReadOnly<number>;
	decided_on: ReadOnly<string>;
	filed_on: ReadOnly<string>;
	n: ReadOnly<number>;
}

export interface DashboardRefreshes {
	name: string;
	refreshed_at: ColumnType<Date, Date | string, Date | string>;
	took_ms: number;
}

export interface DashboardTables {
	dashboard_case_facts: DashboardCaseFacts;
	dashboard_district_capacity: DashboardDistrictCapacity;
	dashboard_work_facts: DashboardWorkFacts;
	dashboard_permit_facts: DashboardPermitFacts;
	dashboard_fee_facts: DashboardFeeFacts;
	dashboard_refreshes: DashboardRefreshes;
	dashboard_daily: DashboardDaily;
	dashboard_decided_pairs: DashboardDecidedPairs;
}
