import { loadConfig, type PelakConfig } from './config';
import { openDatabase, migrate, type Database } from './db';
import { seedSampleData, type SampleCitySeeder } from './sample-data';
import { loadBlackoutCalendar } from './excavation/blackouts.service';

let current: Database | null = null;
let opening: Promise<Database> | null = null;

export interface StartOptions {
	config?: PelakConfig;
	/** Fills a database with no parcels yet with the sample city (demo mode, unless `PELAK_SAMPLE_CITY=0`). */
	seeder?: SampleCitySeeder;
}

/**
 * The server's one database, opened once at start-up (the `init` hook), migrated, and filled
 * with the sample city by `seeder` when it has no parcels yet. Closed cleanly on SIGINT/SIGTERM.
 */
export function startDatabase({ config = loadConfig(), seeder }: StartOptions = {}): Promise<Database> {
	opening ??= (async () => {
		// A malformed request-type definition must stop the server, not surface on a citizen's case.
		const { assertValidRequestTypes } = await import('./workflows/registry');
		assertValidRequestTypes();
		const database = await openDatabase(config);
		const { applied } = await migrate(database.db, config.migrationsDir, config.srid);
		if (applied.length) console.log(`[pelak] migrations applied: ${applied.join(', ')}`);
		await loadBlackoutCalendar(database.db);
		if (seeder && config.sampleParcels > 0) {
			await seedSampleData(database.db, seeder, { parcels: config.sampleParcels, srid: config.srid });
		}
		current = database;
		installShutdown(database);
		console.log(`[pelak] database ready (${database.backend}${database.backend === 'embedded' ? `, ${config.dataDir}` : ''})`);
		return database;
	})();
	return opening;
}

export function database(): Database {
	if (!current) throw new Error('The database is not open yet');
	return current;
}

/**
 * The built server (adapter-node) stops accepting requests on SIGINT/SIGTERM, lets the running ones
 * finish, then emits `sveltekit:shutdown`: the database is closed then, so PGlite's files are left
 * clean. Under `vite dev` there is no such event, so the signals close it directly.
 */
function installShutdown(db: Database) {
	let closing = false;
	const close = (reason: string) => {
		if (closing) return;
		closing = true;
		console.log(`[pelak] ${reason}: closing the database`);
		db.close()
			.catch((err) => console.error('[pelak] error while closing the database', err))
			.finally(() => process.exit(0));
	};
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	process.once('sveltekit:shutdown' as any, (reason: string) => close(reason));
	if (process.env.PELAK_DEV_SIGNALS === '1') {
		process.once('SIGINT', () => close('SIGINT'));
		process.once('SIGTERM', () => close('SIGTERM'));
	}
}
