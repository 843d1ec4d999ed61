/**
 * A proposed building, as an owner or engineer describes it for the proposal check
 * (`POST /api/parcels/<id>/proposal-check`): floors with use and area, the footprint (a number,
 * or drawn on the map as GeoJSON), height, units and their sizes, parking spaces, pilotis.
 * `parseProposal` gives the typed proposal, or every problem, each naming its field path.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { toPersianDigits } from '../text';
import { readFootprintGeometry } from './footprint-geojson';
import { Issues, type ProposalIssue } from './proposal-issues';
import { FLOOR_USES, readFloorUse, type FloorUse } from './uses';

export type { ProposalIssue } from './proposal-issues';

export interface ProposedFloor {
	/** 0 = ground floor (همکف), 1 = first floor, −1 = first basement. Several entries may share a level. */
	level: number;
	use: FloorUse;
	area_m2: number;
}

export interface ProposedUnit {
	area_m2: number;
	/** `residential` unless given. */
	use: FloorUse;
}

export type ProposedFootprint = { kind: 'area'; area_m2: number } | { kind: 'geometry'; geometry: Polygon | MultiPolygon };

export interface Proposal {
	floors: ProposedFloor[];
	footprint: ProposedFootprint;
	height_m: number;
	units: ProposedUnit[];
	parking_spaces: number;
	/** A pilotis ground floor: said outright, or a level-0 floor used as `pilotis`. */
	pilotis: boolean;
	/** Light-well area, m²; null when not given. */
	light_well_m2: number | null;
}

export type ParsedProposal = { ok: true; value: Proposal } | { ok: false; errors: ProposalIssue[] };

export const PROPOSAL_LIMITS = {
	floors: 200,
	units: 1000,
	lowest_level: -10,
	highest_level: 200,
	area_m2: 1_000_000,
	height_m: 1000,
	parking_spaces: 10_000
} as const;

const FIELDS = ['floors', 'footprint_m2', 'footprint', 'height_m', 'units', 'parking_spaces', 'pilotis', 'light_well_m2'] as const;
const USE_LIST = Object.keys(FLOOR_USES).join(', ');

function readUse(issues: Issues, path: string, raw: unknown): FloorUse | null {
	const use = typeof raw === 'string' ? readFloorUse(raw) : null;
	if (!use) issues.add(path, raw === undefined ? 'required' : 'unknown_use', `باید یکی از این کاربری‌ها باشد: ${USE_LIST}.`, `must be one of ${USE_LIST}.`);
	return use;
}

function readLevel(issues: Issues, path: string, raw: unknown): number | null {
	const { lowest_level: lo, highest_level: hi } = PROPOSAL_LIMITS;
	if (typeof raw === 'number' && Number.isInteger(raw) && raw >= lo && raw <= hi) return raw;
	issues.add(
		path,
		raw === undefined ? 'required' : 'out_of_range',
		`باید عدد صحیحی از ${toPersianDigits(lo)} تا ${toPersianDigits(hi)} باشد (۰ همکف، منفی زیرزمین).`,
		`must be a whole number from ${lo} to ${hi} (0 is the ground floor, negative a basement).`
	);
	return null;
}

function readList<T>(issues: Issues, path: string, raw: unknown, max: number, opts: { nonEmpty: boolean }, item: (path: string, raw: Record<string, unknown>) => T | null): T[] | null {
	if (!Array.isArray(raw)) {
		issues.add(path, raw === undefined ? 'required' : 'not_array', 'باید فهرست (آرایهٔ JSON) باشد.', 'must be a list (a JSON array).');
		return null;
	}
	if (opts.nonEmpty && raw.length === 0) issues.add(path, 'empty', 'دست‌کم یک ردیف می‌خواهد.', 'needs at least one entry.');
	if (raw.length > max) {
		issues.add(path, 'too_many', `حداکثر ${toPersianDigits(max)} ردیف می‌تواند داشته باشد.`, `may have at most ${max} entries.`);
		return null;
	}
	const out = raw.map((r, i) => {
		const obj = issues.object(`${path}[${i}]`, r);
		return obj ? item(`${path}[${i}]`, obj) : null;
	});
	return out.every((x) => x !== null) ? (out as T[]) : null;
}

