/**
 * The fee world plus what the two-stage permit needs: the SAMPLE rule book, zone R121 over the
 * whole test district, and a widening corridor along the south edge (y −10…5). parcel6b
 * (x 40–60, y 0–30, 600 m²) thus loses 20 × 5 = 100 m² to the corridor: 500 m² net, 25 m deep.
 * R121: 180 % density (900 m²), 60 % occupancy (300 m²), 3 floors, 11 m, north depth 60 % + 2 m
 * (17 m), light well 12 m² and 3 % (15 m²), one parking space a unit up to 150 m², pilotis required.
 */
import { afterAll, beforeAll } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Polygon } from 'geojson';
import type { DB } from '../../src/lib/server/db/schema';
import { SAMPLE_RULE_BOOK } from '../../src/lib/domain/rules';
import { newRuleBookOf, saveRuleBook } from '../../src/lib/server/rules';
import { buildFeeWorld, type FeeWorld } from './fee-world';
import { openTestDatabase, type TestDatabase } from '../db';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import type { SessionUser } from '../../src/lib/server/auth';

const E0 = 560000;
const N0 = 3612000;
const SRID = 32639;
const box = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${E0 + x0}::float8, ${N0 + y0}::float8, ${E0 + x1}::float8, ${N0 + y1}::float8, ${SRID}::int))`;

export const P_D7 = 4_000_000;

export interface PermitWorld extends FeeWorld {
	ruleBookId: number;
}

export async function buildPermitWorld(db: Kysely<DB>): Promise<PermitWorld> {
	const world = await buildFeeWorld(db);
	await db.insertInto('zoning_zones').values({ code: 'R121', land_use: 'residential', description: 'مسکونی', geom: box(-1000, -1000, 3000, 1000) }).execute();
	await db.insertInto('widening_corridors').values({ planned_width_m: 20, geom: box(-1000, -10, 3000, 5) }).execute();
	// parcel7 (district 7, x 1500–1520) gets a residential zone value of its own
	await db.insertInto('zone_values').values({ use_class: 'residential', p_rial_per_m2: P_D7, jalali_year: null, source_ref: 'test', geom: box(1400, -100, 1600, 100) }).execute();
	const { book, zones } = newRuleBookOf(SAMPLE_RULE_BOOK);
	const ruleBookId = await db.transaction().execute((trx) => saveRuleBook(trx, book, zones));
	return { ...world, ruleBookId };
}

/**
 * A test file's database with the permit world and a sandbox gateway on the world's clock: opened
 * before the file's tests (each handed to `ready`, which the file keeps in its own variables) and
 * closed, with the world's files, after them.
 */
export function usePermitWorld(ready: (setup: { database: TestDatabase; world: PermitWorld; gateway: SandboxGateway }) => void): void {
	let database: TestDatabase | undefined;
	let world: PermitWorld | undefined;
	beforeAll(async () => {
		database = await openTestDatabase();
		const built = await buildPermitWorld(database.db);
		world = built;
		ready({ database, world: built, gateway: new SandboxGateway(database.db, () => built.now) });
	});
	afterAll(async () => {
		world?.cleanup();
		await database?.close();
	});
}

/** A rectangle in metres from the test origin as GeoJSON in WGS84 (what the map sends). */
export async function drawn(db: Kysely<DB>, x0: number, y0: number, x1: number, y1: number): Promise<Polygon> {
	const { rows } = await sql<{ g: string }>`select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(${E0 + x0}::float8, ${N0 + y0}::float8, ${E0 + x1}::float8, ${N0 + y1}::float8, ${SRID}::int), 4326), 9) as g`.execute(db);
	return JSON.parse(rows[0].g) as Polygon;
}

/** Pilotis and `storeys` residential floors of `area` m² each, 85 m² units one a floor, a parking space each, a 15 m² light well. */
export function building(area: number, footprint: number | Polygon, storeys = 3) {
	return {
		floors: [{ level: 0, use: 'pilotis', area_m2: area }, ...Array.from({ length: storeys }, (_, i) => ({ level: i + 1, use: 'residential', area_m2: area }))],
		footprint_m2: footprint,
		height_m: 3.5 * storeys,
		units: Array.from({ length: storeys }, () => ({ area_m2: 85 })),
		parking_spaces: storeys,
		light_well_m2: 15
	};
}

/**
 * Pays the case's open bill in the sandbox gateway as the applicant's browser does: the payment is
 * started, the gateway page is settled as paid, and its callback completes it.
 */
export async function payOpenBill(db: Kysely<DB>, gateway: SandboxGateway, user: SessionUser, caseId: number, now: Date) {
	const bill = await db.selectFrom('fee_assessments').select('id').where('case_id', '=', caseId).where('status', '=', 'open').executeTakeFirstOrThrow();
	const started = await startPayment(db, gateway, user, bill.id, { callbackUrl: 'https://pelak.example.ir/payments/callback', now });
	const back = new URL(await gateway.settle(started.authority, true));
	return completePayment(db, gateway, back.searchParams, { now });
}
