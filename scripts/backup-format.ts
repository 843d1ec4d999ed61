/**
 * What `npm run backup` writes and `npm run restore` reads: a folder holding the embedded
 * database's data directory (`database/`), the case documents it refers to (`files/`, laid out
 * as the document store is), and `manifest.json`, which lists every file with its SHA-256 and
 * what the database held, so a restore can prove it is whole before and after.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db/schema';

export const FORMAT = 'pelak-backup';
export const VERSION = 1;

export interface BackedUpFile {
	/** Path inside `database/` (posix separators), or the document's storage key inside `files/`. */
	path: string;
	sha256: string;
	bytes: number;
}

/** What the database holds: the counts a restore must find again, and the documents' files. */
export interface Inventory {
	counts: { cases: number; documents: number; case_events: number; users: number; parcels: number };
	migrations: string[];
	documents: BackedUpFile[];
}

export interface Manifest extends Inventory {
	format: typeof FORMAT;
	version: typeof VERSION;
	created_at: string;
	database: BackedUpFile[];
}

/** A backup or restore that cannot go on; the message says why and what to do. */
export class BackupError extends Error {}

export async function inventory(db: Kysely<DB>): Promise<Inventory> {
	const { rows } = await sql<Inventory['counts']>`select
		(select count(*)::int from cases) as cases,
		(select count(*)::int from documents) as documents,
		(select count(*)::int from case_events) as case_events,
		(select count(*)::int from users) as users,
		(select count(*)::int from parcels) as parcels`.execute(db);
	const migrations = await sql<{ name: string }>`select name from pelak_migrations order by name`.execute(db);
	// One file per content (the store is content-addressed): several versions may share it.
	const documents = await db
		.selectFrom('documents')
		.select(['storage_key', 'sha256', 'size_bytes'])
		.distinctOn('storage_key')
		.orderBy('storage_key')
		.execute();
	return {
		counts: rows[0],
		migrations: migrations.rows.map((r) => r.name),
		documents: documents.map((d) => ({ path: d.storage_key, sha256: d.sha256, bytes: Number(d.size_bytes) }))
	};
}

export function sha256File(file: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const hash = createHash('sha256');
		fs.createReadStream(file)
			.on('data', (chunk) => hash.update(chunk))
			.on('end', () => resolve(hash.digest('hex')))
			.on('error', reject);
	});
}

/** Every file under `dir`, as posix paths relative to it, in a stable order. */
export function filesUnder(dir: string): string[] {
	return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
		.filter((e) => e.isFile())
		.map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
		.sort();
}

/** Files in `dir` whose content is not what `expected` says (missing, or another SHA-256). */
export async function damagedFiles(dir: string, expected: BackedUpFile[]): Promise<string[]> {
	const damaged: string[] = [];
	for (const f of expected) {
		const full = path.join(dir, ...f.path.split('/'));
		if (!fs.existsSync(full) || (await sha256File(full)) !== f.sha256) damaged.push(f.path);
	}
	return damaged;
}

/**
 * Runs `main` when `moduleUrl` is the script node was started with (not when a test imports it):
 * its return is the exit code; a failure prints its message (no stack) and exits 1.
 */
export async function runAsScript(moduleUrl: string, main: (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>): Promise<void> {
	if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
	try {
		process.exitCode = await main(process.argv.slice(2), process.env);
	} catch (err) {
		console.error(err instanceof Error ? err.message : String(err));
		process.exitCode = 1;
	}
}

/** Backup and restore here are for the embedded database; with DATABASE_URL set, PostgreSQL's own tools do it. */
export function refuseOnPostgres(env: NodeJS.ProcessEnv, tool: 'pg_dump' | 'pg_restore'): boolean {
	if (!env.DATABASE_URL) return false;
	console.error(
		`این فرمان برای پایگاه دادهٔ جاسازی‌شده است؛ برای PostgreSQL از ${tool} استفاده کنید (README، Backup and restore).\n` +
			`This is for the embedded database; with DATABASE_URL set, use ${tool} and copy PELAK_FILES_DIR (README, "Backup and restore").`
	);
	return true;
}

export function argValue(argv: string[], name: string): string | undefined {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
}
