/**
 * A built server with a small sample city (2,000 parcels: enough streets, moratoriums and works
 * for the drawing tests, and quick to load on a busy machine), on real PostgreSQL in a database of
 * its own when PELAK_TEST_PG (or DATABASE_URL) is set, else on the embedded database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startBuiltServer, type RunningServer } from './server';

export async function startSmallCity(): Promise<RunningServer> {
	const postgres = process.env.PELAK_TEST_PG || process.env.DATABASE_URL;
	const env = { PELAK_MODE: 'demo', PELAK_SAMPLE_CITY: '2000' };
	if (!postgres) return startBuiltServer(240_000, env);
	const name = `pelak_e2e_drawing_${randomBytes(4).toString('hex')}`;
	const adminUrl = new URL(postgres);
	adminUrl.pathname = '/postgres';
	const admin = new pg.Client({ connectionString: adminUrl.toString() });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(postgres);
	url.pathname = `/${name}`;
	const dropDb = async () => {
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.end();
	};
	try {
		const server = await startBuiltServer(240_000, { ...env, DATABASE_URL: url.toString() });
		return {
			...server,
			async stop() {
				await server.stop();
				await dropDb();
			}
		};
	} catch (err) {
		await dropDb();
		throw err;
	}
}
