/**
 * The vocabulary of excavation works (حفاری), shared by the database, the API and the map.
 * Client-safe. Statuses and categories follow UK Street Manager's model, simplified
 * (see shared/domain/excavation.md §1 and §5); the full permit life cycle builds on these.
 */
import type { IsoDate } from '../working-days';

/**
 * planned (filed, awaiting review) → approved (fee assessed, awaiting payment) → permitted (paid,
 * permit issued) → active → completed (awaiting the reinstatement inspection) → closed (passed,
 * deposit released) or remedial (failed; back to completed once repaired). See lifecycle.ts.
 */
export const EXCAVATION_STATUSES = [
	'draft',
	'planned',
	'approved',
	'permitted',
	'active',
	'completed',
	'remedial',
	'closed',
	'refused',
	'cancelled'
] as const;
export type ExcavationStatus = (typeof EXCAVATION_STATUSES)[number];

/** Works still to come or under way: the ones a new dig can clash with (and the partial clash index's, migrations/0090). */
export const CLASHING_STATUSES = ['planned', 'approved', 'permitted', 'active'] as const satisfies readonly ExcavationStatus[];

/** What the public map and list show: drafts are private, refused and cancelled works never happened. */
export const PUBLIC_STATUSES = ['planned', 'approved', 'permitted', 'active', 'completed', 'remedial', 'closed'] as const satisfies readonly ExcavationStatus[];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** The four categories the map colours and the public list groups by: under review, permitted, being dug, done. */
export const PUBLIC_CATEGORIES = ['planned', 'approved', 'active', 'completed'] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];
export const PUBLIC_CATEGORY: Record<PublicStatus, PublicCategory> = {
	planned: 'planned',
	approved: 'planned',
	permitted: 'approved',
	active: 'active',
	completed: 'completed',
	remedial: 'active',
	closed: 'completed'
};

export const EXCAVATION_PURPOSES = [
	'new_connection',
	'repair',
	'maintenance',
	'network_extension',
	'diversion',
	'reinstatement',
	'survey',
	'other'
] as const;
export type ExcavationPurpose = (typeof EXCAVATION_PURPOSES)[number];

export const EXCAVATION_CATEGORIES = ['minor', 'standard', 'major', 'immediate'] as const;
export type ExcavationCategory = (typeof EXCAVATION_CATEGORIES)[number];

export const ORGANISATION_KINDS = ['water', 'gas', 'power', 'telecom', 'municipality', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The tariff book's surface values (sample-variables.ts `surface`). */
export const SURFACE_TYPES = ['asphalt', 'concrete', 'paving', 'unpaved'] as const;
export type SurfaceType = (typeof SURFACE_TYPES)[number];

/** Where in the street (Street Manager's location types, the ones a city's surface layer has). */
export const STREET_LOCATIONS = ['carriageway', 'footway', 'verge'] as const;
export type StreetLocation = (typeof STREET_LOCATIONS)[number];

const DAY_MS = 86_400_000;

/** Days from `start` to `end`, both counted: 2026-12-01 … 2026-12-01 is 1 day. */
export function inclusiveDays(start: IsoDate, end: IsoDate): number {
	return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * The works category by duration, as NRSWA counts it: minor up to 3 days, standard 4–10 days,
 * major beyond 10; emergency works are immediate whatever their length.
 *
 * @example worksCategory('2026-12-01', '2026-12-10', false) // 'standard' (10 days)
 */
export function worksCategory(start: IsoDate, end: IsoDate, emergency: boolean): ExcavationCategory {
	if (emergency) return 'immediate';
	const days = inclusiveDays(start, end);
	return days <= 3 ? 'minor' : days <= 10 ? 'standard' : 'major';
}
