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
}

export interface ExcavationTables {
	organisations: Organisations;
	street_surfaces: StreetSurfaces;
	restrictions: Restrictions;
	blackout_periods: BlackoutPeriods;
	excavation_works: ExcavationWorks;
}
