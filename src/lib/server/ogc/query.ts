import { toPersianDigits } from '../../domain/text';
import { positiveInt } from '../../schemas/id';
import { BadInputError } from '../errors';

/**
 * The query parameters of the OGC API, checked once at the edge. Every endpoint names the parameters
 * it accepts; any other is refused with a 400 that names it (OGC API – Features, ATS
 * `query-param-unknown`), as is a parameter given twice. Messages are Persian first, then English.
 */

/** The page size when `limit` is not given, and the largest page: a larger `limit` is clamped, not refused (`/req/core/fc-limit-response-1`). */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 10_000;

/** `f`: the only encoding is JSON (GeoJSON for features); `f=json` is accepted for clients that always send it. */
export const FORMAT_PARAMETER = 'f';
export const METADATA_PARAMETERS = [FORMAT_PARAMETER] as const;
export const ITEMS_PARAMETERS = ['bbox', 'limit', 'after', FORMAT_PARAMETER] as const;

/** A bounding box in CRS84 degrees. */
export interface Bbox {
	west: number;
	south: number;
	east: number;
	north: number;
}

export interface ItemsQuery {
	bbox: Bbox | null;
	/** Clamped to {@link MAX_LIMIT}. */
	limit: number;
	/** Keyset paging: features with an id above this one (the last id of the previous page). */
	after: number | null;
	/** `f`, when the client gave it (kept in the paging links). */
	format: string | null;
}

const refuse = (code: string, fa: string, en: string) => new BadInputError(code, { fa, en });

/** Refuses a parameter the endpoint does not accept, a parameter given twice, and any `f` but json. */
export function checkParameters(params: URLSearchParams, accepted: readonly string[]): void {
	const seen = new Set<string>();
	for (const name of params.keys()) {
		if (!accepted.includes(name)) {
			const list = accepted.join('، ');
			throw refuse(
				'unknown_parameter',
				`پارامتر «${name}» در این درخواست شناخته نیست؛ پارامترهای پذیرفته: ${list}.`,
				`Unknown query parameter "${name}"; this request accepts: ${accepted.join(', ')}.`
			);
		}
		if (seen.has(name)) {
			throw refuse('repeated_parameter', `پارامتر «${name}» بیش از یک بار آمده است.`, `The query parameter "${name}" is given more than once.`);
		}
		seen.add(name);
	}
	const format = params.get(FORMAT_PARAMETER);
	if (format !== null && format !== 'json') {
		throw refuse(
			'unsupported_format',
			`قالب f=${format} پشتیبانی نمی‌شود؛ پاسخ‌ها JSON (و GeoJSON) هستند: f=json.`,
			`The format f=${format} is not supported; answers are JSON (GeoJSON for features): f=json.`
		);
	}
}

/** The query of `/collections/{id}/items`: `bbox`, `limit`, `after`, `f`. */
export function parseItemsQuery(params: URLSearchParams): ItemsQuery {
	checkParameters(params, ITEMS_PARAMETERS);
	const bbox = params.get('bbox');
	const limit = params.get('limit');
	const after = params.get('after');
	return {
		bbox: bbox === null ? null : parseBbox(bbox),
		limit: limit === null ? DEFAULT_LIMIT : parseLimit(limit),
		after: after === null ? null : parseAfter(after),
		format: params.get(FORMAT_PARAMETER)
	};
}

function parseLimit(raw: string): number {
	const text = raw.trim();
	if (!/^\d+$/.test(text) || Number(text) < 1) {
		throw refuse(
			'invalid_limit',
			`limit باید عدد صحیح مثبت باشد (بیشینه ${toPersianDigits(MAX_LIMIT)}؛ بزرگ‌ترش همان بیشینه شمرده می‌شود)، نه «${raw}».`,
			`limit must be a positive whole number (at most ${MAX_LIMIT}; a larger one counts as ${MAX_LIMIT}), not "${raw}".`
		);
	}
	return Math.min(Number(text), MAX_LIMIT);
}

function parseAfter(raw: string): number {
	const id = positiveInt(raw.trim());
	if (id === null) {
		throw refuse(
			'invalid_after',
			`after باید شناسهٔ آخرین عارضهٔ صفحهٔ پیش باشد (عدد صحیح مثبت)، نه «${raw}»؛ پیوند next را دنبال کنید.`,
			`after must be the id of the last feature of the previous page (a positive whole number), not "${raw}"; follow the next link.`
		);
	}
	return id;
}

/** A plain decimal (GDAL sends up to 18 significant digits, e.g. 51.2999999999999972). */
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * `bbox=west,south,east,north` in CRS84 degrees, or six numbers with the lowest and highest
 * heights (`west,south,min,east,north,max`; the heights are ignored: the city's layers are flat).
 */
export function parseBbox(raw: string): Bbox {
	const parts = raw.split(',').map((p) => p.trim());
	if (parts.length !== 4 && parts.length !== 6) {
		throw refuse(
			'invalid_bbox',
			`bbox باید چهار عدد باشد (غرب، جنوب، شرق، شمال به درجه، CRS84) یا شش عدد با ارتفاع‌ها؛ ${toPersianDigits(parts.length)} مقدار آمده است: «${raw}».`,
			`bbox must be four numbers (west, south, east, north in CRS84 degrees) or six with heights; it has ${parts.length}: "${raw}".`
		);
	}
	const numbers = parts.map((part) => {
		if (!DECIMAL.test(part)) {
			throw refuse('invalid_bbox', `«${part}» در bbox عدد نیست.`, `"${part}" in bbox is not a number.`);
		}
		return Number(part);
	});
	const [west, south, east, north] = parts.length === 4 ? numbers : [numbers[0], numbers[1], numbers[3], numbers[4]];
	for (const [value, fa, en, limit] of [
		[west, 'غرب', 'west', 180],
		[east, 'شرق', 'east', 180],
		[south, 'جنوب', 'south', 90],
		[north, 'شمال', 'north', 90]
	] as const) {
		if (Math.abs(value) > limit) {
			throw refuse(
				'bbox_out_of_range',
				`${fa} در bbox باید بین منفی ${toPersianDigits(limit)} و ${toPersianDigits(limit)} درجه باشد، نه ${value}.`,
				`The ${en} of bbox must be between -${limit} and ${limit} degrees, not ${value}.`
			);
		}
	}
	if (south > north) {
		throw refuse(
			'invalid_bbox',
			`در bbox جنوب (${south}) از شمال (${north}) بزرگ‌تر است؛ ترتیب: غرب، جنوب، شرق، شمال.`,
			`In bbox the south (${south}) is above the north (${north}); the order is west, south, east, north.`
		);
	}
	if (west > east) {
		throw refuse(
			'invalid_bbox',
			`در bbox غرب (${west}) از شرق (${east}) بزرگ‌تر است؛ کادری که از نصف‌النهار ۱۸۰ درجه بگذرد پشتیبانی نمی‌شود.`,
			`In bbox the west (${west}) is east of the east (${east}); boxes across the antimeridian are not supported.`
		);
	}
	return { west, south, east, north };
}
