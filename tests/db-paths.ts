import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
export const TEMPLATE_DIR = path.join(ROOT, '.cache', 'pglite-template');
export const TEST_SRID = 32639;

export function templateDatabaseName(): string {
	return 'pelak_test_template';
}

/** The maintenance database of the server named by DATABASE_URL, to create and drop test databases. */
export function adminUrl(): string {
	const url = new URL(process.env.DATABASE_URL!);
	url.pathname = '/postgres';
	return url.toString();
}
