import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AgencyKind, Role } from '../workflows/roles';
import type { RuleBooks, ZoneRulesTable } from './rule-books.schema';
import type { ExcavationTables } from './schema-excavation';
import type { DashboardTables } from './dashboard-schema';
import type { PermitTables } from './permits-schema';
import type { SupervisionTables } from './supervision-schema';
import type { TrustTables } from './trust-schema';
import type { IdempotencyTables } from './idempotency-schema';

/**
 * Mirrors migrations/*.sql. Geometry columns are typed as `Geometry` (hex EWKB when read raw);
 * queries select them through the spatial helpers (ST_AsGeoJSON, ...), never raw.
 * Generated columns are read-only: `ColumnType<T, never, never>`.
 */
export type Geometry = ColumnType<string, string, string>;
type ReadOnly<T> = ColumnType<T, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PelakMigrations {
	name: string;
	checksum: string;
	applied_at: Generated<Date>;
}

export interface PelakSettings {
	key: string;
	value: string;
}

export interface Districts {
	id: Generated<number>;
	code: string;
	name_fa: string;
	name_en: string | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export interface Blocks {
	id: Generated<number>;
	code: string;
	district_id: number | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export type StreetClass = 'arterial' | 'collector' | 'local' | 'alley';

export interface Streets {
	id: Generated<number>;
	name_fa: string | null;
	name_en: string | null;
	class: ColumnType<StreetClass, StreetClass | undefined, StreetClass>;
	width_m: number | null;
	planned_width_m: number | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export interface WideningLines {
	id: Generated<number>;
	street_id: number | null;
	planned_width_m: number | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export interface WideningCorridors {
	id: Generated<number>;
	street_id: number | null;
	planned_width_m: number | null;
	geom: Geometry;
}

export interface Parcels {
	id: Generated<number>;
	renovation_code: string | null;
	registration_plate: string | null;
	plate_main: ReadOnly<string | null>;
	plate_sub: ReadOnly<string | null>;
	registry_section: string | null;
	postal_code: string | null;
	address: string | null;
	district_id: number | null;
	block_id: number | null;
	attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
	area_m2: ReadOnly<number>;
	/** Open cases on the parcel, kept by triggers on `cases` (0060); never written by the app. */
	open_cases: ReadOnly<number>;
}

/**
 * Zoning polygons: only `code` is needed. The per-zone limits are legacy (migrations/0020): read
 * only when no rule book is in force; the rules otherwise come from `zone_rules`.
 */
export interface ZoningZones {
	id: Generated<number>;
	code: string;
	land_use: ColumnType<string | null, string | null | undefined, string | null>;
	density_pct: number | null;
	occupancy_pct: number | null;
	max_floors: number | null;
	max_height_m: number | null;
	description: string | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export interface Overlays {
	id: Generated<number>;
	kind: string;
	name_fa: string;
	name_en: string | null;
	max_height_m: number | null;
	max_floors: number | null;
	rule_fa: string | null;
	rule_en: string | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

/** A zone, overlay or zone value cut into pieces of at most 255 vertices (migrations/0156; ./area-parts.ts). */
export interface ZoningZoneParts {
	zone_id: number;
	geom: Geometry;
}
export interface OverlayParts {
	overlay_id: number;
	geom: Geometry;
}
export interface ZoneValueParts {
	zone_value_id: number;
	geom: Geometry;
}

export interface Buildings {
	id: Generated<number>;
	parcel_id: number | null;
	floors: number | null;
	built_floor_area_m2: number | null;
	permitted_floor_area_m2: ColumnType<number, number | undefined, number>;
	permit_no: string | null;
	permit_date: ColumnType<string | null, string | null | undefined, string | null>;
	geom: Geometry | null;
}

/**
 * A case on a parcel. `kind` and `status` (0002) predate the workflow columns (0011) and stay on
 * purpose: cases filed before the workflow — the sample city's among them — have no request type
 * or workflow status, so `kind` is all they say about what was asked and `status` is the one
 * open/closed flag every case has. The map's parcel tiles, the parcel panel's open cases, the
 * eligibility check "no second open case of this kind" and the partial index
 * `cases_parcel_open_idx` all read `status`; the workflow writes both columns in step with
 * `request_type` / `workflow_status` (cases/case-state.ts). Retiring them needs those legacy cases
 * migrated first.
 */
export interface Cases {
	id: Generated<number>;
	parcel_id: number;
	tracking_code: string;
	/** What was asked; the request type again on workflow cases. */
	kind: string;
	/** open/closed for every case; on workflow cases, open exactly while `workflow_status` is in_progress. */
	status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
	title_fa: string;
	title_en: string | null;
	step_fa: string | null;
	step_en: string | null;
	opened_at: Timestamp;
	due_on: ColumnType<string | null, string | null | undefined, string | null>;
	closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	// workflow (migrations/0011_case_workflow.sql); null on cases filed before it
	request_type: ColumnType<string | null, string | null | undefined, string | null>;
	applicant_user_id: ColumnType<number | null, number | null | undefined, number | null>;
	applicant_type: ColumnType<'natural_person' | 'legal_person', 'natural_person' | 'legal_person' | undefined, 'natural_person' | 'legal_person'>;
	representative_user_id: ColumnType<number | null, number | null | undefined, number | null>;
	power_of_attorney_document_id: ColumnType<number | null, number | null | undefined, number | null>;
	// trust (migrations/0110_trust.sql)
	owner_verified: ColumnType<boolean, boolean | undefined, boolean>;
	poa_status: ColumnType<'pending' | 'accepted' | 'refused' | null, 'pending' | 'accepted' | 'refused' | null | undefined, 'pending' | 'accepted' | 'refused' | null>;
	poa_decided_by: ColumnType<number | null, number | null | undefined, number | null>;
	poa_decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	district_id: ColumnType<number | null, number | null | undefined, number | null>;
	workflow_status: ColumnType<CaseWorkflowStatus | null, CaseWorkflowStatus | null | undefined, CaseWorkflowStatus | null>;
	current_step: ColumnType<string | null, string | null | undefined, string | null>;
	waiting: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
	holder_role: ColumnType<string | null, string | null | undefined, string | null>;
	holder_district_id: ColumnType<number | null, number | null | undefined, number | null>;
	holder_agency_kind: ColumnType<AgencyKind | null, AgencyKind | null | undefined, AgencyKind | null>;
	assigned_user_id: ColumnType<number | null, number | null | undefined, number | null>;
	step_started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	filed_online: ColumnType<boolean, boolean | undefined, boolean>;
	decision: ColumnType<'approved' | 'rejected' | null, 'approved' | 'rejected' | null | undefined, 'approved' | 'rejected' | null>;
	closed_reason: ColumnType<string | null, string | null | undefined, string | null>;
	issued: ColumnType<string | null, string | null | undefined, string | null>;
	/** The rule book in force when the case was filed (migrations/0020; the database fills it in). */
	rule_book_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type CaseWorkflowStatus = 'in_progress' | 'completed' | 'rejected' | 'withdrawn';

// --- accounts and sign-in (migrations/0010_accounts.sql) ---

// The role and agency lists live with the workflows that use them (one source of truth).
export type { AgencyKind, Role } from '../workflows/roles';
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface Agencies {
	id: Generated<number>;
	kind: AgencyKind;
	name_fa: string;
	name_en: string | null;
	active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EngineeringOffices {
	id: Generated<number>;
	name_fa: string;
	name_en: string | null;
	licence_no: string;
	active: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
}

export interface Users {
	id: Generated<number>;
	kind: 'citizen' | 'staff';
	national_id: string | null;
	mobile: string | null;
	username: string | null;
	password_hash: string | null;
	display_name: string;
	active: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
	// migrations/0025_identity_and_staff_security.sql
	mobile_verified_at: NullableTime;
	totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
	totp_enabled_at: NullableTime;
	totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
	password_changed_at: NullableTime;
	password_must_change: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface UserRoles {
	id: Generated<number>;
	user_id: number;
	role: Role;
	district_id: number | null;
	agency_kind: AgencyKind | null;
	engineering_office_id: number | null;
	/** migrations/0090: the utility company a utility_applicant / utility_supervisor acts for */
	organisation_id: ColumnType<number | null, number | null | undefined, number | null>;
	created_at: CreatedAt;
}

export interface Sessions {
	/** hex SHA-256 of the cookie token; the token itself is never stored */
	id: string;
	user_id: number;
	created_at: CreatedAt;
	expires_at: Timestamp;
	last_seen_at: CreatedAt;
	ip: string | null;
	user_agent: string | null;
	/** 'totp' / 'totp_enrol': password checked, second factor pending; not signed in yet */
	stage: ColumnType<SessionStage, SessionStage | undefined, SessionStage>;
}

export type SessionStage = 'full' | 'totp' | 'totp_enrol';

export interface OneTimeCodes {
	id: Generated<number>;
	national_id: string;
	mobile: string;
	code_hash: string;
	purpose: ColumnType<'sign_in', 'sign_in' | undefined, 'sign_in'>;
	created_at: CreatedAt;
	expires_at: Timestamp;
	used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	attempts: ColumnType<number, number | undefined, number>;
	registry_matched_at: NullableTime;
}

/** What the SANDBOX sender "sent": shown on the admin page, never delivered. */
export interface Outbox {
	id: Generated<number>;
	channel: ColumnType<'sms', 'sms' | undefined, 'sms'>;
	recipient: string;
	body: string;
	created_at: CreatedAt;
}

export interface RateLimitBuckets {
	key: string;
	window_start: Timestamp;
	count: ColumnType<number, number | undefined, number>;
}

// --- case workflow (migrations/0011_case_workflow.sql) ---

export interface DB extends DashboardTables, ExcavationTables, PermitTables, SupervisionTables, TrustTables, FeeBillTables, IdempotencyTables {
	pelak_migrations: PelakMigrations;
	pelak_settings: PelakSettings;
	districts: Districts;
	blocks: Blocks;
	streets: Streets;
	widening_lines: WideningLines;
	widening_corridors: WideningCorridors;
	parcels: Parcels;
	zoning_zones: ZoningZones;
	rule_books: RuleBooks;
	zone_rules: ZoneRulesTable;
	overlays: Overlays;
	zoning_zone_parts: ZoningZoneParts;
	overlay_parts: OverlayParts;
	zone_value_parts: ZoneValueParts;
	buildings: Buildings;
	cases: Cases;
	agencies: Agencies;
	engineering_offices: EngineeringOffices;
	users: Users;
	user_roles: UserRoles;
	sessions: Sessions;
	one_time_codes: OneTimeCodes;
	outbox: Outbox;
	rate_limit_buckets: RateLimitBuckets;
	case_events: CaseEvents;
	case_tasks: CaseTasks;
	case_referrals: CaseReferrals;
	case_messages: CaseMessages;
	site_visits: SiteVisits;
	documents: Documents;
	tariff_books: TariffBooks;
	tariff_item_annulments: TariffItemAnnulments;
	tariff_book_events: TariffBookEvents;
	zone_values: ZoneValues;
	fee_assessments: FeeAssessments;
	payments: Payments;
	sandbox_gateway_transactions: SandboxGatewayTransactions;
	sign_in_throttle: SignInThrottle;
	audit_events: AuditEvents;
	issued_documents: IssuedDocuments;
	issued_document_events: IssuedDocumentEvents;
	street_plans: StreetPlans;
	parcel_setbacks: ParcelSetbacks;
	office_closures: OfficeClosures;
}

// --- days the offices close outside the official calendar (migrations/0154_office_closures.sql) ---

export interface OfficeClosures {
	day: ColumnType<string, string, never>;
	reason_fa: string;
	reason_en: string | null;
	recorded_by: number;
	recorded_at: ColumnType<Date, Date | string | undefined, never>;
	deadlines_moved: ColumnType<number, number | undefined, number>;
}

export type { CaseEvents, CaseTasks, CaseReferrals, CaseMessages, SiteVisits, DocumentMediaType, Documents } from './cases-schema';
import type { CaseEvents, CaseTasks, CaseReferrals, CaseMessages, SiteVisits, Documents } from './cases-schema';
export type { IssuedDocumentKind, IssuedDocumentStatus, IssuedDocuments, IssuedDocumentEvents } from './issued-documents-schema';
import type { IssuedDocuments, IssuedDocumentEvents } from './issued-documents-schema';
export type { StreetPlanStatus, StreetPlans, ParcelSetbacks } from './planning-schema';
import type { StreetPlans, ParcelSetbacks } from './planning-schema';
export type { SignInThrottle, AuditEvents } from './security-schema';
export type {
	TariffBookStatusColumn,
	TariffBooks,
	TariffItemAnnulments,
	TariffBookAction,
	TariffBookEvents,
	ZoneValues,
	FeeAssessmentStatus,
	FeeAssessments,
	PaymentStatus,
	Payments,
	SandboxGatewayTransactions
} from './fees-schema';
import type { TariffBooks, TariffItemAnnulments, TariffBookEvents, ZoneValues, FeeAssessments, Payments, SandboxGatewayTransactions } from './fees-schema';
import type { FeeBillTables } from './fees-schema';
export type { FeeBills } from './fees-schema';
import type { SignInThrottle, AuditEvents } from './security-schema';

export type Parcel = Selectable<Parcels>;
export type NewParcel = Insertable<Parcels>;
export type ZoningZone = Selectable<ZoningZones>;

/** The city's layers that can be imported, exported and drawn as tiles. */
export const CITY_LAYERS = [
	'districts',
	'blocks',
	'streets',
	'widening_lines',
	'parcels',
	'zoning',
	'overlays',
	'buildings',
	'zone_values',
	'street_surfaces',
	'restrictions'
] as const;
export type CityLayer = (typeof CITY_LAYERS)[number];
