import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
}

// --- accounts and sign-in (migrations/0010_accounts.sql) ---

export type AgencyKind = 'cultural_heritage' | 'official_experts' | 'deeds_registry' | 'education' | 'utilities';
export type Role =
	| 'citizen'
	| 'representative'
	| 'district_officer'
	| 'inspector'
	| 'planner'
	| 'agency'
	| 'supervising_engineer'
	| 'council_member'
	| 'admin';
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

export interface DB {
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
	'buildings'
] as const;
export type CityLayer = (typeof CITY_LAYERS)[number];
