/**
 * The works on the map: GET /api/excavations (public, by bbox and dates), GET /api/excavations/:id,
 * and the export for staff and utilities. Nothing about the applicant may reach any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { APPLICANT, buildExcavationWorld, drawnTrench, lonLat, type ExcavationWorld } from '../factories/excavation-world';
import { GET as listRoute } from '../../src/routes/api/excavations/+server';
import { GET as oneRoute } from '../../src/routes/api/excavations/[id]/+server';
import { GET as exportRoute } from '../../src/routes/api/excavations/export.geojson/+server';
import { recordWork } from '../../src/lib/server/excavation';
import type { SessionUser } from '../../src/lib/server/auth';
import type { PublicWorksCollection } from '../../src/lib/api/excavation';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { renderTile } from '../../src/lib/server/tiles/tile.service';
import { tileAt } from '../../src/lib/server/tiles/tile-coords';

let database: TestDatabase;
let world: ExcavationWorld;
let completed: number;
beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
	completed = await recordWork(database.db, {
		reference: 'EXC-1405-00002',
		organisationId: world.gas,
		applicantUserId: world.applicant,
		purpose: 'new_connection',
		status: 'completed',
		features: [drawnTrench([[150, 3], [200, 3]], 0.6)],
		start: '2026-10-01',
		end: '2026-10-03',
		emergency: false
	});
});
afterAll(async () => {
	await database?.close();
});

async function get(handler: (event: never) => Promise<Response> | Response, path: string, extra: { params?: Record<string, string>; user?: SessionUser | null } = {}) {
	const url = new URL(path, 'http://pelak.test');
	const event = { url, params: extra.params ?? {}, request: new Request(url), locals: { db: database.db, backend: database.backend, lang: 'en', user: extra.user ?? null } };
	const response = await handler(event as never);
	return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The whole test city and more, but within the size cap. */
function bbox(): string {
	const [w, s] = lonLat(-400, -400);
	const [e, n] = lonLat(400, 400);
	return [w, s, e, n].join(',');
}

const PUBLIC_KEYS = ['category', 'emergency', 'end', 'id', 'organisation_kind', 'organisation_name_en', 'organisation_name_fa', 'purpose', 'reference', 'start', 'status'];
const staff = (roles: SessionUser['roles']): SessionUser => ({ id: 99, kind: 'staff', displayName: 'x', nationalId: null, mobile: null, username: 'x', roles });
const grant = (role: SessionUser['roles'][number]['role'], agencyKind: SessionUser['roles'][number]['agencyKind'] = null) => ({ role, districtId: null, agencyKind, engineeringOfficeId: null });

