/**
 * Input of the excavation API, checked once at the edge (and usable by the drawing UI before it
 * sends): the drawn features with their widths and the dig dates of `POST /api/excavations/check`,
 * and the `?bbox=&from=&to=` of the works list. Each problem names its field in both languages.
 */
import type { LineString, Polygon } from 'geojson';
import { toLatinDigits, toPersianDigits } from '../domain/text';
import type { IsoDate } from '../domain/working-days';
import { hasLength, lineSelfIntersection, polygonSelfIntersection, ringDoubleArea, type Crossing } from '../domain/excavation/drawn-geometry';
import { inclusiveDays } from '../domain/excavation/works';
import type { Parsed } from './parcel-query';

export const EXCAVATION_LIMITS = {
	maxFeatures: 20,
	maxVerticesPerFeature: 500,
	maxVertices: 2000,
	/** A trench's width, m: narrower is a bore hole, wider is not a trench but a pit to draw. */
	widthM: { min: 0.1, max: 5 },
	/** Longest dig a single application may cover; longer works are split into phases. */
	maxDays: 365,
	/** The widest and tallest box the works list answers, in degrees (about 9 × 11 km at Isfahan). */
	maxBboxDegrees: 0.1
} as const;

/** A trench is a centre line and a width; a pit is the polygon dug. */
export type DrawnFeature =
	| { kind: 'trench'; geometry: LineString; width_m: number }
	| { kind: 'pit'; geometry: Polygon; width_m: null };

