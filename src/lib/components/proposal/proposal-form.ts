/**
 * The proposal form's fields (text as typed, Persian digits welcome) turned into the body of
 * `POST /api/parcels/<id>/proposal-check` (and of a case's proposal). Numbers are read here; what
 * is not a number is sent as typed so the server, the authority, names the field in its 400.
 * Pure and client-safe.
 */
import type { Polygon } from 'geojson';
import { toLatinDigits, toPersianDigits } from '../../domain/text';
import type { FloorUse } from '../../domain/rules/uses';

export interface FloorRow {
	level: string;
	use: FloorUse;
	area: string;
}

export interface ProposalFormState {
	floors: FloorRow[];
	/** The footprint drawn on the map, or typed as an area. */
	footprintMode: 'drawn' | 'area';
	footprintArea: string;
	footprint: Polygon | null;
	height: string;
	/** Unit sizes, m², one per unit. */
	units: string[];
	parking: string;
	pilotis: boolean;
	lightWell: string;
}

/**
 * A number as typed: Persian or Latin digits, «٫» or «.» for decimals, «٬» or «,» grouping
 * thousands; undefined when empty; the text itself when it is no number.
 *
 * @example readNumber('۱٬۲۰۰٫۵') // 1200.5
 */
export function readNumber(text: string): number | string | undefined {
	const raw = toLatinDigits(text).trim();
	if (raw === '') return undefined;
	const normal = raw.replace(/[٬,](?=\d{3}(\D|$))/g, '').replace(/٫/g, '.').replace(/,/g, '.').replace(/^−/, '-');
	return /^-?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : text;
}

/**
 * The JSON the proposal check reads.
 *
 * @example proposalBody({ floors: [{ level: '۱', use: 'residential', area: '180' }], footprintMode: 'area', footprintArea: '180', … })
 * // { floors: [{ level: 1, use: 'residential', area_m2: 180 }], footprint_m2: 180, … }
 */
export function proposalBody(form: ProposalFormState): Record<string, unknown> {
	const body: Record<string, unknown> = {
		floors: form.floors.map((f) => ({ level: readNumber(f.level), use: f.use, area_m2: readNumber(f.area) })),
		height_m: readNumber(form.height),
		units: form.units.filter((u) => u.trim() !== '').map((u) => ({ area_m2: readNumber(u) })),
		parking_spaces: readNumber(form.parking) ?? 0,
		pilotis: form.pilotis || form.floors.some((f) => f.use === 'pilotis')
	};
	if (form.footprintMode === 'drawn') body.footprint = form.footprint;
	else body.footprint_m2 = readNumber(form.footprintArea) ?? null;
	const lightWell = readNumber(form.lightWell);
	if (lightWell !== undefined) body.light_well_m2 = lightWell;
	return body;
}

/**
 * The form's units against its residential floors, as typed, while the units are larger together
 * (the check's unit-area rule fails them): a live warning when a floor is removed or made smaller
 * and the units are left as they were. Null when they fit or a figure cannot be read yet. The
 * form's units are residential (the body sends no other use).
 *
 * @example unitsBeyondFloors({ …, floors: [{ level: '1', use: 'residential', area: '140' }], units: ['143'] })
 * // { units: 1, units_m2: 143, floors_m2: 140 }
 */
export function unitsBeyondFloors(form: Pick<ProposalFormState, 'floors' | 'units'>): { units: number; units_m2: number; floors_m2: number } | null {
	const sum = (texts: string[]): number | null => {
		let total = 0;
		for (const text of texts) {
			const n = readNumber(text);
			if (typeof n !== 'number') return null;
			total += n;
		}
		return total;
	};
	const units = form.units.filter((u) => u.trim() !== '');
	const units_m2 = sum(units);
	const floors_m2 = sum(form.floors.filter((f) => f.use === 'residential').map((f) => f.area));
	if (units_m2 === null || floors_m2 === null || units.length === 0) return null;
	// to 0.01 m², as the check compares
	return Math.round(units_m2 * 100) > Math.round(floors_m2 * 100) ? { units: units.length, units_m2, floors_m2 } : null;
}

/** A sensible first proposal for a parcel: ground floor pilotis, three residential floors at 60 % of the net area; Persian digits in Persian. */
export function starterProposal(netAreaM2: number, lang: 'fa' | 'en' = 'fa'): ProposalFormState {
	const n = (value: number) => (lang === 'fa' ? toPersianDigits(String(value)) : String(value));
	const floor = n(Math.round(netAreaM2 * 0.6));
	return {
		floors: [
			{ level: n(0), use: 'pilotis', area: floor },
			{ level: n(1), use: 'residential', area: floor },
			{ level: n(2), use: 'residential', area: floor },
			{ level: n(3), use: 'residential', area: floor }
		],
		footprintMode: 'area',
		footprintArea: floor,
		footprint: null,
		height: n(13),
		units: [floor, floor, floor],
		parking: n(3),
		pilotis: true,
		lightWell: ''
	};
}
