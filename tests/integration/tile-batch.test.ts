/**
 * Tiles of one layer and zoom asked for together, rendered by one statement (PostgreSQL): the same
 * bytes as each tile's own statement, only light tiles gathered, and a failure reaching every request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { statementsOn, type DB, type Statements } from '../../src/lib/server/db';
import { tileLayer } from '../../src/lib/server/tiles/layers';
import { tileAt, type TileCoord } from '../../src/lib/server/tiles/tile-coords';
import { selectMvtTile, selectMvtTiles, tilesStatement } from '../../src/lib/server/tiles/tile.repository';
import { TileBatcher } from '../../src/lib/server/tiles/tile-batch';
import { TileService } from '../../src/lib/server/tiles/tile.service';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildTileCity, QueryCounter } from '../factories/tile-city';

const onPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
/** z16 tiles holding parcels of the grid, and one far from any. */
let full: TileCoord[];
let empty: TileCoord;

beforeAll(async () => {
	if (!onPostgres) return;
	database = await openTestDatabase();
	await buildTileCity(database.db);
	// 8 × 8 parcels 300 m apart, east of the tile city: a few dozen z16 tiles (≈ 515 m here) with parcels
	await sql`insert into parcels (renovation_code, geom)
		select 'TB-' || i || '-' || j, ST_Multi(ST_MakeEnvelope(570000 + i * 300, 3612000 + j * 300, 570020 + i * 300, 3612030 + j * 300, 32639))
		from generate_series(0, 7) i, generate_series(0, 7) j`.execute(database.db);
	const { rows } = await sql<{ lon: number; lat: number }>`
		select ST_X(c) as lon, ST_Y(c) as lat from (select ST_Transform(ST_Centroid(geom), 4326) as c from parcels where renovation_code like 'TB-%') p`.execute(database.db);
	const seen = new Map<string, TileCoord>();
	for (const { lon, lat } of rows) {
		const t = tileAt(lon, lat, 16);
		seen.set(`${t.x}/${t.y}`, t);
	}
	full = [...seen.values()];
	empty = tileAt(52.5, 33.5, 16);
});

afterAll(async () => {
	await database?.close();
});

