/**
 * `npm run backup` then `npm run restore` into a fresh place gives back every case and every
 * document, byte for byte (SHA-256 checked); a running database, a damaged backup, a missing
 * document and a non-empty target are refused with a message, and nothing is half written.
 * The embedded database only: PostgreSQL is backed up with pg_dump (README).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_DIR, ROOT } from '../db-paths';
import { buildCaseWorld, fixture, type CaseWorld } from '../factories/case-world';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { fileRequest } from '../../src/lib/server/cases';
import { FileStore } from '../../src/lib/server/documents';
import { backupEmbedded } from '../../scripts/backup';
import { restoreEmbedded } from '../../scripts/restore';

const embedded = !process.env.DATABASE_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-backup-'));
const liveData = path.join(tmp, 'live', 'pgdata');
const backups = path.join(tmp, 'backups');

/** Runs an npm script's entry the way `npm run <name>` does, with `env` on top of a clean environment. */
function npmScript(script: string, args: string[], env: Record<string, string>) {
	const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, script), ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: '', ...env },
		encoding: 'utf8',
		timeout: 120_000
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function snapshot(db: Database['db']) {
	const cases = await db.selectFrom('cases').select(['id', 'tracking_code', 'workflow_status', 'current_step', 'parcel_id']).orderBy('id').execute();
	const documents = await db.selectFrom('documents').select(['id', 'case_id', 'kind', 'version', 'sha256', 'storage_key', 'original_name']).orderBy('id').execute();
	const events = await db.selectFrom('case_events').select(['id', 'case_id', 'action']).orderBy('id').execute();
	return { cases, documents, events };
}

let world: CaseWorld;
let before: Awaited<ReturnType<typeof snapshot>>;

describe.skipIf(!embedded)('backup and restore of the embedded database', () => {
	beforeAll(async () => {
		fs.cpSync(path.join(TEMPLATE_DIR, 'pgdata'), liveData, { recursive: true });
		const database = await openDatabase({ databaseUrl: null, dataDir: liveData });
		try {
			world = await buildCaseWorld(database.db);
			const { maryam, ali } = world.users;
			await fileRequest(database.db, maryam, { parcelId: world.parcel6, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')] }, world.ctx());
			// the same deed again: one stored file for two documents
			await fileRequest(database.db, ali, { parcelId: world.parcel7, requestType: 'building_permit_new', documents: [fixture('deed.pdf', 'deed'), fixture('site-photo.png', 'national_card')] }, world.ctx());
			before = await snapshot(database.db);

			// 1. Refused while the database is open elsewhere (here: this test process).
			const busy = npmScript('scripts/backup.ts', ['--out', backups], { PELAK_DATA_DIR: liveData, PELAK_FILES_DIR: world.filesDir });
			expect(busy.status).toBe(1);
			expect(busy.output).toMatch(/in use by process \d+/);
		} finally {
			await database.close();
		}
	}, 240_000);

	afterAll(() => {
		world?.cleanup();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('restores every case and every document, hash-checked, into a fresh directory', async () => {
		expect(before.cases.length).toBe(2);
		expect(before.documents.length).toBe(4);

		const made = npmScript('scripts/backup.ts', ['--out', backups], { PELAK_DATA_DIR: liveData, PELAK_FILES_DIR: world.filesDir });
		expect(made.output).toMatch(/backup written to .*: 2 cases, 4 documents \(3 files\)/);
		expect(made.status).toBe(0);
		const [backup] = fs.readdirSync(backups).filter((n) => n.startsWith('pelak-backup-'));
		expect(backup).not.toMatch(/partial$/);

		const fresh = path.join(tmp, 'fresh');
		const restored = npmScript('scripts/restore.ts', [path.join(backups, backup)], {
			PELAK_DATA_DIR: path.join(fresh, 'pgdata'),
			PELAK_FILES_DIR: path.join(fresh, 'files')
		});
		expect(restored.output).toMatch(/restored into .*2 cases and 4 documents/);
		expect(restored.status).toBe(0);

		const database = await openDatabase({ databaseUrl: null, dataDir: path.join(fresh, 'pgdata') });
		try {
			expect(await snapshot(database.db)).toEqual(before);
			const store = new FileStore(path.join(fresh, 'files'));
			for (const doc of before.documents) {
				const original = fs.readFileSync(path.join(world.filesDir, doc.storage_key));
				const bytes = await store.get(doc.storage_key, doc.sha256); // throws unless the SHA-256 matches
				expect(sha256(bytes)).toBe(sha256(original));
			}
		} finally {
			await database.close();
		}
	}, 240_000);

	it('never restores over a database, and refuses a damaged backup before writing anything', async () => {
		const [backup] = fs.readdirSync(backups).map((n) => path.join(backups, n));
		const occupied = restoreEmbedded({ backup, dataDir: path.join(tmp, 'fresh', 'pgdata'), filesDir: path.join(tmp, 'fresh', 'files') });
		await expect(occupied).rejects.toThrow(/already holds a database/);

		const damaged = path.join(tmp, 'damaged');
		fs.cpSync(backup, damaged, { recursive: true });
		const key = before.documents[0].storage_key;
		const file = path.join(damaged, 'files', key);
		const bytes = fs.readFileSync(file);
		bytes[bytes.length - 1] ^= 0xff;
		fs.writeFileSync(file, bytes);
		const target = path.join(tmp, 'never', 'pgdata');
		await expect(restoreEmbedded({ backup: damaged, dataDir: target, filesDir: path.join(tmp, 'never', 'files') })).rejects.toThrow(
			new RegExp(`backup is damaged; nothing was restored[\\s\\S]*files/${key}`)
		);
		expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
	});

	it('refuses to back up when a document file is missing, leaving no partial backup', async () => {
		const files = path.join(tmp, 'files-missing-one');
		fs.cpSync(world.filesDir, files, { recursive: true });
		fs.rmSync(path.join(files, before.documents[1].storage_key));
		const out = path.join(tmp, 'backups-2');
		await expect(backupEmbedded({ dataDir: liveData, filesDir: files, out })).rejects.toThrow(/1 document file\(s\) missing or damaged/);
		expect(fs.readdirSync(out)).toEqual([]);
	}, 120_000);
});

describe('backup with PostgreSQL', () => {
	it('points to pg_dump instead', () => {
		const result = npmScript('scripts/backup.ts', [], { DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' });
		expect(result.status).toBe(2);
		expect(result.output).toMatch(/use pg_dump/);
	}, 60_000);
});
