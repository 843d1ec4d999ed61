/**
 * `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back, into an
 * empty PELAK_DATA_DIR (never over a database) and PELAK_FILES_DIR. Every file is checked against
 * the manifest before anything is written, and afterwards the restored database must hold the
 * cases and documents the manifest counted, each document's file matching its SHA-256.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { BackupError, damagedFiles, FORMAT, inventory, refuseOnPostgres, runAsScript, VERSION, type Manifest } from './backup-format';

export interface RestoreOptions {
	backup: string;
	dataDir: string;
	filesDir: string;
}

function readManifest(backup: string): Manifest {
	const file = path.join(backup, 'manifest.json');
	if (!fs.existsSync(file)) {
		throw new BackupError(`${backup} پشتیبان کاملی نیست (manifest.json ندارد).\n${backup} is not a complete Pelak backup (no manifest.json).`);
	}
	const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
	if (manifest.format !== FORMAT || manifest.version !== VERSION) {
		throw new BackupError(`${backup}: unknown backup format ${manifest.format} v${manifest.version} (this Pelak reads ${FORMAT} v${VERSION}).`);
	}
	return manifest;
}

export async function restoreEmbedded({ backup, dataDir, filesDir }: RestoreOptions): Promise<Manifest> {
	const manifest = readManifest(backup);
	if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
		throw new BackupError(
			`در ${dataDir} از پیش پایگاه داده هست؛ بازگردانی فقط در پوشهٔ خالی انجام می‌شود (آن را جابه‌جا کنید یا PELAK_DATA_DIR دیگری بدهید).\n` +
				`${dataDir} already holds a database; a restore only goes into an empty place: move it aside or set another PELAK_DATA_DIR.`
		);
	}
	const damaged = [
		...(await damagedFiles(path.join(backup, 'database'), manifest.database)).map((f) => `database/${f}`),
		...(await damagedFiles(path.join(backup, 'files'), manifest.documents)).map((f) => `files/${f}`)
	];
	if (damaged.length) {
		throw new BackupError(
			`پشتیبان آسیب دیده است؛ چیزی بازگردانده نشد.\nThe backup is damaged; nothing was restored. Files missing or not matching the manifest:\n  ${damaged.slice(0, 20).join('\n  ')}`
		);
	}

	// Copied beside the target and renamed into place: a failed restore leaves no half database.
	const staging = `${dataDir}.restoring-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.cpSync(path.join(backup, 'database'), staging, { recursive: true });
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(dataDir), { recursive: true });
	fs.renameSync(staging, dataDir);
	for (const doc of manifest.documents) {
		const target = path.join(filesDir, ...doc.path.split('/'));
		if (fs.existsSync(target)) continue; // content-addressed: the same name is the same bytes (checked below)
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(path.join(backup, 'files', ...doc.path.split('/')), target);
	}
	await checkRestored(manifest, dataDir, filesDir);
	return manifest;
}

/** The restored database holds what the manifest counted, and every document's file is whole. */
async function checkRestored(manifest: Manifest, dataDir: string, filesDir: string): Promise<void> {
	const database = await openDatabase({ databaseUrl: null, dataDir });
	try {
		const found = await inventory(database.db);
		const differs = Object.entries(manifest.counts).filter(([k, n]) => found.counts[k as keyof Manifest['counts']] !== n);
		const damaged = await damagedFiles(filesDir, found.documents);
		if (differs.length || damaged.length) {
			throw new BackupError(
				`The restored database does not match the backup: ${differs.map(([k, n]) => `${k} ${found.counts[k as keyof Manifest['counts']]} ≠ ${n}`).join(', ')}` +
					(damaged.length ? ` documents missing or damaged in ${filesDir}: ${damaged.slice(0, 20).join(', ')}` : '')
			);
		}
	} finally {
		await database.close();
	}
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
	if (refuseOnPostgres(env, 'pg_restore')) return 2;
	const config = loadConfig(env);
	const backup = argv.find((a) => !a.startsWith('--'));
	if (!backup) {
		console.error('usage: npm run restore -- <backup folder>   (PELAK_DATA_DIR must be empty or absent)');
		return 2;
	}
	const manifest = await restoreEmbedded({ backup: path.resolve(backup), dataDir: config.dataDir, filesDir: config.filesDir });
	const { cases, documents } = manifest.counts;
	console.log(
		`بازگردانی شد / restored into ${config.dataDir} and ${config.filesDir}: ${cases} cases and ${documents} documents, every document file checked`
	);
	return 0;
}

await runAsScript(import.meta.url, main);
