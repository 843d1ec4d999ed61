/**
 * `npm run backup [-- --out <folder>]`: a consistent copy of the embedded database and of every
 * case document, checked against the database's own SHA-256s, in `<folder>/pelak-backup-<time>/`
 * (`backups/` by default). The database is opened (and so locked: a running server makes this
 * refuse) and checkpointed, then its files are copied while nothing can write to them.
 * PostgreSQL is backed up with pg_dump instead (README, "Backup and restore").
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import {
	argValue,
	BackupError,
	refuseOnPostgres,
	runAsScript,
	damagedFiles,
	filesUnder,
	FORMAT,
	inventory,
	sha256File,
	VERSION,
	type BackedUpFile,
	type Inventory,
	type Manifest
} from './backup-format';

export interface BackupOptions {
	dataDir: string;
	filesDir: string;
	/** The folder the backup folder is made in. */
	out: string;
	now?: Date;
}

export async function backupEmbedded({ dataDir, filesDir, out, now = new Date() }: BackupOptions): Promise<{ dir: string; manifest: Manifest }> {
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		throw new BackupError(`پایگاه دادهٔ جاسازی‌شده‌ای در ${dataDir} نیست.\nThere is no embedded database at ${dataDir} (PELAK_DATA_DIR).`);
	}
	const name = `pelak-backup-${now.toISOString().replace(/[:.]/g, '-')}`;
	const dir = path.join(out, name);
	const partial = `${dir}.partial`;
	if (fs.existsSync(dir)) throw new BackupError(`${dir} already exists.`);
	fs.rmSync(partial, { recursive: true, force: true });
	fs.mkdirSync(partial, { recursive: true });

	try {
		const manifest = await copyInto(partial, dataDir, filesDir, now);
		fs.writeFileSync(path.join(partial, 'manifest.json'), JSON.stringify(manifest, null, '\t'));
		fs.renameSync(partial, dir); // the manifest, and then the name, mark the backup complete
		return { dir, manifest };
	} catch (err) {
		fs.rmSync(partial, { recursive: true, force: true });
		throw err;
	}
}

async function copyInto(partial: string, dataDir: string, filesDir: string, now: Date): Promise<Manifest> {
	const database = await openDatabase({ databaseUrl: null, dataDir });
	let held: Inventory;
	try {
		held = await inventory(database.db);
		// All written pages to disk; this process holds the database (and its lock) until the copy is done.
		await sql`checkpoint`.execute(database.db);
		fs.cpSync(dataDir, path.join(partial, 'database'), { recursive: true });
	} finally {
		await database.close();
	}
	for (const doc of held.documents) {
		const source = path.join(filesDir, ...doc.path.split('/'));
		const target = path.join(partial, 'files', ...doc.path.split('/'));
		if (!fs.existsSync(source)) continue; // reported below with the damaged ones
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(source, target);
	}
	// Every document must be there and whole (checked on the copy): a backup that silently lacks one is worse than none.
	const missing = await damagedFiles(path.join(partial, 'files'), held.documents);
	if (missing.length) {
		throw new BackupError(
			`${missing.length} مدرک در ${filesDir} نیست یا آسیب دیده است؛ پشتیبان گرفته نشد.\n` +
				`${missing.length} document file(s) missing or damaged in ${filesDir} (PELAK_FILES_DIR); no backup was made:\n  ${missing.slice(0, 20).join('\n  ')}`
		);
	}
	const databaseFiles: BackedUpFile[] = [];
	for (const file of filesUnder(path.join(partial, 'database'))) {
		const full = path.join(partial, 'database', ...file.split('/'));
		databaseFiles.push({ path: file, sha256: await sha256File(full), bytes: fs.statSync(full).size });
	}
	return { format: FORMAT, version: VERSION, created_at: now.toISOString(), ...held, database: databaseFiles };
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
	if (refuseOnPostgres(env, 'pg_dump')) return 2;
	const config = loadConfig(env);
	const out = path.resolve(argValue(argv, 'out') ?? 'backups');
	const { dir, manifest } = await backupEmbedded({ dataDir: config.dataDir, filesDir: config.filesDir, out });
	const { cases, documents } = manifest.counts;
	console.log(`پشتیبان در ${dir} / backup written to ${dir}: ${cases} cases, ${documents} documents (${manifest.documents.length} files), ${manifest.database.length} database files`);
	return 0;
}

await runAsScript(import.meta.url, main);
