import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AgencyKind, Role } from '../workflows/roles';
import type { ExcavationTables } from './schema-excavation';

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
}

export interface ZoningZones {
	id: Generated<number>;
	code: string;
	land_use: string;
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

export interface Cases {
	id: Generated<number>;
	parcel_id: number;
	tracking_code: string;
	kind: string;
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
}

export type CaseWorkflowStatus = 'in_progress' | 'completed' | 'rejected' | 'withdrawn';

// --- accounts and sign-in (migrations/0010_accounts.sql) ---

// The role and agency lists live with the workflows that use them (one source of truth).
export type { AgencyKind, Role } from '../workflows/roles';
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

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
}

export interface UserRoles {
	id: Generated<number>;
	user_id: number;
	role: Role;
	district_id: number | null;
	agency_kind: AgencyKind | null;
	engineering_office_id: number | null;
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
}

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

/** The append-only audit log: the database refuses UPDATE, DELETE and TRUNCATE. */
export interface CaseEvents {
	id: Generated<number>;
	case_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	actor_role: string;
	action: string;
	from_step: string | null;
	to_step: string | null;
	status: string | null;
	due_on: ColumnType<string | null, string | null | undefined, never>;
	text: string | null;
	details: ColumnType<Record<string, unknown>, string | undefined, never>;
	ip: string | null;
}

export interface CaseTasks {
	id: Generated<number>;
	case_id: number;
	kind: 'document' | 'question' | 'correction';
	prompt: string;
	document_kinds: ColumnType<string[], string[] | undefined, string[]>;
	step: string;
	requested_by: number;
	requested_at: CreatedAt;
	due_on: ColumnType<string | null, string | null | undefined, string | null>;
	status: ColumnType<'open' | 'answered' | 'cancelled', 'open' | 'answered' | 'cancelled' | undefined, 'open' | 'answered' | 'cancelled'>;
	answer_text: string | null;
	answered_by: number | null;
	answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CaseReferrals {
	id: Generated<number>;
	case_id: number;
	agency_kind: AgencyKind;
	question: string;
	step: string;
	referred_by: number;
	referred_at: CreatedAt;
	due_on: ColumnType<string, string, string>;
	status: ColumnType<'open' | 'answered' | 'withdrawn', 'open' | 'answered' | 'withdrawn' | undefined, 'open' | 'answered' | 'withdrawn'>;
	reply_text: string | null;
	replied_by: number | null;
	replied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CaseMessages {
	id: Generated<number>;
	case_id: number;
	author_user_id: number;
	author_role: string;
	side: 'applicant' | 'staff';
	body: string;
	created_at: CreatedAt;
}

export interface SiteVisits {
	id: Generated<number>;
	case_id: number;
	visited_by: number;
	visited_at: Timestamp;
	step: string;
	notes: string;
	location: Geometry | null;
	created_at: CreatedAt;
}

export type DocumentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/vnd.dxf' | 'image/vnd.dwg';

/** A stored file's record; the bytes live under PELAK_FILES_DIR by SHA-256. Only superseded_by ever changes. */
export interface Documents {
	id: Generated<number>;
	case_id: number;
	kind: string;
	version: number;
	original_name: string;
	media_type: DocumentMediaType;
	size_bytes: number;
	sha256: string;
	storage_key: string;
	uploaded_by: number;
	created_at: CreatedAt;
	superseded_by: number | null;
	task_id: number | null;
	referral_id: number | null;
	site_visit_id: number | null;
}

export interface DB extends ExcavationTables {
	pelak_migrations: PelakMigrations;
	pelak_settings: PelakSettings;
	districts: Districts;
	blocks: Blocks;
	streets: Streets;
	widening_lines: WideningLines;
	widening_corridors: WideningCorridors;
	parcels: Parcels;
	zoning_zones: ZoningZones;
	overlays: Overlays;
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
}

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
	'street_surfaces',
	'restrictions'
] as const;
export type CityLayer = (typeof CITY_LAYERS)[number];
