import { modeFromEnv } from '../config';

/**
 * Whether this server runs as a demo (sample data, sandbox registries, codes readable in the
 * sandbox outbox) rather than for real citizens. The one place the rest of auth asks; it follows
 * the configuration's PELAK_MODE (demo by default on the embedded database, production when
 * DATABASE_URL is set).
 */
export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
	return modeFromEnv(env) === 'demo';
}
