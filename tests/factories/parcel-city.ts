/**
 * A tiny hand-built city for the parcel lookup tests, in UTM 39N near Isfahan, with every number
 * chosen so the expected answers can be worked out by hand:
 *
 *   y ↑   zone R (x < E0+100)                     | zone C (x ≥ E0+100)
 *   N0+45         ┌──P2──┐ heritage overlay        |
 *   N0+35 ┌P1┬P4┐ │      │ (x ≥ E0+30, ≤ 7 m)  ┌──P3──┐ straddles R/C 25/75
 *   N0+15 │  └──┘ └──────┘                     └──────┘
 *   N0+10 │  │  ← corridor of Chaharbagh St. (planned 20 m: N0−10 … N0+10)
 *   N0+5  └──┘
 *         E0 E0+20 E0+30 E0+50              E0+95  E0+115
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { TEST_SRID } from '../db';

export const E0 = 560000;
export const N0 = 3612000;

const box = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${E0 + x0}::float8, ${N0 + y0}::float8, ${E0 + x1}::float8, ${N0 + y1}::float8, ${TEST_SRID}::int))`;

export interface ParcelCity {
	districtId: number;
	residentialZoneId: number;
	commercialZoneId: number;
	heritageId: number;
	streetId: number;
	/** 20 × 30 m = 600 m²; the corridor takes 20 × 5 = 100 m²; one building with 250 m² permitted; one open case. */
	p1: number;
	/** 20 × 30 m = 600 m² inside the heritage overlay. */
	p2: number;
	/** 20 × 20 m = 400 m², 25 % in zone R and 75 % in zone C. */
	p3: number;
	/** 10 × 20 m = 200 m² between P1 and P2, touching the overlay only along its edge. */
	p4: number;
}

export async function buildParcelCity(db: Kysely<DB>): Promise<ParcelCity> {
	const district = await db
		.insertInto('districts')
		.values({ code: '3', name_fa: 'منطقهٔ ۳', name_en: 'District 3', geom: box(-1000, -1000, 1000, 1000) })
		.returning('id')
		.executeTakeFirstOrThrow();
	const block = await db
		.insertInto('blocks')
		.values({ code: '101', district_id: district.id, geom: box(-5, 12, 120, 50) })
		.returning('id')
		.executeTakeFirstOrThrow();
	const residential = await db
		.insertInto('zoning_zones')
		.values({
			code: 'R121',
			land_use: 'residential',
			density_pct: 120,
			occupancy_pct: 50,
			max_floors: 4,
			max_height_m: 12,
			description: 'مسکونی تراکم متوسط',
			geom: box(-1000, -1000, 100, 1000)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const commercial = await db
		.insertInto('zoning_zones')
		.values({
			code: 'C211',
			land_use: 'commercial',
			density_pct: 240,
			occupancy_pct: 60,
			max_floors: 5,
			max_height_m: null,
			description: null,
			geom: box(100, -1000, 1000, 1000)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const heritage = await db
		.insertInto('overlays')
		.values({
			kind: 'heritage',
			name_fa: 'حریم میدان امام',
			name_en: 'Naqsh-e Jahan buffer',
			max_height_m: 7,
			max_floors: null,
			rule_fa: 'ارتفاع حداکثر ۷ متر',
			rule_en: 'Height at most 7 m',
			geom: box(30, 12, 60, 60)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const street = await db
		.insertInto('streets')
		.values({
			name_fa: 'خیابان چهارباغ عباسی',
			name_en: 'Chaharbagh Abbasi St.',
			class: 'arterial',
			width_m: 10,
			planned_width_m: 20,
			geom: sql<string>`ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(${E0 - 200}::float8, ${N0}::float8), ST_MakePoint(${E0 + 300}::float8, ${N0}::float8)), ${TEST_SRID}::int))`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('widening_corridors')
		.values({ street_id: street.id, planned_width_m: 20, geom: box(-200, -10, 300, 10) })
		.execute();

	const parcel = (values: { code: string; plate: string; postal: string; address: string; geom: ReturnType<typeof box> }) =>
		db
			.insertInto('parcels')
			.values({
				renovation_code: values.code,
				registration_plate: values.plate,
				registry_section: '5',
				postal_code: values.postal,
				address: values.address,
				district_id: district.id,
				block_id: block.id,
				geom: values.geom
			})
			.returning('id')
			.executeTakeFirstOrThrow()
			.then((r) => r.id);

	const p1 = await parcel({
		code: '3-101-001',
		plate: '1234/56',
		postal: '8146512345',
		address: 'اصفهان، خیابان چهارباغ‌عباسی، کوچهٔ ۱۲، پلاک ۴',
		geom: box(0, 5, 20, 35)
	});
	const p2 = await parcel({
		code: '3-101-002',
		plate: '1240/3',
		postal: '8146598765',
		address: 'اصفهان، میدان امام، بازار قیصریه',
		geom: box(30, 15, 50, 45)
	});
	const p3 = await parcel({
		code: '3-101-003',
		plate: '1299/1',
		postal: '8146500001',
		address: 'اصفهان، خیابان سپه، پلاک ۹',
		geom: box(95, 15, 115, 35)
	});
	const p4 = await parcel({
		code: '3-101-004',
		plate: '1234/57',
		postal: '8146512399',
		address: 'اصفهان، خیابان چهارباغ عباسی، کوچهٔ ۱۴',
		geom: box(20, 15, 30, 35)
	});

	await db
		.insertInto('buildings')
		.values({ parcel_id: p1, floors: 2, built_floor_area_m2: 240, permitted_floor_area_m2: 250, permit_no: 'P-1399-77', permit_date: '2020-05-01' })
		.execute();
	await db
		.insertInto('cases')
		.values([
			{ parcel_id: p1, tracking_code: 'C-0001', kind: 'building_permit', status: 'open', title_fa: 'پروانهٔ ساختمانی', title_en: 'Building permit', step_fa: 'بررسی مدارک', step_en: 'Document check', opened_at: '2025-01-10T08:30:00Z', due_on: '2025-02-10' },
			{ parcel_id: p1, tracking_code: 'C-0002', kind: 'inquiry', status: 'closed', title_fa: 'استعلام بانکی', title_en: 'Bank inquiry', opened_at: '2024-01-10T08:30:00Z' }
		])
		.execute();

	return {
		districtId: district.id,
		residentialZoneId: residential.id,
		commercialZoneId: commercial.id,
		heritageId: heritage.id,
		streetId: street.id,
		p1,
		p2,
		p3,
		p4
	};
}

/** WGS84 [lon, lat] of a point given in metres from (E0, N0). */
export async function toLonLat(db: Kysely<DB>, dx: number, dy: number): Promise<[number, number]> {
	const { rows } = await sql<{ lon: number; lat: number }>`
		select ST_X(g) as lon, ST_Y(g) as lat
		from ST_Transform(ST_SetSRID(ST_MakePoint(${E0 + dx}::float8, ${N0 + dy}::float8), ${TEST_SRID}::int), 4326) g`.execute(db);
	return [rows[0].lon, rows[0].lat];
}
