/**
 * A built server with a small sample city (2,000 parcels: enough streets, moratoriums and works
 * for the drawing tests, and quick to load on a busy machine), on real PostgreSQL in a database of
 * its own when PELAK_TEST_PG (or DATABASE_URL) is set (a copy of this run's first start with these
 * settings, `postgresCopy`), else on the embedded database.
 */
import { postgresCopy, startBuiltServer, type RunningServer } from './server';

const SMALL_CITY = { PELAK_MODE: 'demo', PELAK_SAMPLE_CITY: '2000' };

/** `env` adds to the server's settings; a different setting makes (and keeps) a first start of its own. */
export async function startOnPostgresCopy(postgres: string, env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<RunningServer> {
	const copy = await postgresCopy(postgres, env, timeoutMs);
	try {
		const server = await startBuiltServer(timeoutMs, { ...env, DATABASE_URL: copy.url, PELAK_FILES_DIR: copy.filesDir });
		return {
			...server,
			async stop() {
				await server.stop();
				await copy.drop();
			}
		};
	} catch (err) {
		await copy.drop();
		throw err;
	}
}

export async function startSmallCity(): Promise<RunningServer> {
	const postgres = process.env.PELAK_TEST_PG || process.env.DATABASE_URL;
	if (!postgres) return startBuiltServer(240_000, SMALL_CITY);
	return startOnPostgresCopy(postgres, SMALL_CITY);
}
