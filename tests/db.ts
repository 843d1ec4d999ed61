import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { KyselyPlugin } from 'kysely';
import { openDatabase, statementsOn, type Database } from '../src/lib/server/db';
import { TEMPLATE_DIR, templateDatabaseName, adminUrl } from './db-paths';

export { TEST_SRID } from './db-paths';

export interface TestDatabase extends Database {
	/** The connection string of this test's database (PostgreSQL only). */
	url: string | null;
}

/**
 * The database with its statements passed through `plugins` (to count them, or make them fail): those on
 * `db`, and the tile renders of reads from it (`tilesOn`), which then go through `db` too, each once.
 */
export function throughPlugins(database: Database, ...plugins: KyselyPlugin[]): Database {
	const db = plugins.reduce((d, plugin) => d.withPlugin(plugin), database.db);
	const tiles = statementsOn(db);
	return { ...database, db, tilesOn: (reader) => (reader === db ? tiles : database.tilesOn(reader)) };
}

/**
 * A fresh, migrated, empty database for one test file: a copy of the PGlite template by default,
 * a clone of the template database on the PostgreSQL server when DATABASE_URL is set.
 * `close()` drops it.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
	if (process.env.DATABASE_URL) {
		// PELAK_TEST_DB_PREFIX: a prefix of one's own where several checkouts share the server
		const name = `${process.env.PELAK_TEST_DB_PREFIX ?? 'pelak_t_'}${randomBytes(6).toString('hex')}`;
		const admin = new pg.Client({ connectionString: adminUrl() });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName()}`);
		await admin.end();
		const url = new URL(process.env.DATABASE_URL);
		url.pathname = `/${name}`;
		const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
		return {
			...database,
			url: url.toString(),
			async close() {
				await database.close();
				const drop = new pg.Client({ connectionString: adminUrl() });
				await drop.connect();
				await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
				await drop.end();
			}
		};
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-test-'));
	const dataDir = path.join(dir, 'pgdata');
	fs.cpSync(path.join(TEMPLATE_DIR, 'pgdata'), dataDir, { recursive: true });
	const database = await openDatabase({ databaseUrl: null, dataDir });
	return {
		...database,
		url: null,
		async close() {
			await database.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
