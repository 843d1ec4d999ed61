import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, migrate } from '../src/lib/server/db';
import { TEMPLATE_DIR, MIGRATIONS_DIR, TEST_SRID, templateDatabaseName, adminUrl } from './db-paths';
import pg from 'pg';

/**
 * Runs once per `vitest run`. Embedded: builds a migrated PGlite + PostGIS data dir that each test
 * file copies (a fresh PGlite + PostGIS takes ~15 s to create, a copy ~3 s to open). PostgreSQL:
 * builds a migrated template database that each test file clones with CREATE DATABASE ... TEMPLATE.
 */
export default async function setup() {
	if (process.env.DATABASE_URL) {
		const name = templateDatabaseName();
		const admin = new pg.Client({ connectionString: adminUrl() });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${name}`);
		await admin.query(`CREATE DATABASE ${name}`);
		await admin.end();
		const url = new URL(process.env.DATABASE_URL);
		url.pathname = `/${name}`;
		const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
		await migrate(database.db, MIGRATIONS_DIR, TEST_SRID);
		await database.close();
		return async () => {
			const drop = new pg.Client({ connectionString: adminUrl() });
			await drop.connect();
			await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await drop.end();
		};
	}
	const stamp = path.join(TEMPLATE_DIR, '.migrations');
	const wanted = fs
		.readdirSync(MIGRATIONS_DIR)
		.sort()
		.map((f) => `${f}:${fs.statSync(path.join(MIGRATIONS_DIR, f)).mtimeMs}`)
		.join('\n');
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return;
	// Built in a private folder and swapped in by rename, so runs started side by side never see
	// (or copy) a half-built template.
	const building = `${TEMPLATE_DIR}.${process.pid}`;
	fs.rmSync(building, { recursive: true, force: true });
	const database = await openDatabase({ databaseUrl: null, dataDir: path.join(building, 'pgdata') });
	await migrate(database.db, MIGRATIONS_DIR, TEST_SRID);
	await database.close();
	fs.writeFileSync(path.join(building, '.migrations'), wanted);
	const old = `${TEMPLATE_DIR}.old.${process.pid}`;
	if (fs.existsSync(TEMPLATE_DIR)) fs.renameSync(TEMPLATE_DIR, old);
	fs.renameSync(building, TEMPLATE_DIR);
	fs.rmSync(old, { recursive: true, force: true });
}