describe(`GET /api/excavations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('answers the public works in the box as GeoJSON, without drafts, cancelled works or anything about the applicant', async () => {
		const res = await get(listRoute, `/api/excavations?bbox=${bbox()}`);
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/application\/geo\+json/);
		const body = JSON.parse(res.text) as PublicWorksCollection;
		expect(body.type).toBe('FeatureCollection');
		expect(body.truncated).toBe(false);
		expect(body.features.map((f) => f.properties.reference).sort()).toEqual(['EXC-1405-00001', 'EXC-1405-00002']);
		for (const f of body.features) {
			expect(Object.keys(f.properties).sort()).toEqual(PUBLIC_KEYS);
			expect(f.geometry.type).toBe('MultiPolygon');
		}
		expect(body.features.find((f) => f.id === world.w1)!.properties).toMatchObject({
			organisation_name_en: 'Water and Sewerage Company',
			purpose: 'repair',
			status: 'approved',
			start: '2026-12-05',
			end: '2026-12-20'
		});
		for (const secret of [APPLICANT.name, APPLICANT.nationalId, APPLICANT.mobile, 'applicant']) expect(res.text).not.toContain(secret);
	});

	it('keeps only works overlapping the dates asked for', async () => {
		const refs = async (query: string) =>
			(JSON.parse((await get(listRoute, `/api/excavations?bbox=${bbox()}${query}`)).text) as PublicWorksCollection).features.map((f) => f.properties.reference);
		expect(await refs('&from=2026-12-01&to=2026-12-31')).toEqual(['EXC-1405-00001']);
		expect(await refs('&to=2026-11-01')).toEqual(['EXC-1405-00002']);
		expect(await refs('&from=2027-01-01')).toEqual([]);
	});

	it('keeps works outside the box out', async () => {
		const [w, s] = lonLat(500, 500);
		const [e, n] = lonLat(600, 600);
		expect(JSON.parse((await get(listRoute, `/api/excavations?bbox=${w},${s},${e},${n}`)).text).features).toEqual([]);
	});

	it.each([
		['', 'bbox_required'],
		['?bbox=51.6,32.6,51.7', 'invalid_bbox'],
		['?bbox=51.7,32.6,51.6,32.7', 'invalid_bbox'],
		['?bbox=560000,3612000,561000,3613000', 'invalid_bbox'],
		['?bbox=51.5,32.5,51.8,32.7', 'bbox_too_large'],
		['?bbox=51.6,32.6,51.65,32.65&from=2026-13-01', 'invalid_date'],
		['?bbox=51.6,32.6,51.65,32.65&from=2026-12-10&to=2026-12-01', 'end_before_start']
	])('refuses %s with 400 %s', async (query, code) => {
		const res = await get(listRoute, `/api/excavations${query}`);
		expect(res.status).toBe(400);
		expect(JSON.parse(res.text).error.code).toBe(code);
	});
});

describe(`GET /api/excavations/:id (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('answers a public work and 404 for a draft, an unknown id or a malformed one', async () => {
		const one = await get(oneRoute, `/api/excavations/${world.w1}`, { params: { id: String(world.w1) } });
		expect(one.status).toBe(200);
		expect(Object.keys(JSON.parse(one.text).properties).sort()).toEqual(PUBLIC_KEYS);
		for (const id of [String(world.draft), '999999', 'abc']) {
			const res = await get(oneRoute, `/api/excavations/${id}`, { params: { id } });
			expect(res.status, id).toBe(404);
			expect(JSON.parse(res.text).error.code).toBe('excavation_not_found');
			// named as asked for, not as some other id
			expect(JSON.parse(res.text).error.message).toBe(`No excavation works has id ${id}.`);
		}
	});
});

