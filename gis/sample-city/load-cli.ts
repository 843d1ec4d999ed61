/**
 * Loads the SAMPLE city into a database, e.g. the benchmark city into PostgreSQL:
 *   npx tsx gis/sample-city/load-cli.ts --parcels 1000000 [--seed 1404]
 * (DATABASE_URL picks PostgreSQL, otherwise the embedded database at PELAK_DATA_DIR). The database
 * is migrated first and must have no parcels yet.
 */
import { DEFAULT_SAMPLE_PARCELS, loadConfig } from '../../src/lib/server/config';
import { migrate, openDatabase } from '../../src/lib/server/db';
import { hasParcels, loadSampleCity } from './index';

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : undefined;
}

const config = loadConfig();
const parcels = Number(flag('parcels') ?? (config.sampleParcels || DEFAULT_SAMPLE_PARCELS));
const seed = flag('seed') === undefined ? undefined : Number(flag('seed'));
if (!Number.isInteger(parcels) || parcels <= 0) throw new Error(`--parcels must be a positive whole number, got ${flag('parcels')}`);

const database = await openDatabase(config);
try {
	await migrate(database.db, config.migrationsDir, config.srid);
	if (await hasParcels(database.db)) throw new Error('The database already has parcels; load the sample city into an empty one.');
	const started = Date.now();
	const counts = await loadSampleCity(database.db, { parcels, srid: config.srid, seed, onProgress: (m) => console.log(`[sample-city] ${m}`) });
	console.log(`[sample-city] ${database.backend}: loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`, counts);
} finally {
	await database.close();
}
