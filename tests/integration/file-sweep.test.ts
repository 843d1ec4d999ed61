/**
 * The document store's sweep (what a server killed mid-upload leaves): an old file no document
 * refers to and an old half-written `.part` go; a referenced file, and any file younger than the
 * grace period (an upload still in flight), stay; a file found again by an upload is renewed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, fixture, type CaseWorld } from '../factories/case-world';
import { fileRequest } from '../../src/lib/server/cases';
import { SWEEP_GRACE_MS, sweepUnreferencedFiles } from '../../src/lib/server/documents';

let database: TestDatabase;
let world: CaseWorld;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

const age = (file: string, ms: number) => {
	const t = new Date(Date.now() - ms);
	fs.utimesSync(file, t, t);
};

describe(`sweeping the document store (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('removes old unreferenced and half-written files only', async () => {
		const filed = await fileRequest(
			database.db,
			world.users.maryam,
			{ parcelId: world.parcel6, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')] },
			world.ctx({ sender: null })
		);
		const kept = path.join(world.filesDir, (await database.db.selectFrom('documents').select('storage_key').where('case_id', '=', filed.id).executeTakeFirstOrThrow()).storage_key);
		const orphan = (await world.files.put(new TextEncoder().encode('%PDF-1.4 never committed'))).key;
		const young = (await world.files.put(new TextEncoder().encode('%PDF-1.4 still in flight'))).key;
		const part = path.join(world.filesDir, 'sha256', 'ab', `${'ab'.repeat(32)}.1234.deadbeef.part`);
		fs.mkdirSync(path.dirname(part), { recursive: true });
		fs.writeFileSync(part, 'half');
		for (const f of [kept, path.join(world.filesDir, orphan), part]) age(f, SWEEP_GRACE_MS + 60_000);

		const removed = await sweepUnreferencedFiles(database.db, world.files);
		expect(removed.sort()).toEqual([orphan, path.relative(world.filesDir, part)].sort());
		expect(fs.existsSync(kept)).toBe(true);
		expect(fs.existsSync(path.join(world.filesDir, young))).toBe(true);

		// the young orphan, uploaded again once old: renewed by the store, so not swept
		age(path.join(world.filesDir, young), SWEEP_GRACE_MS + 60_000);
		await world.files.put(new TextEncoder().encode('%PDF-1.4 still in flight'));
		expect(await sweepUnreferencedFiles(database.db, world.files)).toEqual([]);
	});
});
