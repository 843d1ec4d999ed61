/**
 * A small city for the OGC API tests, in UTM 39N near Isfahan: two districts, a 6 × 6 grid of
 * 20 × 30 m parcels (three of them deleted, so ids have gaps), streets with half-metre widths, a
 * widening line and corridor, a zone, an overlay and buildings (one without geometry). Every private
 * column is filled with a value that must never appear in an OGC answer: `SECRETS`.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { TEST_SRID } from '../db';

export const E0 = 562000;
export const N0 = 3612000;
export const PARCEL_W = 20;
export const PARCEL_H = 30;
export const GRID = 6;

/** Values of columns the API must never publish (owners, registry plates, postal codes, addresses, permits). */
export const SECRETS = {
	owner: 'مالک‌نمونه رضایی‌فر',
	nationalId: '0012345679',
	mobile: '09129876543',
	plate: '4417/93',
	registrySection: 'بخش ۱۷ ثبتی',
	postalCode: '8174673111',
	address: 'کوچهٔ پنهان‌نگار، پلاک ۷',
	permitNo: 'PRM-1403-5521'
};

/**
 * The public property keys of every collection, written out here on purpose: publishing a new column
 * must change this test too. Nothing about people, no registry plates, postal codes or addresses.
 */
export const PUBLIC_PROPERTIES: Record<string, string[]> = {
	districts: ['code', 'name_fa', 'name_en'],
	blocks: ['code', 'district_code'],
	parcels: ['renovation_code', 'district_code', 'block_code', 'area_m2'],
	zoning_zones: ['code', 'land_use', 'density_pct', 'occupancy_pct', 'max_floors', 'max_height_m', 'description'],
	streets: ['name_fa', 'name_en', 'class', 'width_m', 'planned_width_m'],
	widening_lines: ['street_id', 'planned_width_m'],
	widening_corridors: ['street_id', 'planned_width_m'],
	overlays: ['kind', 'name_fa', 'name_en', 'max_height_m', 'max_floors', 'rule_fa', 'rule_en'],
	buildings: ['parcel_id', 'floors', 'built_floor_area_m2', 'permitted_floor_area_m2']
};

const rect = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${x0}::float8, ${y0}::float8, ${x1}::float8, ${y1}::float8, ${TEST_SRID}::int))`;
const line = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${x0}::float8, ${y0}::float8), ST_MakePoint(${x1}::float8, ${y1}::float8)), ${TEST_SRID}::int))`;

export interface OgcWorld {
	parcelIds: number[];
	districtNames: Map<number, string>;
}

export async function buildOgcWorld(db: Kysely<DB>): Promise<OgcWorld> {
	const width = GRID * PARCEL_W;
	const height = GRID * PARCEL_H;
	const districts = await db
		.insertInto('districts')
		.values([
			{ code: '1', name_fa: 'منطقهٔ یکِ شهر', name_en: 'District 1', geom: rect(E0 - 50, N0 - 50, E0 + width / 2, N0 + height + 50) },
			{ code: '2', name_fa: 'منطقهٔ دوِ شهر (چهارباغ)', name_en: null, geom: rect(E0 + width / 2, N0 - 50, E0 + width + 50, N0 + height + 50) }
		])
		.returning(['id', 'name_fa'])
		.execute();
	const block = await db
		.insertInto('blocks')
		.values({ code: '1-07', district_id: districts[0].id, geom: rect(E0, N0, E0 + width, N0 + height) })
		.returning('id')
		.executeTakeFirstOrThrow();

	const parcels = [];
	for (let i = 0; i < GRID; i++) {
		for (let j = 0; j < GRID; j++) {
			const x = E0 + i * PARCEL_W;
			const y = N0 + j * PARCEL_H;
			parcels.push({
				renovation_code: `1-07-${i}${j}`,
				registration_plate: i === 0 && j === 0 ? SECRETS.plate : `${100 + i}/${j + 1}`,
				registry_section: SECRETS.registrySection,
				postal_code: i === 0 && j === 0 ? SECRETS.postalCode : `81746${String(i * GRID + j).padStart(5, '0')}`,
				address: SECRETS.address,
				district_id: x < E0 + width / 2 ? districts[0].id : districts[1].id,
				block_id: block.id,
				attributes: JSON.stringify({ OWNER: SECRETS.owner, NATIONAL_ID: SECRETS.nationalId, MOBILE: SECRETS.mobile }),
				geom: rect(x, y, x + PARCEL_W, y + PARCEL_H)
			});
		}
	}
	const inserted = await db.insertInto('parcels').values(parcels).returning('id').execute();
	// gaps in the ids: keyset paging must not assume consecutive ids
	const removed = [inserted[3].id, inserted[4].id, inserted[20].id];
	await db.deleteFrom('parcels').where('id', 'in', removed).execute();

	const street = await db
		.insertInto('streets')
		.values([
			{ name_fa: 'خیابان چهارباغ عباسی', name_en: 'Chaharbagh Abbasi St', class: 'arterial', width_m: 24, planned_width_m: 30, geom: line(E0 - 50, N0 - 20, E0 + width + 50, N0 - 20) },
			{ name_fa: 'کوچهٔ گلستان', name_en: null, class: 'local', width_m: 7.5, planned_width_m: 10.5, geom: line(E0 - 20, N0, E0 - 20, N0 + height) }
		])
		.returning('id')
		.execute();
	await db
		.insertInto('widening_lines')
		.values({ street_id: street[0].id, planned_width_m: 30, geom: line(E0 - 50, N0 - 5, E0 + width + 50, N0 - 5) })
		.execute();
	await db
		.insertInto('widening_corridors')
		.values({ street_id: street[0].id, planned_width_m: 30, geom: rect(E0 - 50, N0 - 35, E0 + width + 50, N0 - 5) })
		.execute();
	await db
		.insertInto('zoning_zones')
		.values({ code: 'R121', land_use: 'residential', density_pct: 120.5, occupancy_pct: 60, max_floors: 4, max_height_m: 13.5, description: 'مسکونی با تراکم متوسط', geom: rect(E0 - 50, N0 - 50, E0 + width + 50, N0 + height + 50) })
		.execute();
	await db
		.insertInto('overlays')
		.values({ kind: 'heritage', name_fa: 'حریم مسجد شیخ لطف‌الله', name_en: 'Sheikh Lotfollah buffer', max_height_m: 7.5, max_floors: 2, rule_fa: 'ارتفاع حداکثر ۷٫۵ متر', rule_en: 'At most 7.5 m high', geom: rect(E0, N0, E0 + 40, N0 + 60) })
		.execute();
	const first = inserted[0].id;
	await db
		.insertInto('buildings')
		.values([
			{ parcel_id: first, floors: 3, built_floor_area_m2: 410.5, permitted_floor_area_m2: 420, permit_no: SECRETS.permitNo, permit_date: '2024-03-05', geom: rect(E0 + 2, N0 + 2, E0 + 18, N0 + 20) },
			{ parcel_id: inserted[1].id, floors: 2, built_floor_area_m2: 300, permitted_floor_area_m2: 300, permit_no: null, permit_date: null, geom: null }
		])
		.execute();

	const { rows } = await sql<{ id: number }>`select id from parcels order by id`.execute(db);
	return { parcelIds: rows.map((r) => r.id), districtNames: new Map(districts.map((d) => [d.id, d.name_fa])) };
}
