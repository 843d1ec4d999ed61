/**
 * The excavation API's contract: what `POST /api/excavations/check` answers and what the works
 * list and export carry. Client-safe (types only), for the drawing UI. Areas are m² and lengths m
 * measured in the city's projected CRS; dates are Tehran calendar days, YYYY-MM-DD, both ends
 * counted; geometry is GeoJSON in WGS84.
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Bilingual } from '../i18n/lang';
import type { AgencyKind } from '../domain/roles';
import type { ExcavationFee } from '../domain/excavation/fee';
import type {
	ExcavationCategory,
	ExcavationPurpose,
	ExcavationStatus,
	OrganisationKind,
	StreetLocation,
	SurfaceType
} from '../domain/excavation/works';

export type { ExcavationFee, ExcavationFeeLine, FeeBasis } from '../domain/excavation/fee';

export interface SurfaceCrossed {
	surface: SurfaceType;
	location: StreetLocation;
	area_m2: number;
}

/** A street the dig breaks, with what it breaks of it. `id` null: surface not linked to a street. */
export interface StreetCrossed {
	id: number | null;
	name_fa: string | null;
	name_en: string | null;
	/** The street's class, which sets the fee coefficient ('local' when the surface has no street). */
	class: string;
	area_m2: number;
	surfaces: SurfaceCrossed[];
}

/** Another work near this one at the same time: a warning to coordinate (share the trench, move dates), not a refusal. */
export interface Clash {
	id: number;
	reference: string;
	organisation: { code: string; kind: OrganisationKind; name_fa: string; name_en: string | null };
	purpose: ExcavationPurpose;
	status: ExcavationStatus;
	start: string;
	end: string;
	/** Gap between the two footprints; 0 when they touch or overlap. */
	distance_m: number;
	/** Where the other work can be looked at (its public record). */
	share_url: string;
}

/** A moratorium on the dug street during the dig: refuses the application unless it is an emergency. */
export interface MoratoriumHit {
	id: number;
	reason: string;
	source: string | null;
	street: { id: number; name_fa: string | null; name_en: string | null } | null;
	from: string;
	/** Last day in force; null until lifted. */
	until: string | null;
	/** False for emergency works, which are exempt. */
	refuses: boolean;
	message: Bilingual;
}

/** A city-wide calendar ban overlapping the dates: the works must move unless urgent. */
export interface BlackoutHit {
	code: string;
	name_fa: string;
	name_en: string | null;
	from: string;
	until: string;
	/** Dates derived from the lunar calendar, not yet published. */
	estimated: boolean;
	refuses: boolean;
	message: Bilingual;
}

/** A protected area (overlay) the dig touches: the agency that must be asked. */
export interface Referral {
	agency_kind: AgencyKind;
	reason: Bilingual;
	overlay: { id: number; kind: string; name_fa: string; name_en: string | null };
}

export interface ExcavationCheck {
	area_m2: number;
	length_m: number;
	category: ExcavationCategory;
	/** False when a moratorium or blackout refuses the dates (never for an emergency). */
	allowed: boolean;
	streets: StreetCrossed[];
	/** Footprint on no surface of the street-surface layer: charged as `unmapped_charged_as`, worth a look. */
	unmapped_m2: number;
	/**
	 * The ground the unmapped part is charged as: the dearest surface within `within_m` of it (`near`),
	 * else the city's default ground. Null when the layer covers the whole dig.
	 */
	unmapped_charged_as: { surface: SurfaceType; road_class: string; near: boolean; within_m: number } | null;
	clashes: Clash[];
	moratoriums: MoratoriumHit[];
	blackouts: BlackoutHit[];
	referrals: Referral[];
	/** When the officer's review is due, and whether the start date asked for comes before the dig can be permitted; null for an emergency. */
	review: ReviewTiming | null;
	fee: ExcavationFee;
}

/**
 * The officer's review clock against the start date asked for: the review is due `due_on`
 * (the category's working days from filing); the permit follows payment online, so the dig can
 * realistically start the working day after (`earliest_start`). `late` when the start asked for
 * is before that: a warning, not a refusal (the officer may decide sooner).
 */
export interface ReviewTiming {
	due_on: string;
	working_days: number;
	earliest_start: string;
	late: boolean;
	/** Protected-area referrals the officer waits on before deciding (they can take longer). */
	pending_referrals: number;
	/** The warning, when `late`. */
	message: { fa: string; en: string } | null;
}

/** What anyone may see of a work: no applicant, no contact. */
export interface PublicWorkProperties {
	id: number;
	reference: string;
	organisation_name_fa: string;
	organisation_name_en: string | null;
	organisation_kind: OrganisationKind;
	purpose: ExcavationPurpose;
	status: ExcavationStatus;
	category: ExcavationCategory;
	emergency: boolean;
	start: string;
	end: string;
}

/** The export for staff and utilities adds what coordination needs (still nothing personal). */
export interface ExportWorkProperties extends PublicWorkProperties {
	organisation_code: string;
	shared_trench_of: number | null;
	area_m2: number;
	length_m: number;
	/** What was drawn: trench centre lines with widths, pit polygons (WGS84). */
	features: unknown;
	updated_at: string;
}

export type PublicWorksCollection = FeatureCollection<MultiPolygon, PublicWorkProperties> & { truncated: boolean };
export type PublicWork = Feature<MultiPolygon, PublicWorkProperties>;

/** `POST /api/excavations` answers 201 with the filed work: where it stands and its page. */
export interface ExcavationFiled {
	id: number;
	reference: string;
	/** 'planned' (awaiting the officer's review), or 'active' for emergency works (started at once) */
	status: ExcavationStatus;
	/** the work's page, e.g. /excavations/123 */
	url: string;
}