const parcels = () => tileLayer('parcels');
/** Tile statements on the test database, counted (`run`), and the counting Kysely they go through. */
const counted = () => {
	const counter = new QueryCounter();
	const kysely = database.db.withPlugin(counter) as Kysely<DB>;
	return { counter, kysely, run: statementsOn(kysely) };
};
/** Tile statements on the test database, uncounted. */
const direct = () => statementsOn(database.db);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe.runIf(onPostgres)('tiles of a layer and zoom rendered together (PostgreSQL)', () => {
	it('renders a list of tiles by one statement, each the bytes of its own statement, an empty tile empty', async () => {
		const tiles = [...full.slice(0, 10), empty, full[0]];
		const started = performance.now();
		const { bytes: together, ms } = await selectMvtTiles(direct(), parcels(), 16, tiles);
		// the statement's own time in the database: some, and no more than the call took here
		expect(ms).toBeGreaterThan(0);
		expect(ms).toBeLessThanOrEqual(performance.now() - started);
		expect(together).toHaveLength(tiles.length);
		for (const [i, tile] of tiles.entries()) {
			const alone = await selectMvtTile(direct(), parcels(), tile);
			expect(same(together[i], alone), `tile ${tile.x}/${tile.y}`).toBe(true);
		}
		expect(together[10].byteLength).toBe(0);
		expect(together.slice(0, 10).every((bytes) => bytes.byteLength > 0)).toBe(true);
	});

	it('gathers the light tiles asked for in one turn into one statement, once their cost is known', async () => {
		expect(full.length).toBeGreaterThanOrEqual(12);
		const { counter, run } = counted();
		// a budget no test tile exceeds: once measured, up to MAX_BATCH tiles a statement
		const batcher = new TileBatcher(1e6);
		await batcher.render(run, parcels(), full[0]);
		expect(counter.count).toBe(1);
		expect(batcher.msPerTile('parcels', 16)).toBeGreaterThan(0);
		const asked = [...full.slice(1, 12), full[1], empty];
		const bytes = await Promise.all(asked.map((tile) => batcher.render(run, parcels(), tile)));
		expect(counter.count).toBe(2);
		for (const [i, tile] of asked.entries()) expect(same(bytes[i], await selectMvtTile(direct(), parcels(), tile))).toBe(true);
		// the same tile twice in a turn: rendered once, both answered
		expect(bytes[11]).toBe(bytes[0]);
	});

	it('measures a tile by the database’s time, not by how long its answer took to come back', async () => {
		// answers held back 25 ms on either side, as a busy server's wait for a connection and for the
		// event loop would: a light tile must not look heavy and go alone for it
		const sent: unknown[] = [];
		const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
		const slow: Statements = async (query) => {
			sent.push(query);
			await pause();
			const rows = await direct()(query);
			await pause();
			return rows;
		};
		const batcher = new TileBatcher(40);
		await batcher.render(slow, tileLayer('districts'), full[0]);
		expect(batcher.msPerTile('districts', 16)).toBeLessThan(20);
		sent.length = 0;
		await Promise.all(full.slice(1, 4).map((tile) => batcher.render(slow, tileLayer('districts'), tile)));
		expect(sent).toHaveLength(1);
	});

	it('sends each tile alone while its cost is unknown, and when it is heavy', async () => {
		const unknown = counted();
		const fresh = new TileBatcher();
		await Promise.all(full.slice(0, 5).map((tile) => fresh.render(unknown.run, parcels(), tile)));
		expect(unknown.counter.count).toBe(5);

		const heavy = counted();
		// every tile costs more than this budget
		const batcher = new TileBatcher(1e-9);
		await batcher.render(heavy.run, parcels(), full[0]);
		await Promise.all(full.slice(1, 7).map((tile) => batcher.render(heavy.run, parcels(), tile)));
		expect(heavy.counter.count).toBe(7);
	});

	it('sends a tile known to go alone at once, and gathers the others until the turn ends', async () => {
		const sent: unknown[] = [];
		const run: Statements = (query) => (sent.push(query), direct()(query));
		const heavy = new TileBatcher(1e-9);
		await heavy.render(run, parcels(), full[0]);
		sent.length = 0;
		const now = heavy.render(run, parcels(), full[1]);
		expect(sent).toHaveLength(1);
		const light = new TileBatcher(1e6);
		await light.render(run, parcels(), full[0]);
		sent.length = 0;
		const gathered = [light.render(run, parcels(), full[1]), light.render(run, parcels(), full[2])];
		expect(sent).toHaveLength(0);
		const [one, two] = await Promise.all(gathered);
		expect(sent).toHaveLength(1);
		expect(same(await now, one)).toBe(true);
		expect(same(two, await selectMvtTile(direct(), parcels(), full[2]))).toBe(true);
	});

	it('gives each layer and zoom its own statement', async () => {
		const { counter, run } = counted();
		const batcher = new TileBatcher(1e6);
		const z15 = full.map((t) => ({ z: 15, x: t.x >> 1, y: t.y >> 1 }));
		await batcher.render(run, parcels(), full[0]);
		await batcher.render(run, tileLayer('districts'), full[0]);
		await batcher.render(run, parcels(), z15[0]);
		counter.count = 0;
		const [a, b, c] = await Promise.all([
			Promise.all(full.slice(1, 4).map((tile) => batcher.render(run, parcels(), tile))),
			Promise.all(full.slice(1, 4).map((tile) => batcher.render(run, tileLayer('districts'), tile))),
			Promise.all(z15.slice(1, 4).map((tile) => batcher.render(run, parcels(), tile)))
		]);
		expect(counter.count).toBe(3);
		expect(same(a[0], await selectMvtTile(direct(), parcels(), full[1]))).toBe(true);
		expect(same(b[0], await selectMvtTile(direct(), tileLayer('districts'), full[1]))).toBe(true);
		expect(same(c[0], await selectMvtTile(direct(), parcels(), z15[1]))).toBe(true);
	});

	it('sends the tiles of a failed list statement again one by one, and fails only those that fail alone', async () => {
		let failures = 0;
		const { counter, kysely: counting } = counted();
		const failing = {
			transformQuery: ({ node }: { node: unknown }) => node,
			transformResult: async ({ result }: { result: unknown }) => {
				if (failures > 0) {
					failures--;
					throw new Error('the database went away for a moment');
				}
				return result;
			}
		};
		const run = statementsOn(counting.withPlugin(failing as never) as Kysely<DB>);
		const batcher = new TileBatcher(1e6);
		await batcher.render(run, parcels(), full[0]);
		// the list statement fails, then its first tile alone: that one fails, the other three are answered
		failures = 2;
		counter.count = 0;
		const outcomes = await Promise.allSettled(full.slice(1, 5).map((tile) => batcher.render(run, parcels(), tile)));
		expect(counter.count).toBe(5);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
		const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason.message).toMatch(/went away/);
		for (const [i, outcome] of outcomes.entries()) {
			if (outcome.status === 'fulfilled') expect(same(outcome.value, await selectMvtTile(direct(), parcels(), full[i + 1]))).toBe(true);
		}
		// the database down: every request fails, none hangs
		failures = 1000;
		const down = await Promise.allSettled(full.slice(1, 5).map((tile) => batcher.render(run, parcels(), tile)));
		expect(down.every((o) => o.status === 'rejected')).toBe(true);
		failures = 0;
	});

	it('answers concurrent requests through the tile service, cache off, with each tile’s own bytes', async () => {
		const service = new TileService(database, 0);
		try {
			const tiles = [...full.slice(0, 12), empty];
			for (let round = 0; round < 3; round++) {
				const rendered = await Promise.all(tiles.map((tile) => service.tileFor({ layer: parcels(), tile })));
				for (const [i, tile] of tiles.entries()) expect(same(rendered[i].bytes, await selectMvtTile(direct(), parcels(), tile))).toBe(true);
			}
		} finally {
			await service.close();
		}
	});

	it('prepares the list statement, and in a generic plan it finds the tiles’ parcels through the GiST index', async () => {
		const tiles = full.slice(0, 3);
		const compiled = tilesStatement(parcels(), 16, tiles);
		await database.db.connection().execute(async (conn) => {
			const { bytes: first } = await selectMvtTiles(statementsOn(conn), parcels(), 16, tiles);
			const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn);
			const statement = rows.find((r) => r.statement === compiled.sql);
			expect(statement, 'the list statement among the prepared ones').toBeDefined();
			await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
			try {
				const { bytes: again } = await selectMvtTiles(statementsOn(conn), parcels(), 16, tiles);
				expect(again.every((bytes, i) => same(bytes, first[i]))).toBe(true);
				await sql`set enable_seqscan = off`.execute(conn);
				const literal = (p: unknown) => (Array.isArray(p) ? `'{${p.join(',')}}'` : typeof p === 'string' ? `'${p}'` : String(p));
				const plan = await sql<{ 'QUERY PLAN': string }>`explain execute ${sql.raw(statement!.name)}(${sql.raw(compiled.parameters.map(literal).join(', '))})`.execute(conn);
				expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/parcels_geom_3857_idx/);
			} finally {
				await sql`reset plan_cache_mode`.execute(conn);
				await sql`reset enable_seqscan`.execute(conn);
			}
		});
	});
});