describe(`GET /api/excavations/export.geojson (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('asks a visitor to sign in and refuses a citizen or another agency', async () => {
		expect((await get(exportRoute, '/api/excavations/export.geojson')).status).toBe(401);
		expect((await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant('citizen')]) })).status).toBe(403);
		expect((await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant('agency', 'cultural_heritage')]) })).status).toBe(403);
	});

	it('gives the utilities every work but drafts with the coordination fields, and nothing about the applicant', async () => {
		const res = await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant('agency', 'utilities')]) });
		expect(res.status).toBe(200);
		const body = JSON.parse(res.text) as { features: { id: number; properties: Record<string, unknown> }[] };
		expect(body.features.map((f) => f.id)).toEqual([world.w1, world.w3, completed]);
		const w1 = body.features[0].properties;
		expect(w1).toMatchObject({ organisation_code: 'abfa', status: 'approved', shared_trench_of: null });
		expect(w1.area_m2 as number).toBeCloseTo(30, 2);
		expect(w1.length_m as number).toBeCloseTo(50, 2);
		expect(w1.features).toEqual([expect.objectContaining({ kind: 'trench', width_m: 0.6 })]);
		for (const secret of [APPLICANT.name, APPLICANT.nationalId, APPLICANT.mobile, 'applicant']) expect(res.text).not.toContain(secret);
		expect((await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant('planner')]) })).status).toBe(200);
	});

	it('gives the municipality’s excavation officer and inspector the same file as the utilities', async () => {
		const utilities = await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant('agency', 'utilities')]) });
		for (const role of ['excavation_officer', 'excavation_inspector'] as const) {
			const res = await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant(role)]) });
			expect(res.status, role).toBe(200);
			expect(res.type).toBe('application/geo+json; charset=utf-8');
			expect(res.text).toBe(utilities.text);
		}
	});

	it('gives a utility company’s own applicant and site supervisor the same file, to coordinate their digs', async () => {
		const utilities = await get(exportRoute, '/api/excavations/export.geojson', { user: staff([grant('agency', 'utilities')]) });
		for (const role of ['utility_applicant', 'utility_supervisor'] as const) {
			const res = await get(exportRoute, '/api/excavations/export.geojson', { user: staff([{ ...grant(role), organisationId: world.gas }]) });
			expect(res.status, role).toBe(200);
			expect(res.text).toBe(utilities.text);
		}
	});
});

describe(`the excavations tile layer (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	const tileFeatures = async (z: number, at: [number, number], db = database.db) => {
		const [lon, lat] = lonLat(...at);
		const { x, y } = tileAt(lon, lat, z);
		const tile = await renderTile(db, database.backend, { layer: 'excavations', z: String(z), x: String(x), y: String(y) });
		const layer = new VectorTile(new Pbf(tile.bytes)).layers.excavations;
		expect(layer, `z${z}`).toBeDefined();
		return Array.from({ length: layer.length }, (_, i) => ({ id: Number(layer.feature(i).id), properties: layer.feature(i).properties }));
	};

	it.each([15, 16])('draws a 0.6 m trench at z%i by status with its fields, completed works too, without cancelled works or drafts', async (z) => {
		const features = await tileFeatures(z, [-75, -3]);
		const references = features.map((f) => f.properties.reference);
		expect(references).toContain('EXC-1405-00001');
		// the cancelled works lie exactly where the approved one does; the draft 100 m away
		expect(references).not.toContain('EXC-1405-00003');
		expect(references).not.toContain('EXC-1405-00004');
		expect(features.find((f) => f.properties.reference === 'EXC-1405-00001')!.properties).toMatchObject({ status: 'approved', purpose: 'repair', organisation_kind: 'water', start: '2026-12-05', end: '2026-12-20' });
		const done = (await tileFeatures(z, [175, 3])).find((f) => f.id === completed);
		expect(done?.properties).toMatchObject({ reference: 'EXC-1405-00002', status: 'completed' });
	});

	it.each([13, 14])('draws only current works at z%i, by status alone (what the map colours them by)', async (z) => {
		const features = await tileFeatures(z, [-75, -3]);
		const w1 = features.find((f) => f.id === world.w1);
		expect(w1?.properties).toEqual({ status: 'approved' });
		// completed works stay off the low zooms; cancelled works and drafts are never public
		expect((await tileFeatures(z, [175, 3])).map((f) => f.id)).not.toContain(completed);
		expect(features.every((f) => Object.keys(f.properties).join() === 'status')).toBe(true);
		expect(features.map((f) => f.properties.status)).not.toContain('cancelled');
	});

	it('keeps every narrow trench on a z13 tile, wherever it falls against the tile grid', async () => {
		// 0.3 m is a quarter of a z13 tile unit: snapped as drawn, some of these would collapse to nothing
		const rollback = new Error('rollback');
		await expect(
			database.db.transaction().execute(async (trx) => {
				const narrow: number[] = [];
				for (let i = 0; i < 6; i++) {
					narrow.push(await recordWork(trx, {
						reference: `EXC-T-${i}`,
						organisationId: world.water,
						applicantUserId: null,
						purpose: 'survey',
						status: 'planned',
						features: [drawnTrench([[-280 + i * 0.17, 60 + i * 3.13], [-230 + i * 0.17, 60 + i * 3.13]], 0.3)],
						start: '2026-12-01',
						end: '2026-12-02',
						emergency: false
					}));
				}
				const ids = (await tileFeatures(13, [-255, 70], trx)).map((f) => f.id);
				expect(narrow.filter((id) => ids.includes(id))).toEqual(narrow);
				throw rollback;
			})
		).rejects.toBe(rollback);
	});
});