export interface ExcavationCheckInput {
	features: DrawnFeature[];
	start: IsoDate;
	end: IsoDate;
	emergency: boolean;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, fa: string, en: string): Parsed<never> => ({
	ok: false,
	issue: { code, messages: { fa: toPersianDigits(fa), en } }
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A position as given, 2D, or why not. */
function position(raw: unknown, field: string): Parsed<[number, number]> {
	if (!Array.isArray(raw) || raw.length < 2 || typeof raw[0] !== 'number' || typeof raw[1] !== 'number' || !raw.every(Number.isFinite)) {
		return fail('invalid_coordinates', `${field} باید یک جفت عدد [طول، عرض] باشد.`, `${field} must be a pair of numbers [longitude, latitude].`);
	}
	const [lon, lat] = raw as number[];
	if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
		return fail(
			'coordinates_not_wgs84',
			`${field} = [${lon}، ${lat}] طول و عرض جغرافیایی (WGS84) نیست؛ مختصات را به درجه بدهید، نه متر.`,
			`${field} = [${lon}, ${lat}] is not a WGS84 longitude/latitude; give coordinates in degrees, not metres.`
		);
	}
	return ok([lon, lat]);
}

/** Positions of a line or ring, with consecutive repeats dropped. */
function positions(raw: unknown, field: string): Parsed<[number, number][]> {
	if (!Array.isArray(raw)) return fail('invalid_coordinates', `${field} باید فهرستی از نقطه‌ها باشد.`, `${field} must be a list of positions.`);
	const out: [number, number][] = [];
	for (let i = 0; i < raw.length; i++) {
		const p = position(raw[i], `${field}[${i}]`);
		if (!p.ok) return p;
		const prev = out[out.length - 1];
		if (!prev || prev[0] !== p.value[0] || prev[1] !== p.value[1]) out.push(p.value);
	}
	return ok(out);
}

/** A trench line or pit polygon of `field` that crosses itself, named with where. */
function selfIntersecting(crossing: Crossing, shape: 'line' | 'polygon', field: string): Parsed<never> {
	const [lon, lat] = crossing.near;
	const near = { fa: `نزدیک ${lon.toFixed(6)}، ${lat.toFixed(6)}`, en: `near ${lon.toFixed(6)}, ${lat.toFixed(6)}` };
	return shape === 'line'
		? fail(
				'self_intersecting_line',
				`خط ترانشهٔ ${field} خودش را قطع می‌کند یا روی خودش برمی‌گردد (${near.fa})؛ آن را بدون بخش‌های متقاطع بکشید.`,
				`The trench line ${field} crosses or doubles back over itself (${near.en}); draw it without crossing segments.`
			)
		: fail(
				'self_intersecting_polygon',
				`چندضلعی ${field} خودش را قطع می‌کند (${near.fa})؛ آن را بدون ضلع‌های متقاطع بکشید.`,
				`The polygon ${field} intersects itself (${near.en}); draw it without crossing edges.`
			);
}

function trench(geometry: Record<string, unknown>, width: unknown, field: string): Parsed<DrawnFeature> {
	const line = positions(geometry.coordinates, `${field}.geometry.coordinates`);
	if (!line.ok) return line;
	if (line.value.length < 2 || !hasLength(line.value)) {
		return fail('line_too_short', `خط ${field} دست‌کم دو نقطهٔ جدا لازم دارد.`, `The line ${field} needs at least two distinct points.`);
	}
	const crossing = lineSelfIntersection(line.value);
	if (crossing) return selfIntersecting(crossing, 'line', field);
	const { min, max } = EXCAVATION_LIMITS.widthM;
	if (width === undefined || width === null) {
		return fail('width_required', `پهنای ترانشه (${field}.width_m) داده نشده است.`, `The trench width (${field}.width_m) is missing.`);
	}
	if (typeof width !== 'number' || !Number.isFinite(width)) {
		const given = typeof width === 'string' ? `«${width.slice(0, 20)}» (متن)` : typeof width;
		const givenEn = typeof width === 'string' ? `"${width.slice(0, 20)}" (text)` : typeof width;
		return fail(
			'width_not_a_number',
			`پهنای ترانشه (${field}.width_m) باید عددی به متر باشد، نه ${given}.`,
			`The trench width (${field}.width_m) must be a number of metres, not ${givenEn}.`
		);
	}
	if (width < min || width > max) {
		return fail(
			'width_out_of_range',
			`پهنای ترانشه (${field}.width_m) باید بین ${min} و ${max} متر باشد، نه ${String(width)}.`,
			`The trench width (${field}.width_m) must be between ${min} and ${max} m, not ${String(width)}.`
		);
	}
	return ok({ kind: 'trench', geometry: { type: 'LineString', coordinates: line.value }, width_m: width });
}

function pit(geometry: Record<string, unknown>, width: unknown, field: string): Parsed<DrawnFeature> {
	if (width !== undefined && width !== null) {
		return fail(
			'width_not_allowed',
			`${field} چندضلعی است و پهنا (width_m) نمی‌گیرد: مساحتش همان است که کشیده شده.`,
			`${field} is a polygon and takes no width (width_m): its area is what is drawn.`
		);
	}
	const raw = geometry.coordinates;
	if (!Array.isArray(raw) || raw.length === 0) {
		return fail('invalid_coordinates', `${field}.geometry.coordinates باید فهرستی از حلقه‌ها باشد.`, `${field}.geometry.coordinates must be a list of rings.`);
	}
	const rings: [number, number][][] = [];
	for (let r = 0; r < raw.length; r++) {
		const ringField = `${field}.geometry.coordinates[${r}]`;
		const ring = positions(raw[r], ringField);
		if (!ring.ok) return ring;
		const pts = ring.value;
		const closed = pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1];
		if (!closed) return fail('ring_not_closed', `حلقهٔ ${ringField} بسته نیست: نقطهٔ آخر باید همان نقطهٔ اول باشد.`, `The ring ${ringField} is not closed: its last point must repeat its first.`);
		if (pts.length >= 4 && ringDoubleArea(pts) === 0) {
			// a bow-tie whose two halves cancel out has no area because its edges cross: say so
			const crossing = polygonSelfIntersection([pts]);
			if (crossing) return selfIntersecting(crossing, 'polygon', field);
		}
		if (pts.length < 4 || ringDoubleArea(pts) === 0) {
			return fail('ring_too_small', `حلقهٔ ${ringField} دست‌کم سه نقطهٔ جدا و مساحت لازم دارد.`, `The ring ${ringField} needs at least three distinct points and some area.`);
		}
		rings.push(pts);
	}
	const crossing = polygonSelfIntersection(rings);
	if (crossing) return selfIntersecting(crossing, 'polygon', field);
	return ok({ kind: 'pit', geometry: { type: 'Polygon', coordinates: rings }, width_m: null });
}

