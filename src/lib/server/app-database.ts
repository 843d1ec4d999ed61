import { loadConfig, type PelakConfig } from './config';
import { openDatabase, migrate, type Database } from './db';

let current: Database | null = null;
let opening: Promise<Database> | null = null;

/**
 * The server's one database, opened once at start-up (the `init` hook), migrated, and filled
 * with the sample city when it has no parcels yet. Closed cleanly on SIGINT/SIGTERM.
 */
export function startDatabase(config: PelakConfig = loadConfig()): Promise<Database> {
	opening ??= (async () => {
		const database = await openDatabase(config);
		const { applied } = await migrate(database.db, config.migrationsDir, config.srid);
		if (applied.length) console.log(`[pelak] migrations applied: ${applied.join(', ')}`);
		if (config.sampleParcels > 0) {
			const { hasParcels, loadSampleCity } = await import('../../../gis/sample-city/index');
			if (!(await hasParcels(database.db))) {
				const started = Date.now();
				console.log(`[pelak] empty database: loading the SAMPLE city (${config.sampleParcels} parcels)…`);
				const counts = await loadSampleCity(database.db, { parcels: config.sampleParcels, srid: config.srid });
				console.log(`[pelak] sample city loaded in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
			}
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

function installShutdown(db: Database) {
	let closing = false;
	const close = (signal: NodeJS.Signals) => {
		if (closing) return;
		closing = true;
		console.log(`[pelak] ${signal}: closing the database`);
		db.close()
			.catch((err) => console.error('[pelak] error while closing the database', err))
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', close);
	process.once('SIGTERM', close);
}
