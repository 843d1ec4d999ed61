import type { DeedsAnswer, DeedsRegistry, PlateQuery } from './deeds-registry';

export interface HttpDeedsConfig {
	/** The municipality's gateway to the deeds registry: it receives `{ plate, section }` and answers `{ owners: string[] }`, 404 for an unknown plate. */
	url: string;
	apiKey: string | null;
}

/**
 * The real deeds registry, reached through the municipality's gateway (the registry's own web
 * service sits behind the government service bus under a contract the gateway keeps). Anything
 * but a clear list or a clear 404 (an HTTP error, a malformed answer, an abort) is `unavailable`.
 */
export class HttpDeedsRegistry implements DeedsRegistry {
	readonly name = 'deeds-gateway';
	readonly sandbox = false;

	constructor(private readonly config: HttpDeedsConfig) {}

	async ownersOf(query: PlateQuery, options: { signal?: AbortSignal } = {}): Promise<DeedsAnswer> {
		const response = await fetch(this.config.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {})
			},
			body: JSON.stringify({ plate: query.plate, section: query.section }),
			signal: options.signal
		});
		if (response.status === 404) return { status: 'not_found' };
		if (!response.ok) return { status: 'unavailable' };
		const body = (await response.json().catch(() => null)) as { owners?: unknown } | null;
		const owners = body?.owners;
		if (Array.isArray(owners) && owners.every((o) => typeof o === 'string' && /^\d{10}$/.test(o))) return { status: 'found', owners };
		return { status: 'unavailable' };
	}
}

/** Production without a configured gateway: never guesses, always `unavailable`. */
export class UnconfiguredDeedsRegistry implements DeedsRegistry {
	readonly name = 'deeds-not-configured';
	readonly sandbox = false;
	async ownersOf(): Promise<DeedsAnswer> {
		return { status: 'unavailable' };
	}
}