function feature(raw: unknown, field: string): Parsed<DrawnFeature> {
	if (!isObject(raw) || !isObject(raw.geometry)) {
		return fail('invalid_geometry', `${field}.geometry باید یک هندسهٔ GeoJSON باشد.`, `${field}.geometry must be a GeoJSON geometry.`);
	}
	const type = raw.geometry.type;
	if (type === 'LineString') return trench(raw.geometry, raw.width_m, field);
	if (type === 'Polygon') return pit(raw.geometry, raw.width_m, field);
	return fail(
		'invalid_geometry_type',
		`${field}.geometry.type باید LineString (ترانشه) یا Polygon (چاله) باشد، نه «${String(type)}».`,
		`${field}.geometry.type must be LineString (a trench) or Polygon (a pit), not "${String(type)}".`
	);
}

const vertexCount = (f: DrawnFeature) => (f.kind === 'trench' ? f.geometry.coordinates.length : f.geometry.coordinates.reduce((n, r) => n + r.length, 0));

/** A calendar date YYYY-MM-DD (Persian digits accepted), or why not. */
export function parseIsoDate(raw: unknown, field: string, label: { fa: string; en: string }): Parsed<IsoDate> {
	const text = typeof raw === 'string' ? toLatinDigits(raw.trim()) : '';
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
	if (!m || !date || date.toISOString().slice(0, 10) !== text) {
		const given = raw === undefined || raw === null ? '' : ` (${String(raw)})`;
		return fail('invalid_date', `${label.fa} (${field}) باید تاریخی به شکل YYYY-MM-DD باشد${given}.`, `The ${label.en} (${field}) must be a date as YYYY-MM-DD${given}.`);
	}
	return ok(text);
}

/** Dates of a dig: both given, the end not before the start, no longer than the limit. */
export function parsePeriod(rawStart: unknown, rawEnd: unknown): Parsed<{ start: IsoDate; end: IsoDate }> {
	const start = parseIsoDate(rawStart, 'start', { fa: 'تاریخ شروع', en: 'start date' });
	if (!start.ok) return start;
	const end = parseIsoDate(rawEnd, 'end', { fa: 'تاریخ پایان', en: 'end date' });
	if (!end.ok) return end;
	if (end.value < start.value) {
		return fail('end_before_start', `تاریخ پایان (${end.value}) پیش از تاریخ شروع (${start.value}) است.`, `The end date (${end.value}) is before the start date (${start.value}).`);
	}
	const days = inclusiveDays(start.value, end.value);
	if (days > EXCAVATION_LIMITS.maxDays) {
		return fail(
			'period_too_long',
			`بازهٔ ${days} روزه بیش از ${EXCAVATION_LIMITS.maxDays} روز است؛ کار را در چند مرحله درخواست کنید.`,
			`A ${days}-day period is longer than ${EXCAVATION_LIMITS.maxDays} days; apply for the works in phases.`
		);
	}
	return ok({ start: start.value, end: end.value });
}

/**
 * The body of `POST /api/excavations/check`.
 *
 * @example parseExcavationCheck({ features: [{ geometry: { type: 'LineString', coordinates: [[51.67, 32.65], [51.671, 32.65]] }, width_m: 0.8 }], start: '2026-12-01', end: '2026-12-10' })
 */
