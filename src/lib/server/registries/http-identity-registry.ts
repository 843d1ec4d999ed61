import type { IdentityRegistry, RegistryAnswer } from './identity-registry';

export interface HttpRegistryConfig {
	/** The municipality's gateway to Shahkar; it receives `{ nationalId, mobile }` and answers `{ matched: boolean }`. */
	url: string;
	apiKey: string | null;
}

/**
 * The real registry, reached through the municipality's gateway (Shahkar itself is reached over the
 * government service bus under a contract; the gateway keeps that contract out of Pelak). Anything
 * but a clear yes or no (an HTTP error, a malformed answer, an abort) is `unavailable`.
 */
export class HttpIdentityRegistry implements IdentityRegistry {
	readonly name = 'shahkar-gateway';
	readonly sandbox = false;
	constructor(private readonly config: HttpRegistryConfig) {}

	async verifyMobileOwner(nationalId: string, mobile: string, options: { signal?: AbortSignal } = {}): Promise<RegistryAnswer> {
		const response = await fetch(this.config.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {})
			},
			body: JSON.stringify({ nationalId, mobile }),
			signal: options.signal
		});
		if (!response.ok) return 'unavailable';
		const body = (await response.json().catch(() => null)) as { matched?: unknown } | null;
		if (body?.matched === true) return 'matched';
		if (body?.matched === false) return 'not_matched';
		return 'unavailable';
	}
}

/** Production without a configured gateway: never guesses, always `unavailable`. */
export class UnconfiguredIdentityRegistry implements IdentityRegistry {
	readonly name = 'not-configured';
	readonly sandbox = false;
	async verifyMobileOwner(): Promise<RegistryAnswer> {
		return 'unavailable';
	}
}
