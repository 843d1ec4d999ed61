import path from 'node:path';

/**
 * `demo`: the sample city, its demo accounts and the sandbox SMS outbox, shown as such on every page.
 * `production`: none of those; the server refuses to start while any is configured (see security/start-up-check).
 */
export type PelakMode = 'demo' | 'production';

/**
 * Runtime configuration, read once from the environment. Server-only: nothing here reaches the browser.
 * Relative imports only under $lib/server, so the gis/ CLI (run by tsx, no SvelteKit aliases) can share it.
 */
export interface PelakConfig {
	/** `PELAK_MODE`; production by default when DATABASE_URL is set, demo on the embedded database. */
	mode: PelakMode;
	/** PostgreSQL + PostGIS connection string; when unset the embedded PGlite database is used. */
	databaseUrl: string | null;
	/** `DATABASE_REPLICA_URL`: a streaming replica of DATABASE_URL for tiles, parcel lookups and dashboards. */
	replicaUrl: string | null;
	/** Data directory of the embedded database. */
	dataDir: string;
	/** Storage CRS: a projected, metric CRS of the city (EPSG code). Areas and setbacks are measured in it. */
	srid: number;
	/** Sample city loaded into an empty database at start-up: number of parcels, or 0 for none (always 0 by default in production). */
	sampleParcels: number;
	/** Optional outside basemap style URL drawn beneath the city's own layers. */
	basemapStyleUrl: string | null;
	/** Origins the pages' CSP lets the map fetch from: the basemap style's own, and `PELAK_BASEMAP_ORIGINS` for its tiles, sprites or glyphs elsewhere. */
	basemapOrigins: string[];
	/** Folder holding the SQL migrations. */
	migrationsDir: string;
	/** Uploaded documents, stored by SHA-256 outside the database; beside the embedded data dir by default. */
	filesDir: string;
	/** Company code (کد شرکت, 3 digits) the bank or PSP assigned to the municipality; written into every bill id. */
	billCompanyCode: number;
	/** `ORIGIN`: the public URL the app is reached at; issued documents' QR codes point under it. */
	origin: string;
	/** `PELAK_TILE_CACHE_MB`: memory for rendered vector tiles, in bytes; 0 renders every tile afresh. */
	tileCacheBytes: number;
	/** `PELAK_SLOW_REQUEST_MS`: a request that takes longer is logged with its method, path and time; 0 logs none. */
	slowRequestMs: number;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a non-negative whole number, got "${raw}"`);
	}
	return value;
}

/** `PELAK_MODE`: demo by default on the embedded database, production when DATABASE_URL is set. */
export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): PelakMode {
	const raw = env.PELAK_MODE;
	if (raw === undefined || raw === '') return env.DATABASE_URL ? 'production' : 'demo';
	if (raw === 'demo' || raw === 'production') return raw;
	throw new Error(`PELAK_MODE must be "demo" or "production", got "${raw}"`);
}

/** `PELAK_SAMPLE_CITY`: a parcel count, `0` or `off` for none; unset, the default city in demo mode and none in production. */
function sampleParcelsFromEnv(env: NodeJS.ProcessEnv, mode: PelakMode): number {
	const raw = env.PELAK_SAMPLE_CITY;
	if (raw === 'off') return 0;
	return intFromEnv(env, 'PELAK_SAMPLE_CITY', mode === 'demo' ? DEFAULT_SAMPLE_PARCELS : 0);
}

/** The origin (scheme://host[:port]) of an http(s) URL; anything else is refused, naming the variable. */
function originOf(raw: string, name: string): string {
	let url: URL | null = null;
	try {
		url = new URL(raw);
	} catch {
		/* refused below */
	}
	if (!url || !/^https?:$/.test(url.protocol)) {
		throw new Error(`${name} must hold http(s) URLs such as https://tiles.example.org, got "${raw}"`);
	}
	return url.origin;
}

/**
 * Origins the pages' CSP lets the map fetch from: the basemap style's own (a relative style URL is
 * on this site already) and `PELAK_BASEMAP_ORIGINS`, a comma- or space-separated list.
 */
function basemapOriginsFromEnv(env: NodeJS.ProcessEnv): string[] {
	const style = env.PELAK_BASEMAP_STYLE_URL ?? '';
	const origins = (env.PELAK_BASEMAP_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean).map((o) => originOf(o, 'PELAK_BASEMAP_ORIGINS'));
	if (/^https?:\/\//i.test(style)) origins.unshift(originOf(style, 'PELAK_BASEMAP_STYLE_URL'));
	return [...new Set(origins)];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PelakConfig {
	const root = env.PELAK_ROOT ?? process.cwd();
	const mode = modeFromEnv(env);
	const dataDir = path.resolve(root, env.PELAK_DATA_DIR ?? '.data/pglite');
	return {
		mode,
		databaseUrl: env.DATABASE_URL || null,
		replicaUrl: env.DATABASE_REPLICA_URL || null,
		dataDir,
		srid: intFromEnv(env, 'PELAK_SRID', 32639),
		sampleParcels: sampleParcelsFromEnv(env, mode),
		basemapStyleUrl: env.PELAK_BASEMAP_STYLE_URL || null,
		basemapOrigins: basemapOriginsFromEnv(env),
		migrationsDir: path.resolve(root, 'migrations'),
		origin: (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
		filesDir: env.PELAK_FILES_DIR ? path.resolve(root, env.PELAK_FILES_DIR) : path.join(path.dirname(dataDir), 'files'),
		billCompanyCode: billCompanyCode(env.PELAK_BILL_COMPANY_CODE),
		tileCacheBytes: intFromEnv(env, 'PELAK_TILE_CACHE_MB', 256) * 2 ** 20,
		slowRequestMs: intFromEnv(env, 'PELAK_SLOW_REQUEST_MS', 2000)
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
