/**
 * Input of the parcel API, checked once at the edge: `?lon=&lat=`, a parcel id, `?q=&limit=`.
 * Client-safe (the search box uses the same limits). Each parser returns the value or an issue with
 * a stable code and a message in Persian and English that names the problem.
 */
import { toLatinDigits, toPersianDigits } from '../domain/text';
import type { Parsed } from './parsed';

export type { Issue, Parsed } from './parsed';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, fa: string, en: string): Parsed<never> => ({
	ok: false,
	issue: { code, messages: { fa: toPersianDigits(fa), en } }
});

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_DEFAULT_LIMIT = 10;
export const SEARCH_MAX_LIMIT = 50;

/** A plain decimal number (no hex, no Infinity); Persian digits and the Persian decimal separator are accepted. */
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function decimal(raw: string): number | null {
	const text = toLatinDigits(raw.trim()).replace('٫', '.');
	return DECIMAL.test(text) ? Number(text) : null;
}

const AXES = {
	lon: { fa: 'طول جغرافیایی (lon)', en: 'longitude (lon)', limit: 180 },
	lat: { fa: 'عرض جغرافیایی (lat)', en: 'latitude (lat)', limit: 90 }
} as const;

function coordinate(params: URLSearchParams, axis: keyof typeof AXES): Parsed<number> {
	const { fa, en, limit } = AXES[axis];
	const raw = params.get(axis);
	if (raw === null || raw.trim() === '') {
		return fail('missing_coordinate', `${fa} داده نشده است.`, `The ${en} is missing.`);
	}
	const value = decimal(raw);
	if (value === null || !Number.isFinite(value)) {
		return fail('invalid_coordinate', `${fa} باید عدد باشد، نه «${raw}».`, `The ${en} must be a number, not "${raw}".`);
	}
	if (Math.abs(value) > limit) {
		return fail(
			'coordinate_out_of_range',
			`${fa} باید بین ${-limit} و ${limit} درجه باشد، نه ${value}.`,
			`The ${en} must be between ${-limit} and ${limit} degrees, not ${value}.`
		);
	}
	return ok(value);
}

/** `?lon=&lat=` in WGS84 degrees. */
export function parseCoordinates(params: URLSearchParams): Parsed<{ lon: number; lat: number }> {
	const lon = coordinate(params, 'lon');
	if (!lon.ok) return lon;
	const lat = coordinate(params, 'lat');
	if (!lat.ok) return lat;
	return ok({ lon: lon.value, lat: lat.value });
}

/** A parcel id: a positive whole number within int8 and JavaScript's safe integers. */
export function parseParcelId(raw: string | undefined): Parsed<number> {
	const text = toLatinDigits((raw ?? '').trim());
	if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
		return fail(
			'invalid_parcel_id',
			`شناسهٔ پلاک باید عدد صحیح مثبت باشد، نه «${raw ?? ''}».`,
			`A parcel id must be a positive whole number, not "${raw ?? ''}".`
		);
	}
	return ok(Number(text));
}

/** `?q=&limit=` of the parcel search. */
export function parseSearchQuery(params: URLSearchParams): Parsed<{ q: string; limit: number }> {
	const q = (params.get('q') ?? '').trim();
	if (q.length < SEARCH_MIN_LENGTH) {
		return fail(
			'query_too_short',
			`عبارت جستجو (q) باید دست‌کم ${SEARCH_MIN_LENGTH} نویسه باشد.`,
			`The search text (q) must be at least ${SEARCH_MIN_LENGTH} characters.`
		);
	}
	if (q.length > SEARCH_MAX_LENGTH) {
		return fail(
			'query_too_long',
			`عبارت جستجو (q) باید حداکثر ${SEARCH_MAX_LENGTH} نویسه باشد.`,
			`The search text (q) must be at most ${SEARCH_MAX_LENGTH} characters.`
		);
	}
	const rawLimit = params.get('limit');
	if (rawLimit === null || rawLimit.trim() === '') return ok({ q, limit: SEARCH_DEFAULT_LIMIT });
	const limitText = toLatinDigits(rawLimit.trim());
	const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
	if (!(limit >= 1 && limit <= SEARCH_MAX_LIMIT)) {
		return fail(
			'invalid_limit',
			`تعداد نتایج (limit) باید عدد صحیحی بین 1 و ${SEARCH_MAX_LIMIT} باشد، نه «${rawLimit}».`,
			`The number of results (limit) must be a whole number from 1 to ${SEARCH_MAX_LIMIT}, not "${rawLimit}".`
		);
	}
	return ok({ q, limit });
}
