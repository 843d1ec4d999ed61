import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { FileStore } from './file-store';
import { STAGING_DIR } from './streamed-upload';

/** Files younger than this are never swept: an upload's file is written before its transaction commits. */
export const SWEEP_GRACE_MS = 3600_000;
const SWEEP_EVERY_MS = 3600_000;

/**
 * Every table that refers to a stored file does so by a column named `storage_key` (documents,
 * inspection and supervision photos, …): they are found in the catalogue, so a table added later
 * is protected without being listed here.
 */
async function fileReferences(db: Kysely<DB>): Promise<{ table: string }[]> {
	const { rows } = await sql<{ table: string }>`select table_name as table from information_schema.columns
		where table_schema = current_schema() and column_name = 'storage_key' order by table_name`.execute(db);
	return rows;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
	let entries;
	try {
		entries = await fs.readdir(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) yield* filesUnder(full);
		else yield full;
	}
}

async function isReferenced(db: Kysely<DB>, tables: { table: string }[], key: string): Promise<boolean> {
	for (const { table } of tables) {
		const { rows } = await sql`select 1 from ${sql.table(table)} where storage_key = ${key} limit 1`.execute(db);
		if (rows.length > 0) return true;
	}
	return false;
}

/** Whether any table (documents, inspection or supervision photos, …) still refers to the stored file `key`. */
export async function isKeyReferencedAnywhere(db: Kysely<DB>, key: string): Promise<boolean> {
	return isReferenced(db, await fileReferences(db), key);
}

/**
 * Removes what a server killed mid-write leaves in the store: half-written `.part` files (and
 * uploads staged in `incoming/` that no write kept), and
 * files whose transaction never committed (no row refers to them), once older than `graceMs` so a
 * write still in flight on any server keeps its file. A file found again by a later upload has its
 * time renewed by the store (see FileStore.put), so it is not swept from under that upload.
 */
export async function sweepUnreferencedFiles(db: Kysely<DB>, store: FileStore, options: { now?: Date; graceMs?: number } = {}): Promise<string[]> {
	const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? SWEEP_GRACE_MS);
	const removed: string[] = [];
	const tables = await fileReferences(db);
	for await (const file of filesUnder(path.join(store.root, 'sha256'))) {
		const key = path.relative(store.root, file).split(path.sep).join('/');
		const old = async () => (await fs.stat(file).catch(() => null))?.mtimeMs ?? Infinity;
		if ((await old()) > cutoff) continue;
		const partial = key.endsWith('.part');
		if (!partial && (!/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key) || (await isReferenced(db, tables, key)))) continue;
		if ((await old()) > cutoff) continue; // renewed by an upload meanwhile
		await fs.rm(file, { force: true });
		removed.push(key);
	}
	// uploads streamed to disk and never kept (a server killed while one arrived)
	for await (const file of filesUnder(path.join(store.root, STAGING_DIR))) {
		if (((await fs.stat(file).catch(() => null))?.mtimeMs ?? Infinity) > cutoff) continue;
		await fs.rm(file, { force: true });
		removed.push(path.relative(store.root, file).split(path.sep).join('/'));
	}
	return removed;
}

let timer: NodeJS.Timeout | null = null;

/** Sweeps at start-up and then hourly, on a timer that never keeps the process alive. */
export function startFileSweep(db: Kysely<DB>, store: FileStore): void {
	if (timer) return;
	const run = () => {
		sweepUnreferencedFiles(db, store)
			.then((removed) => removed.length && console.log(`[pelak] removed ${removed.length} document files no record refers to (left by an interrupted upload)`))
			.catch((err) => console.warn('[pelak] sweeping the document store failed', err));
	};
	run();
	timer = setInterval(run, SWEEP_EVERY_MS);
	timer.unref();
}
