import type { SessionCookies } from '../src/lib/server/auth';

/** A cookie jar standing in for SvelteKit's `cookies`, recording what the code set. */
export class FakeCookies implements SessionCookies {
	values = new Map<string, string>();
	options = new Map<string, Record<string, unknown>>();
	get(name: string) {
		return this.values.get(name);
	}
	set(name: string, value: string, opts: Parameters<SessionCookies['set']>[2]) {
		this.values.set(name, value);
		this.options.set(name, { ...opts });
	}
	delete(name: string) {
		this.values.delete(name);
	}
}
