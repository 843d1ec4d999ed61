/**
 * Whether this server runs as a demo (sample data, sandbox registries, codes readable in the
 * sandbox outbox) rather than for real citizens. The one place the rest of auth asks; it reads
 * PELAK_MODE (`demo` | `production`), and anything but `production` is a demo.
 */
export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.PELAK_MODE !== 'production';
}
