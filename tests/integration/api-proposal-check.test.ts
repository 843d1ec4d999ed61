/**
 * POST /api/parcels/:id/proposal-check on the hand-measured city (tests/factories/parcel-city.ts)
 * under the sample rule book: P1 is 20 × 30 m (x 0…20, y 5…35) in zone R121, the widening line
 * runs along y = 10, so 100 m² are setback and 500 m² net, 25 m deep. R121 allows 180 % density
 * (900 m²), 60 % occupancy (300 m²), 3 floors, 11 m, and a north-side depth of 60 % + 2 m (17 m).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Polygon } from 'geojson';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildParcelCity, toLonLat, type ParcelCity } from '../factories/parcel-city';
import { SAMPLE_RULE_BOOK, type RuleResult } from '../../src/lib/domain/rules';
import { newRuleBookOf, saveRuleBook } from '../../src/lib/server/rules';
import { checkParcelProposal } from '../../src/lib/server/rules/proposal-check.service';
import { proposalFactsQuery } from '../../src/lib/server/rules/proposal-facts.repository';
import { POST as proposalCheck } from '../../src/routes/api/parcels/[id]/proposal-check/+server';
import type { ProposalCheckResponse, ProposalErrorBody } from '../../src/lib/api/proposal';
import type { ApiError } from '../../src/lib/api/parcel';
import type { Lang } from '../../src/lib/i18n';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

let database: TestDatabase;
let f: ParcelCity;
beforeAll(async () => {
	database = await openTestDatabase();
	f = await buildParcelCity(database.db);
	const { book, zones } = newRuleBookOf(SAMPLE_RULE_BOOK);
	await database.db.transaction().execute((trx) => saveRuleBook(trx, book, zones));
});
afterAll(async () => {
	await database?.close();
});

async function post(id: string, body: unknown, lang: Lang = 'en') {
	const url = new URL(`/api/parcels/${id}/proposal-check`, 'http://pelak.test');
	const request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	const event = { url, params: { id }, locals: { db: database.db, backend: database.backend, lang }, request };
	const response = await proposalCheck(event as never);
	return { status: response.status, body: await response.json() };
}

/** A rectangle given in metres from the city's origin, as GeoJSON in WGS84. */
async function drawn(x0: number, y0: number, x1: number, y1: number): Promise<Polygon> {
	const corners = await Promise.all([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => toLonLat(database.db, x, y)));
	return { type: 'Polygon', coordinates: [corners] };
}

/** Pilotis ground floor and three storeys of `area` m², three 85 m² units, three spaces. */
const building = (area: number, footprint: number | Polygon = area) => ({
	floors: [
		{ level: 0, use: 'pilotis', area_m2: area },
		...[1, 2, 3].map((level) => ({ level, use: 'residential', area_m2: area }))
	],
	footprint_m2: footprint,
	height_m: 10.5,
	units: [{ area_m2: 85 }, { area_m2: 85 }, { area_m2: 85 }],
	parking_spaces: 3
});

const rule = (body: ProposalCheckResponse, name: string): RuleResult => body.rules.find((r) => r.rule === name)!;

