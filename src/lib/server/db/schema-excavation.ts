import type { ColumnType, Generated } from 'kysely';
import type {
	ExcavationCategory,
	ExcavationPurpose,
	ExcavationStatus,
	OrganisationKind,
	StreetLocation,
	SurfaceType
} from '../../domain/excavation/works';

/**
 * Mirrors migrations/0040_excavation.sql (kept apart from schema.ts so each capability's tables
 * read together). Dates are `date` columns read as text (`::text`), never as JS Dates, so no time
 * zone can shift a day; `period` columns are generated from them and read-only.
 */
type Geometry = ColumnType<string, string, string>;
type ReadOnly<T> = ColumnType<T, never, never>;
type DateText = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface Organisations {
	id: Generated<number>;
	code: string;
	kind: OrganisationKind;
	name_fa: string;
	name_en: string | null;
	active: WithDefault<boolean>;
}

export interface StreetSurfaces {
	id: Generated<number>;
	street_id: number | null;
	surface: SurfaceType;
	location: WithDefault<StreetLocation>;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

/** A street surface cut into pieces of at most 255 vertices (migrations/0158; ../db/area-parts.ts). */
export interface StreetSurfaceParts {
	street_surface_id: number;
	geom: Geometry;
}

export interface Restrictions {
	id: Generated<number>;
	reason: string;
	starts_on: DateText;
	ends_on: ColumnType<string | null, string | null | undefined, string | null>;
	period: ReadOnly<string>;
	source: string | null;
	street_id: number | null;
	geom: Geometry;
	geom_3857: ReadOnly<string>;
}

export interface BlackoutPeriods {
	id: Generated<number>;
	code: string;
	name_fa: string;
	name_en: string | null;
	jalali_year: number;
	starts_on: DateText;
	ends_on: DateText;
	period: ReadOnly<string>;
	estimated: WithDefault<boolean>;
	active: WithDefault<boolean>;
}

export interface ExcavationWorks {
	id: Generated<number>;
	reference: string;
	organisation_id: number;
	applicant_user_id: number | null;
	purpose: ExcavationPurpose;
	category: ExcavationCategory;
	emergency: WithDefault<boolean>;
	status: WithDefault<ExcavationStatus>;
	starts_on: DateText;
	ends_on: DateText;
	period: ReadOnly<string>;
	shared_trench_of: number | null;
	features: ColumnType<unknown, string, string>;
	footprint: Geometry;
	geom_3857: ReadOnly<string>;
	area_m2: ReadOnly<number>;
	length_m: WithDefault<number>;
	created_at: CreatedAt;
	updated_at: CreatedAt;
	// migrations/0090_excavation_lifecycle.sql
	holder: Nullable<'officer' | 'inspector' | 'applicant' | 'supervisor'>;
	due_on: Nullable<string>;
	check_result: ColumnType<unknown, string | null | undefined, string | null>;
	description: Nullable<string>;
	conditions: ColumnType<unknown, string | undefined, string>;
	reviewed_at: Nullable<Date>;
	reviewed_by: Nullable<number>;
	regularise_by: Nullable<string>;
	assessment_id: Nullable<number>;
	permit_document_id: Nullable<number>;
	deposit_rial: Nullable<number>;
	deposit_released_at: Nullable<Date>;
	remedial_due_on: Nullable<string>;
	started_at: Nullable<Date>;
	completed_at: Nullable<Date>;
	closed_at: Nullable<Date>;
}

/** Append-only (migrations/0090): every step of every work. */
export interface ExcavationWorkEvents {
	id: Generated<number>;
	work_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	actor: string;
	action: string;
	from_status: string | null;
	to_status: string;
	note: Nullable<string>;
	details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ExcavationReferrals {
	id: Generated<number>;
	work_id: number;
	agency_kind: string;
	overlay_id: number | null;
	reason: ColumnType<unknown, string, string>;
	status: WithDefault<'pending' | 'consented' | 'objected'>;
	answered_at: Nullable<Date>;
	answered_by: Nullable<number>;
	answer_note: Nullable<string>;
}

export interface ExcavationInspections {
	id: Generated<number>;
	work_id: number;
	at: CreatedAt;
	inspector_user_id: number;
	outcome: 'passed' | 'failed';
	notes: string | null;
	remedial_due_on: string | null;
}

export interface ExcavationInspectionPhotos {
	id: Generated<number>;
	inspection_id: number;
	original_name: string;
	media_type: 'image/jpeg' | 'image/png';
	size_bytes: number;
	sha256: string;
	storage_key: string;
}

export interface ExcavationTables {
	organisations: Organisations;
	street_surfaces: StreetSurfaces;
	street_surface_parts: StreetSurfaceParts;
	restrictions: Restrictions;
	blackout_periods: BlackoutPeriods;
	excavation_works: ExcavationWorks;
	excavation_work_events: ExcavationWorkEvents;
	excavation_referrals: ExcavationReferrals;
	excavation_inspections: ExcavationInspections;
	excavation_inspection_photos: ExcavationInspectionPhotos;
}