export function parseExcavationCheck(body: unknown): Parsed<ExcavationCheckInput> {
	if (!isObject(body)) return fail('invalid_request', 'درخواست باید یک شیء JSON باشد.', 'The request body must be a JSON object.');
	const raw = body.features;
	if (!Array.isArray(raw) || raw.length === 0) {
		return fail('features_required', 'دست‌کم یک ترانشه یا چاله (features) بکشید.', 'Draw at least one trench or pit (features).');
	}
	const { maxFeatures, maxVertices, maxVerticesPerFeature } = EXCAVATION_LIMITS;
	if (raw.length > maxFeatures) {
		return fail('too_many_features', `حداکثر ${maxFeatures} عارضه (features) در یک درخواست پذیرفته است، نه ${raw.length}.`, `At most ${maxFeatures} features are accepted in one application, not ${raw.length}.`);
	}
	const features: DrawnFeature[] = [];
	let vertices = 0;
	for (let i = 0; i < raw.length; i++) {
		const f = feature(raw[i], `features[${i}]`);
		if (!f.ok) return f;
		const n = vertexCount(f.value);
		if (n > maxVerticesPerFeature) {
			return fail('too_many_vertices', `features[${i}] ${n} نقطه دارد؛ حداکثر ${maxVerticesPerFeature} پذیرفته است.`, `features[${i}] has ${n} vertices; at most ${maxVerticesPerFeature} are accepted.`);
		}
		vertices += n;
		features.push(f.value);
	}
	if (vertices > maxVertices) {
		return fail('too_many_vertices', `عارضه‌ها روی هم ${vertices} نقطه دارند؛ حداکثر ${maxVertices} پذیرفته است.`, `The features have ${vertices} vertices in all; at most ${maxVertices} are accepted.`);
	}
	const period = parsePeriod(body.start, body.end);
	if (!period.ok) return period;
	const emergency = body.emergency ?? false;
	if (typeof emergency !== 'boolean') {
		return fail('invalid_emergency', 'فیلد اضطراری (emergency) باید true یا false باشد.', 'The emergency field must be true or false.');
	}
	return ok({ features, ...period.value, emergency });
}

export interface WorksQuery {
	/** west, south, east, north in WGS84 degrees */
	bbox: [number, number, number, number];
	from: IsoDate | null;
	to: IsoDate | null;
}

/** `?bbox=west,south,east,north&from=&to=` of `GET /api/excavations`: bbox required and capped, dates optional. */
export function parseWorksQuery(params: URLSearchParams): Parsed<WorksQuery> {
	const raw = params.get('bbox');
	if (raw === null || raw.trim() === '') {
		return fail('bbox_required', 'محدوده (bbox=غرب،جنوب،شرق،شمال) داده نشده است.', 'The area (bbox=west,south,east,north) is missing.');
	}
	const parts = toLatinDigits(raw).split(',').map((p) => p.trim());
	const numbers = parts.map((p) => (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(p) ? Number(p) : NaN));
	if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
		return fail('invalid_bbox', `محدوده (bbox) باید چهار عدد غرب،جنوب،شرق،شمال باشد، نه «${raw}».`, `The bbox must be four numbers west,south,east,north, not "${raw}".`);
	}
	const [west, south, east, north] = numbers;
	if (Math.abs(west) > 180 || Math.abs(east) > 180 || Math.abs(south) > 90 || Math.abs(north) > 90 || west >= east || south >= north) {
		return fail(
			'invalid_bbox',
			`محدوده (bbox) باید به درجهٔ WGS84 و به ترتیب غرب،جنوب،شرق،شمال باشد (غرب < شرق، جنوب < شمال)، نه «${raw}».`,
			`The bbox must be WGS84 degrees in the order west,south,east,north (west < east, south < north), not "${raw}".`
		);
	}
	const max = EXCAVATION_LIMITS.maxBboxDegrees;
	if (east - west > max || north - south > max) {
		return fail('bbox_too_large', `محدوده (bbox) حداکثر ${max} درجه در هر سو پذیرفته است؛ نقشه را بزرگ‌تر کنید.`, `The bbox may span at most ${max}° each way; zoom the map in.`);
	}
	const date = (field: 'from' | 'to', label: { fa: string; en: string }): Parsed<IsoDate | null> => {
		const value = params.get(field);
		return value ? parseIsoDate(value, field, label) : ok(null);
	};
	const from = date('from', { fa: 'تاریخ آغاز بازه', en: 'from date' });
	if (!from.ok) return from;
	const to = date('to', { fa: 'تاریخ پایان بازه', en: 'to date' });
	if (!to.ok) return to;
	if (from.value && to.value && to.value < from.value) {
		return fail('end_before_start', `تاریخ پایان بازه (to=${to.value}) پیش از آغاز آن (from=${from.value}) است.`, `The to date (${to.value}) is before the from date (${from.value}).`);
	}
	return ok({ bbox: [west, south, east, north], from: from.value, to: to.value });
}
