/**
 * A small street network for the excavation tests, in UTM 39N near Isfahan, with every number
 * chosen so the expected areas and fees can be worked out by hand (x, y in metres from E0, N0):
 *
 *          y ↑             Golestan Alley (local, 10 m, street B: x 95…105), under a moratorium
 *   +200          heritage │  ┌────────────┐
 *                 overlay  │  │ x 200…400, │
 *   +20                    │  │ y 20…200   │
 *   +10 ───footway (paving)┼──┴────────────┴──── Chaharbagh St. (arterial, 20 m, street A)
 *    ±7 ═══carriageway (asphalt, y −7…7)═══════   water works W1 (approved) at y = −3, x −100…−50
 *   −10 ───footway (paving)┼─────────────────
 *       −300               100             300 → x
 *
 * Surfaces overlap at the junction (B's carriageway crosses A's), as real surface layers do.
 */
import proj4 from 'proj4';
import { sql, type Kysely } from 'kysely';
import type { LineString, Polygon } from 'geojson';
import type { DB } from '../../src/lib/server/db/schema';
import { loadBlackoutCalendar, recordWork } from '../../src/lib/server/excavation';
import type { DrawnFeature } from '../../src/lib/schemas/excavation';
import type { SessionUser } from '../../src/lib/server/auth';
import { TEST_SRID } from '../db';

export const E0 = 560000;
export const N0 = 3612000;
const UTM39N = '+proj=utm +zone=39 +datum=WGS84 +units=m +no_defs';

/** WGS84 [lon, lat] of a point given in metres from (E0, N0). */
export function lonLat(x: number, y: number): [number, number] {
	const [lon, lat] = proj4(UTM39N, 'EPSG:4326', [E0 + x, N0 + y]);
	return [lon, lat];
}

/** A trench along the given points (metres from E0, N0), as the API takes it. */
export function trench(points: [number, number][], width_m: number): { geometry: LineString; width_m: number } {
	return { geometry: { type: 'LineString', coordinates: points.map(([x, y]) => lonLat(x, y)) }, width_m };
}

/** A rectangular pit (metres from E0, N0), as the API takes it. */
export function pit(x0: number, y0: number, x1: number, y1: number): { geometry: Polygon } {
	const ring = [lonLat(x0, y0), lonLat(x1, y0), lonLat(x1, y1), lonLat(x0, y1), lonLat(x0, y0)];
	return { geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** The same trench as a parsed drawn feature, to record works directly. */
export function drawnTrench(points: [number, number][], width_m: number): DrawnFeature {
	return { kind: 'trench', ...trench(points, width_m) };
}

const box = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${E0 + x0}::float8, ${N0 + y0}::float8, ${E0 + x1}::float8, ${N0 + y1}::float8, ${TEST_SRID}::int))`;
const line = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 + x0}::float8, ${N0 + y0}::float8), ST_MakePoint(${E0 + x1}::float8, ${N0 + y1}::float8)), ${TEST_SRID}::int))`;

export const APPLICANT = { name: 'مریم متقاضی آزمایشی', nationalId: '0010000011', mobile: '09120000001' };

export interface ExcavationWorld {
	streetA: number;
	streetB: number;
	moratoriumId: number;
	heritageId: number;
	water: number;
	gas: number;
	applicant: number;
	/** approved water works at y = −3 from x −100 to −50, 0.6 m wide, 2026-12-05 … 2026-12-20 */
	w1: number;
	/** the same place and dates, but cancelled: never a clash */
	w3: number;
	/** a draft: never public */
	draft: number;
}

