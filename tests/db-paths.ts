import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
export const TEMPLATE_DIR = path.join(ROOT, '.cache', 'pglite-template');
export const TEST_SRID = 32639;

/**
 * Each `vitest run` builds its own template database (named in the environment its workers inherit),
 * so runs side by side never drop each other's template.
 */
export function templateDatabaseName(): string {
	process.env.PELAK_TEST_TEMPLATE_DB ??= `pelak_tpl_${process.pid}`;
	return process.env.PELAK_TEST_TEMPLATE_DB;
}

/** The maintenance database of the server named by DATABASE_URL, to create and drop test databases. */
export function adminUrl(): string {
	const url = new URL(process.env.DATABASE_URL!);
	url.pathname = '/postgres';
	return url.toString();
}
