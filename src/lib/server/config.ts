import path from 'node:path';

/**
 * Runtime configuration, read once from the environment. Server-only: nothing here reaches the browser.
 * Relative imports only under $lib/server, so the gis/ CLI (run by tsx, no SvelteKit aliases) can share it.
 */
export interface PelakConfig {
	/** PostgreSQL + PostGIS connection string; when unset the embedded PGlite database is used. */
	databaseUrl: string | null;
	/** Data directory of the embedded database. */
	dataDir: string;
	/** Storage CRS: a projected, metric CRS of the city (EPSG code). Areas and setbacks are measured in it. */
	srid: number;
	/** Sample city loaded into an empty database at start-up: number of parcels, or 0 for none. */
	sampleParcels: number;
	/** Optional outside basemap style URL drawn beneath the city's own layers. */
	basemapStyleUrl: string | null;
	/** Folder holding the SQL migrations. */
	migrationsDir: string;
	/** Uploaded documents, stored by SHA-256 outside the database; beside the embedded data dir by default. */
	filesDir: string;
	/** Company code (کد شرکت, 3 digits) the bank or PSP assigned to the municipality; written into every bill id. */
	billCompanyCode: number;
}

function intFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a non-negative whole number, got "${raw}"`);
	}
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PelakConfig {
	const root = env.PELAK_ROOT ?? process.cwd();
	const sample = env.PELAK_SAMPLE_CITY;
	const dataDir = path.resolve(root, env.PELAK_DATA_DIR ?? '.data/pglite');
	return {
		databaseUrl: env.DATABASE_URL || null,
		dataDir,
		srid: intFromEnv('PELAK_SRID', 32639),
		sampleParcels: sample === 'off' ? 0 : intFromEnv('PELAK_SAMPLE_CITY', 0) || DEFAULT_SAMPLE_PARCELS,
		basemapStyleUrl: env.PELAK_BASEMAP_STYLE_URL || null,
		migrationsDir: path.resolve(root, 'migrations'),
		filesDir: env.PELAK_FILES_DIR ? path.resolve(root, env.PELAK_FILES_DIR) : path.join(path.dirname(dataDir), 'files'),
		billCompanyCode: billCompanyCode(env.PELAK_BILL_COMPANY_CODE)
	};
}

/** A SAMPLE company code for bills until the bank assigns the municipality its own. */
export const SAMPLE_BILL_COMPANY_CODE = 999;

function billCompanyCode(raw: string | undefined): number {
	if (raw === undefined || raw === '') return SAMPLE_BILL_COMPANY_CODE;
	if (!/^\d{1,3}$/.test(raw)) throw new Error(`PELAK_BILL_COMPANY_CODE must be the 3-digit company code the bank assigned, got "${raw}"`);
	return Number(raw);
}

/** The default sample city: big enough to feel like a city, small enough to load in seconds. */
export const DEFAULT_SAMPLE_PARCELS = 12_000;