function readFloor(issues: Issues, path: string, raw: Record<string, unknown>): ProposedFloor | null {
	issues.unknownKeys(path, raw, ['level', 'use', 'area_m2']);
	const level = readLevel(issues, `${path}.level`, raw.level);
	const use = readUse(issues, `${path}.use`, raw.use);
	const area_m2 = issues.number(`${path}.area_m2`, raw.area_m2, { max: PROPOSAL_LIMITS.area_m2, positive: true });
	if (use === 'pilotis' && level !== null && level !== 0) {
		issues.add(`${path}.level`, 'pilotis_level', 'پیلوت فقط در همکف (طبقهٔ ۰) است.', 'must be 0: pilotis is the ground floor.');
	}
	return level === null || use === null || area_m2 === null ? null : { level, use, area_m2 };
}

function readUnit(issues: Issues, path: string, raw: Record<string, unknown>): ProposedUnit | null {
	issues.unknownKeys(path, raw, ['area_m2', 'use']);
	const area_m2 = issues.number(`${path}.area_m2`, raw.area_m2, { max: PROPOSAL_LIMITS.area_m2, positive: true });
	const use = raw.use === undefined ? 'residential' : readUse(issues, `${path}.use`, raw.use);
	return area_m2 === null || use === null ? null : { area_m2, use };
}

function readFootprint(issues: Issues, body: Record<string, unknown>): ProposedFootprint | null {
	const given = (['footprint_m2', 'footprint'] as const).filter((k) => body[k] !== undefined && body[k] !== null);
	if (given.length !== 1) {
		issues.add(
			'footprint_m2',
			given.length === 0 ? 'required' : 'footprint_twice',
			'(مساحت به متر مربع) یا «footprint» (هندسهٔ GeoJSON) لازم است؛ فقط یکی از این دو.',
			'or footprint (a GeoJSON geometry) is needed, exactly one of the two.'
		);
		return null;
	}
	const key = given[0];
	const raw = body[key];
	// The contract lets footprint_m2 itself carry the GeoJSON drawn on the map.
	if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
		const geometry = readFootprintGeometry(issues, key, raw as Record<string, unknown>);
		return geometry && { kind: 'geometry', geometry };
	}
	const area_m2 = issues.number(key, raw, { max: PROPOSAL_LIMITS.area_m2, positive: true });
	return area_m2 === null ? null : { kind: 'area', area_m2 };
}

function readPilotis(issues: Issues, raw: unknown, floors: ProposedFloor[] | null): boolean | null {
	const drawn = (floors ?? []).some((f) => f.use === 'pilotis');
	if (raw === undefined || raw === null) return drawn;
	if (typeof raw !== 'boolean') {
		issues.add('pilotis', 'not_boolean', 'باید true یا false باشد.', 'must be true or false.');
		return null;
	}
	if (!raw && drawn) {
		issues.add('pilotis', 'pilotis_conflict', 'false است اما یکی از طبقات پیلوت است.', 'is false, but one of the floors is used as pilotis.');
		return null;
	}
	return raw;
}

/**
 * Reads a proposal from parsed JSON. Unknown fields are refused (a misspelt field would
 * otherwise be ignored and its rule pass unchecked).
 *
 * @example parseProposal({ floors: [{ level: 1, use: 'residential', area_m2: -5 }], … })
 * // → { ok: false, errors: [{ path: 'floors[0].area_m2', code: 'not_positive', message: { fa, en } }] }
 */
export function parseProposal(json: unknown): ParsedProposal {
	const issues = new Issues();
	const body = issues.object('', json);
	if (!body) return { ok: false, errors: issues.list };
	issues.unknownKeys('', body, FIELDS);
	const floors = readList(issues, 'floors', body.floors, PROPOSAL_LIMITS.floors, { nonEmpty: true }, (p, r) => readFloor(issues, p, r));
	const footprint = readFootprint(issues, body);
	const height_m = issues.number('height_m', body.height_m, { max: PROPOSAL_LIMITS.height_m, positive: true });
	const units = readList(issues, 'units', body.units, PROPOSAL_LIMITS.units, { nonEmpty: false }, (p, r) => readUnit(issues, p, r));
	const parking_spaces = issues.number('parking_spaces', body.parking_spaces, { max: PROPOSAL_LIMITS.parking_spaces, integer: true });
	const pilotis = readPilotis(issues, body.pilotis, floors);
	const light_well_m2 = body.light_well_m2 === undefined || body.light_well_m2 === null ? null : issues.number('light_well_m2', body.light_well_m2, { max: PROPOSAL_LIMITS.area_m2 });

	if (issues.list.length > 0) return { ok: false, errors: issues.list };
	return { ok: true, value: { floors: floors!, footprint: footprint!, height_m: height_m!, units: units!, parking_spaces: parking_spaces!, pilotis: pilotis!, light_well_m2 } };
}
