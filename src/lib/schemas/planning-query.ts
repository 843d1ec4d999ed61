/**
 * Input of the planners' page and API, checked once at the edge: the conflicts query
 * (`?view=&format=&district=&street=&class=&status=&parcel=`) and a drafted street plan. Client-safe.
 * Each parser returns the value or an issue whose message names the problem in Persian and English.
 */
import { toLatinDigits, toPersianDigits } from '../domain/text';
import {
	CONFLICT_FORMATS,
	CONFLICT_VIEWS,
	CORRIDOR_STATUSES,
	STREET_CLASSES,
	type ConflictFilter,
	type ConflictFormat,
	type ConflictView
} from '../api/planning';
import type { Parsed } from './parcel-query';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, fa: string, en: string): Parsed<never> => ({
	ok: false,
	issue: { code, messages: { fa: toPersianDigits(fa), en } }
});

/** The widest street a plan may give: wider is a typing slip, not a street. */
export const MAX_PLANNED_WIDTH_M = 200;
export const MAX_REASON_LENGTH = 1000;
export const MAX_LINE_POINTS = 200;

const ID_NAMES = {
	district: { fa: 'شناسهٔ منطقه (district)', en: 'district id (district)' },
	street: { fa: 'شناسهٔ خیابان (street)', en: 'street id (street)' },
	parcel: { fa: 'شناسهٔ پلاک (parcel)', en: 'parcel id (parcel)' }
} as const;

function optionalId(raw: string | null, name: keyof typeof ID_NAMES): Parsed<number | null> {
	if (raw === null || raw.trim() === '') return ok(null);
	const text = toLatinDigits(raw.trim());
	if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
		const { fa, en } = ID_NAMES[name];
		return fail(`invalid_${name}`, `${fa} باید عدد صحیح مثبت باشد، نه «${raw}».`, `The ${en} must be a positive whole number, not "${raw}".`);
	}
	return ok(Number(text));
}

function choice<T extends string>(raw: string | null, allowed: readonly T[], name: string, fallback: T | null): Parsed<T | null> {
	if (raw === null || raw.trim() === '') return ok(fallback);
	const value = raw.trim() as T;
	if (allowed.includes(value)) return ok(value);
	const list = allowed.join('، ');
	return fail(`invalid_${name}`, `مقدار «${raw}» برای ${name} پذیرفته نیست؛ یکی از این‌ها: ${list}.`, `"${raw}" is not a valid ${name}; use one of: ${allowed.join(', ')}.`);
}

export interface ConflictQuery {
	view: ConflictView;
	format: ConflictFormat;
	filter: ConflictFilter;
	/** At most this many rows (largest land first); the totals are of them all. */
	limit: number | null;
}

export const MAX_CONFLICT_LIMIT = 1_000_000;

/** `?view=&format=&district=&street=&class=&status=&parcel=&limit=`; view `parcels`, format `json` and every row by default. */
export function parseConflictQuery(params: URLSearchParams): Parsed<ConflictQuery> {
	const view = choice(params.get('view'), CONFLICT_VIEWS, 'view', 'parcels');
	if (!view.ok) return view;
	const format = choice(params.get('format'), CONFLICT_FORMATS, 'format', 'json');
	if (!format.ok) return format;
	const streetClass = choice(params.get('class'), STREET_CLASSES, 'class', null);
	if (!streetClass.ok) return streetClass;
	const status = choice(params.get('status'), CORRIDOR_STATUSES, 'status', null);
	if (!status.ok) return status;
	const ids: Partial<Record<keyof typeof ID_NAMES, number | null>> = {};
	for (const name of ['district', 'street', 'parcel'] as const) {
		const id = optionalId(params.get(name), name);
		if (!id.ok) return id;
		ids[name] = id.value;
	}
	const rawLimit = params.get('limit');
	const limitText = toLatinDigits((rawLimit ?? '').trim());
	const limit = limitText === '' ? null : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
	if (limit !== null && !(limit >= 1 && limit <= MAX_CONFLICT_LIMIT)) {
		return fail('invalid_limit', `تعداد ردیف‌ها (limit) باید عدد صحیحی بین 1 و ${MAX_CONFLICT_LIMIT} باشد، نه «${rawLimit}».`, `The number of rows (limit) must be a whole number from 1 to ${MAX_CONFLICT_LIMIT}, not "${rawLimit}".`);
	}
	return ok({
		view: view.value!,
		format: format.value!,
		limit,
		filter: { district: ids.district!, street: ids.street!, parcel: ids.parcel!, streetClass: streetClass.value, status: status.value }
	});
}

export interface DraftInput {
	streetId: number;
	plannedWidthM: number;
	/** WGS84 [lon, lat] points of a drawn widening line, or null. */
	line: [number, number][] | null;
	reason: string;
}

/** A width in metres: a plain decimal, Persian digits and the Persian decimal separator accepted. */
function width(raw: string): Parsed<number> {
	const text = toLatinDigits(raw.trim()).replace('٫', '.');
	const value = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
	if (!(value > 0 && value <= MAX_PLANNED_WIDTH_M)) {
		return fail('invalid_planned_width', `عرض طرح باید عددی بزرگ‌تر از صفر و حداکثر ${MAX_PLANNED_WIDTH_M} متر باشد، نه «${raw}».`, `The planned width must be a number above 0 and at most ${MAX_PLANNED_WIDTH_M} m, not "${raw}".`);
	}
	return ok(Math.round(value * 100) / 100);
}

function line(raw: string): Parsed<[number, number][] | null> {
	if (raw.trim() === '') return ok(null);
	let points: unknown;
	try {
		points = JSON.parse(raw);
	} catch {
		points = null;
	}
	const valid =
		Array.isArray(points) &&
		points.every((p) => Array.isArray(p) && p.length === 2 && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90 && p.every(Number.isFinite));
	if (!valid || (points as unknown[]).length < 2 || (points as unknown[]).length > MAX_LINE_POINTS) {
		return fail('invalid_widening_line', `خط اصلاحی رسم‌شده باید دست‌کم ۲ و حداکثر ${MAX_LINE_POINTS} نقطه (طول و عرض جغرافیایی) داشته باشد.`, `A drawn widening line needs 2 to ${MAX_LINE_POINTS} points (longitude, latitude).`);
	}
	return ok(points as [number, number][]);
}

/** The draft form: `street`, `planned_width_m`, `reason`, and `line` (JSON [[lon, lat], ...], optional). */
export function parseDraftForm(form: FormData): Parsed<DraftInput> {
	const text = (name: string, max: number) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.slice(0, max) : '';
	};
	const street = optionalId(text('street', 20), 'street');
	if (!street.ok) return street;
	if (street.value === null) return fail('missing_street', 'خیابانی انتخاب نشده است.', 'No street is chosen.');
	const w = width(text('planned_width_m', 40));
	if (!w.ok) return w;
	const drawn = line(text('line', 20_000));
	if (!drawn.ok) return drawn;
	const reason = text('reason', MAX_REASON_LENGTH + 1).trim();
	if (reason === '') return fail('missing_reason', 'دلیل تغییر طرح را بنویسید.', 'Say why the plan changes (reason).');
	if (reason.length > MAX_REASON_LENGTH) {
		return fail('reason_too_long', `دلیل حداکثر ${MAX_REASON_LENGTH} نویسه باشد.`, `The reason must be at most ${MAX_REASON_LENGTH} characters.`);
	}
	return ok({ streetId: street.value, plannedWidthM: w.value, line: drawn.value, reason });
}
