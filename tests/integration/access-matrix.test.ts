/**
 * The access matrix (issue 7, §3): every role × every page, load, form action and endpoint found in
 * src/routes, called through the real handlers with the demo accounts over a real database, must
 * come out as access-matrix.expectations.ts says; on every outcome but success, no table's row count
 * and no file of the document store changed. A route in the tree but not in the table fails the
 * test until it is classified there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { tileServiceOf } from '../../src/lib/server/tiles/tile.service';
import { MATRIX } from './access-matrix.expectations';
import {
	allTableCounts,
	buildMatrixWorld,
	discoverRoutes,
	filesOnDisk,
	matrixEvent,
	outcomeOf,
	ROLES,
	type MatrixWorld,
	type RouteEntry
} from './access-matrix.support';

let database: TestDatabase;
let world: MatrixWorld;
let entries: RouteEntry[];
let modules: Map<string, Record<string, unknown>>;

beforeAll(async () => {
	({ entries, modules } = await discoverRoutes());
	database = await openTestDatabase();
	world = await buildMatrixWorld(database);
}, 180_000);

afterAll(async () => {
	world?.cleanup();
	await database?.close();
	delete process.env.PELAK_FILES_DIR;
});

function handlerOf(entry: RouteEntry): (event: unknown) => unknown {
	const mod = modules.get(entry.file)!;
	if (entry.kind === 'load') return mod.load as (e: unknown) => unknown;
	if (entry.kind === 'action') return (mod.actions as Record<string, (e: unknown) => unknown>)[entry.name];
	if (entry.kind === 'endpoint') return mod[entry.name] as (e: unknown) => unknown;
	return () => undefined; // a page with no server code renders for anyone
}

describe(`the access matrix (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('classifies every route in src/routes, and lists no route that is gone', () => {
		const found = entries.map((e) => e.key).sort();
		const listed = Object.keys(MATRIX).sort();
		const unclassified = found.filter((k) => !(k in MATRIX));
		const gone = listed.filter((k) => !found.includes(k));
		expect(unclassified, 'routes with no row in tests/integration/access-matrix.expectations.ts').toEqual([]);
		expect(gone, 'rows for routes no longer in src/routes').toEqual([]);
	});

	it('gives every role what the matrix says, and a refusal changes no row and no file', async () => {
		const tiles = tileServiceOf(database, 0);
		const mismatches: string[] = [];
		const leaks: string[] = [];
		let calls = 0;
		let counts: Record<string, number> | null = null;
		for (const entry of entries) {
			const row = MATRIX[entry.key];
			if (!row) continue; // reported by the test above
			const handler = handlerOf(entry);
			for (const role of ROLES) {
				const spec = await row.call(world, role);
				// each role is another person at another address (sign-in and tracking limits count per address)
				const event = matrixEvent(world, spec, world.as[role], `192.0.2.${10 + ROLES.indexOf(role)}`);
				event.locals.tiles = tiles;
				// the counts before: carried over from the last call unless it succeeded or this row's setup wrote
				if (!counts || row.setupWrites) counts = await allTableCounts(database.db);
				const files = filesOnDisk(world.filesDir);
				const { outcome, detail } = await outcomeOf(() => handler(event));
				calls++;
				const wanted = row.expect[role];
				if (outcome !== wanted) mismatches.push(`${entry.key} as ${role}: expected ${wanted}, got ${outcome} ${detail}`);
				const after = await allTableCounts(database.db);
				const before = counts;
				counts = after;
				if (outcome !== 'ok') {
					const changed = Object.keys(after).filter((t) => after[t] !== before[t] && !(row.refusalWrites ?? []).includes(t));
					if (changed.length) leaks.push(`${entry.key} as ${role} (${outcome}) changed ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}`);
					const filesAfter = filesOnDisk(world.filesDir);
					if (filesAfter.join() !== files.join()) leaks.push(`${entry.key} as ${role} (${outcome}) changed the files on disk`);
				}
			}
		}
		expect({ mismatches, leaks }, 'outcomes other than the matrix says; refusals that wrote something').toEqual({ mismatches: [], leaks: [] });
		// every row was called for every role
		expect(calls).toBe(entries.filter((e) => MATRIX[e.key]).length * ROLES.length);
	}, 600_000);
});