export async function buildExcavationWorld(db: Kysely<DB>): Promise<ExcavationWorld> {
	await db.insertInto('districts').values({ code: '3', name_fa: 'منطقهٔ ۳', name_en: 'District 3', geom: box(-1000, -1000, 1000, 1000) }).execute();
	const street = (name_fa: string, name_en: string, cls: 'arterial' | 'local', width: number, geom: ReturnType<typeof line>) =>
		db
			.insertInto('streets')
			.values({ name_fa, name_en, class: cls, width_m: width, planned_width_m: width, geom })
			.returning('id')
			.executeTakeFirstOrThrow()
			.then((r) => r.id);
	const streetA = await street('خیابان چهارباغ', 'Chaharbagh St.', 'arterial', 20, line(-300, 0, 300, 0));
	const streetB = await street('کوچه گلستان', 'Golestan Alley', 'local', 10, line(100, -200, 100, 200));
	await db
		.insertInto('street_surfaces')
		.values([
			{ street_id: streetA, surface: 'asphalt', location: 'carriageway', geom: box(-300, -7, 300, 7) },
			{ street_id: streetA, surface: 'paving', location: 'footway', geom: box(-300, 7, 300, 10) },
			{ street_id: streetA, surface: 'paving', location: 'footway', geom: box(-300, -10, 300, -7) },
			{ street_id: streetB, surface: 'asphalt', location: 'carriageway', geom: box(95, -200, 105, 200) }
		])
		.execute();
	const moratorium = await db
		.insertInto('restrictions')
		.values({ reason: 'روکش آسفالت ۱۴۰۵', starts_on: '2026-06-01', ends_on: '2029-05-31', source: 'قرارداد روکش ۱۴۰۵/۱۲', street_id: streetB, geom: box(95, -200, 105, 200) })
		.returning('id')
		.executeTakeFirstOrThrow();
	const heritage = await db
		.insertInto('overlays')
		.values({ kind: 'heritage_buffer', name_fa: 'حریم مسجد جامع', name_en: 'Jameh Mosque buffer', max_height_m: 9, max_floors: null, rule_fa: null, rule_en: null, geom: box(200, 20, 400, 200) })
		.returning('id')
		.executeTakeFirstOrThrow();
	const organisation = (code: string, kind: 'water' | 'gas', name_fa: string, name_en: string) =>
		db.insertInto('organisations').values({ code, kind, name_fa, name_en }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
	const water = await organisation('abfa', 'water', 'شرکت آب و فاضلاب', 'Water and Sewerage Company');
	const gas = await organisation('gas', 'gas', 'شرکت گاز استان', 'Provincial Gas Company');
	const applicant = (
		await db
			.insertInto('users')
			.values({ kind: 'citizen', national_id: APPLICANT.nationalId, mobile: APPLICANT.mobile, display_name: APPLICANT.name })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await loadBlackoutCalendar(db);

	const w1Trench = [drawnTrench([[-100, -3], [-50, -3]], 0.6)];
	const base = { organisationId: water, applicantUserId: applicant, purpose: 'repair' as const, start: '2026-12-05', end: '2026-12-20', emergency: false };
	const w1 = await recordWork(db, { ...base, reference: 'EXC-1405-00001', status: 'approved', features: w1Trench });
	const w3 = await recordWork(db, { ...base, reference: 'EXC-1405-00003', status: 'cancelled', features: w1Trench });
	const draft = await recordWork(db, { ...base, reference: 'EXC-1405-00004', status: 'draft', organisationId: gas, features: [drawnTrench([[-200, 3], [-150, 3]], 0.6)] });
	return { streetA, streetB, moratoriumId: moratorium.id, heritageId: heritage.id, water, gas, applicant, w1, w3, draft };
}

/** A part of a dig as the check measures it for the fee: its ground and area. */
export interface FeeBase {
	surface: string;
	road_class: string;
	recently_paved: boolean;
	area_m2: number;
}

/**
 * A 30 m trench west of the world's centre filed by `applicant` through the filing route (5–10
 * December 2026), its measured fee bases then set to `bases`: the fee is assessed on them when the
 * work is approved. Returns the work's id.
 */
export async function fileTrenchAssessedOn(db: Kysely<DB>, applicant: SessionUser, bases: FeeBase[]): Promise<number> {
	const payload = { features: [trench([[-250, -3], [-220, -3]], 0.6)], start: '2026-12-05', end: '2026-12-10', emergency: false, purpose: 'repair', description: 'نشت لوله' };
	const request = new Request('http://pelak.test/api/excavations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
	const { POST: fileRoute } = await import('../../src/routes/api/excavations/+server');
	const response = await fileRoute({ request, locals: { db, lang: 'en', user: applicant } } as never);
	if (response.status !== 201) throw new Error(`filing the trench answered ${response.status}: ${await response.text()}`);
	const workId = ((await response.json()) as { id: number }).id;
	await sql`update excavation_works set check_result = jsonb_set(check_result, '{fee_bases}', ${JSON.stringify(bases)}::jsonb) where id = ${workId}`.execute(db);
	return workId;
}