describe(`POST /api/parcels/:id/proposal-check (${backend})`, () => {
	it('passes density for a proposal within the limits, naming the book and the clause', async () => {
		const res = await post(String(f.p1), building(180));
		expect(res.status).toBe(200);
		const body = res.body as ProposalCheckResponse;
		expect(rule(body, 'density')).toMatchObject({ verdict: 'pass', limit: 900, proposed: 540, unit: 'm2', clause: 'ضوابط طرح تفصیلی نمونه، بند ۳-۲' });
		expect(rule(body, 'density').explanation.en).toMatch(/540(\.00)? m² .* within the density limit of 900(\.00)? m²/);
		expect(rule(body, 'occupancy')).toMatchObject({ verdict: 'pass', limit: 300, proposed: 180 });
		expect(body.rule_book).toMatchObject({ title: SAMPLE_RULE_BOOK.title_fa, effective_from: '2025-03-21', sample: true });
		expect(body.zone_code).toBe('R121');
		expect(body.facts).toMatchObject({ gross_area_m2: 600, setback_area_m2: 100, net_area_m2: 500, parcel_depth_m: 25, footprint: null });
		// a footprint given only as a number cannot be placed: an officer checks where it stands
		expect(rule(body, 'footprint_in_parcel').verdict).toBe('needs_officer');
		expect(body.ok).toBe(false);
	});

	it('fails unit areas when the flats cannot fit in the residential floors left (floors removed, flats kept)', async () => {
		const body = { ...building(140), floors: building(140).floors.slice(0, 3), units: [{ area_m2: 143 }, { area_m2: 143 }, { area_m2: 143 }] };
		const res = await post(String(f.p1), body, 'fa');
		expect(res.status).toBe(200);
		const check = res.body as ProposalCheckResponse;
		expect(rule(check, 'unit_areas')).toMatchObject({ verdict: 'fail', limit: 280, proposed: 429, unit: 'm2', clause: 'ضوابط طرح تفصیلی نمونه، بند ۳-۶' });
		expect(rule(check, 'unit_areas').explanation.fa).toContain('مجموع مساحت ۳ واحد مسکونی ۴۲۹٫۰۰ م² است و از زیربنای طبقات مسکونی (۲۸۰٫۰۰ م²)');
		expect(check.ok).toBe(false);
		// the starting proposal's flats fit
		expect(rule((await post(String(f.p1), building(140))).body, 'unit_areas')).toMatchObject({ verdict: 'pass', limit: 420, proposed: 255 });
	});

	it('fails density when the floors exceed net area × density %', async () => {
		// exactly at the limit passes; 20 m² a floor more does not
		const at = (await post(String(f.p1), building(300))).body as ProposalCheckResponse;
		expect(rule(at, 'density')).toMatchObject({ verdict: 'pass', limit: 900, proposed: 900 });
		const over = (await post(String(f.p1), building(320, 300))).body as ProposalCheckResponse;
		expect(rule(over, 'density')).toMatchObject({ verdict: 'fail', limit: 900, proposed: 960 });
	});

	it('fails footprint_beyond_widening for a drawn footprint crossing the widening line', async () => {
		// 16 × 16 m from y = 8: the strip y 8…10 (32 m²) lies in the planned street
		const res = await post(String(f.p1), building(256, await drawn(2, 8, 18, 24)));
		expect(res.status).toBe(200);
		const body = res.body as ProposalCheckResponse;
		expect(rule(body, 'footprint_beyond_widening')).toMatchObject({ verdict: 'fail', proposed: 32, unit: 'm2' });
		expect(rule(body, 'footprint_beyond_widening').explanation.en).toMatch(/32(\.00)? m² of the proposed footprint lies beyond the widening line/);
		expect(body.facts.footprint).toMatchObject({ area_m2: 256, beyond_widening_m2: 32, outside_parcel_m2: 0, depth_m: 16, front_distance_m: 0 });
		expect(body.ok).toBe(false);
	});

	it('measures a footprint behind the widening line: inside the parcel, 2 m back, within the north-side depth', async () => {
		const body = (await post(String(f.p1), building(256, await drawn(2, 12, 18, 28)))).body as ProposalCheckResponse;
		expect(body.facts.footprint).toMatchObject({ area_m2: 256, beyond_widening_m2: 0, outside_parcel_m2: 0, depth_m: 16, front_distance_m: 2 });
		expect(rule(body, 'footprint_beyond_widening').verdict).toBe('pass');
		expect(rule(body, 'footprint_in_parcel').verdict).toBe('pass');
		// 60 % of the 25 m depth after widening + 2 m = 17 m
		expect(rule(body, 'north_depth')).toMatchObject({ verdict: 'pass', limit: 17, proposed: 16 });
	});

	it('finds the part of a drawn footprint outside the parcel', async () => {
		const body = (await post(String(f.p1), building(200, await drawn(10, 15, 30, 25)))).body as ProposalCheckResponse;
		expect(rule(body, 'footprint_in_parcel')).toMatchObject({ verdict: 'fail', proposed: 100 });
	});

	it('answers 400 naming each bad field, in English or in Persian by the lang cookie', async () => {
		const bad = { ...building(180), height_m: -3, floors: [{ level: 1, use: 'residential', area_m2: 'big' }], colour: 'red' };
		const en = await post(String(f.p1), bad, 'en');
		expect(en.status).toBe(400);
		const error = (en.body as ProposalErrorBody).error;
		expect(error.code).toBe('invalid_proposal');
		expect(error.fields.map((e) => e.path).sort()).toEqual(['colour', 'floors[0].area_m2', 'height_m']);
		expect(error.fields.find((e) => e.path === 'height_m')?.message).toMatch(/height_m must be a positive number, not -3/);
		const fa = await post(String(f.p1), bad, 'fa');
		expect((fa.body as ProposalErrorBody).error.fields.find((e) => e.path === 'height_m')?.message).toMatch(/«height_m» باید عددی مثبت باشد/);
	});

	it('answers 400 for a body that is not JSON, and for a missing footprint', async () => {
		const res = await post(String(f.p1), '{"floors": [');
		expect(res.status).toBe(400);
		expect((res.body as ApiError).error.code).toBe('invalid_json');
		const { footprint_m2: _, ...without } = building(180);
		const missing = await post(String(f.p1), without);
		expect((missing.body as ProposalErrorBody).error.fields).toEqual([expect.objectContaining({ path: 'footprint_m2', code: 'required' })]);
	});

	it('answers 404 for an unknown parcel and 400 for a malformed id', async () => {
		const unknown = await post('987654', building(180));
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ error: { code: 'parcel_not_found', message: 'No parcel has id 987654.' } });
		expect((await post('abc', building(180))).status).toBe(400);
	});

	it('refuses to check while no rule book is in force (409)', async () => {
		const parsed = (await import('../../src/lib/domain/rules')).parseProposal(building(180));
		if (!parsed.ok) throw new Error('the test proposal must parse');
		await expect(checkParcelProposal(database.db, f.p1, parsed.value, '2020-01-01')).rejects.toMatchObject({ status: 409, code: 'no_rule_book_in_force' });
	});
});

describe(`proposal facts query plan (${backend})`, () => {
	it('reaches every layer through its GiST index, never by scanning a table', async () => {
		const footprint = JSON.stringify(await drawn(2, 8, 18, 24));
		const plan = await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql`explain ${proposalFactsQuery(f.p1, footprint)}`.execute(trx);
			return rows.map((r) => Object.values(r as object)[0]).join('\n');
		});
		for (const index of ['parcels_pkey', 'zoning_zone_parts_geom_idx', 'zoning_zones_pkey', 'overlay_parts_geom_idx', 'overlays_pkey', 'widening_corridors_geom_idx', 'streets_geom_idx']) {
			expect(plan).toContain(index);
		}
		expect(plan).not.toMatch(/Seq Scan on (parcels|zoning_zones|zoning_zone_parts|overlays|overlay_parts|widening_corridors|streets)\b/);
	});
});
