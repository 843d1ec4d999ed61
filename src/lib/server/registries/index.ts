import { isDemoMode } from '../auth/mode';
import type { IdentityRegistry } from './identity-registry';
import type { DeedsRegistry } from './deeds-registry';
import { HttpIdentityRegistry, UnconfiguredIdentityRegistry } from './http-identity-registry';
import { SandboxIdentityRegistry } from './sandbox-identity-registry';
import { HttpDeedsRegistry, UnconfiguredDeedsRegistry } from './http-deeds-registry';
import { SandboxDeedsRegistry } from './sandbox-deeds-registry';

export { askRegistry, REGISTRY_TIMEOUT_MS, type IdentityRegistry, type RegistryAnswer } from './identity-registry';
export { SandboxIdentityRegistry, SANDBOX_REGISTRY_ENTRIES, type RegistryEntry } from './sandbox-identity-registry';
export { HttpIdentityRegistry, UnconfiguredIdentityRegistry, type HttpRegistryConfig } from './http-identity-registry';
export { askDeedsRegistry, DEEDS_TIMEOUT_MS, type DeedsAnswer, type DeedsRegistry, type PlateQuery } from './deeds-registry';
export { SandboxDeedsRegistry, sandboxSampleOwner, SANDBOX_PLATE_OWNERS_BY_LOT } from './sandbox-deeds-registry';
export { HttpDeedsRegistry, UnconfiguredDeedsRegistry, type HttpDeedsConfig } from './http-deeds-registry';

/**
 * This server's identity registry: the gateway when PELAK_IDENTITY_REGISTRY_URL is set; otherwise
 * the sandbox in demo mode, and in production one that always answers `unavailable` (a production
 * server never checks real people against made-up ones).
 */
export function createIdentityRegistry(env: NodeJS.ProcessEnv = process.env): IdentityRegistry {
	const url = env.PELAK_IDENTITY_REGISTRY_URL || null;
	if (url) return new HttpIdentityRegistry({ url, apiKey: env.PELAK_IDENTITY_REGISTRY_KEY || null });
	return isDemoMode(env) ? new SandboxIdentityRegistry() : new UnconfiguredIdentityRegistry();
}

/**
 * This server's deeds registry: the gateway when PELAK_DEEDS_REGISTRY_URL is set; otherwise the
 * sandbox in demo mode (or when PELAK_DEEDS_REGISTRY=sandbox, which a production start refuses),
 * and in production one that always answers `unavailable`, so permits wait rather than trust
 * made-up deeds.
 */
export function createDeedsRegistry(env: NodeJS.ProcessEnv = process.env): DeedsRegistry {
	const url = env.PELAK_DEEDS_REGISTRY_URL || null;
	if (url) return new HttpDeedsRegistry({ url, apiKey: env.PELAK_DEEDS_REGISTRY_KEY || null });
	if (env.PELAK_DEEDS_REGISTRY === 'sandbox' || isDemoMode(env)) return new SandboxDeedsRegistry();
	return new UnconfiguredDeedsRegistry();
}

let deedsOverride: DeedsRegistry | null = null;

/**
 * Serves this process with `registry` instead of the configured one (the test worlds use their own
 * sandbox, so pages filing through the server's default see the same deeds); null restores the
 * configuration. Production code never calls it.
 */
export function setDeedsRegistry(registry: DeedsRegistry | null): void {
	deedsOverride = registry;
}

/** The deeds registry filings use: the one set with setDeedsRegistry, else the configured one. */
export function serverDeedsRegistry(): DeedsRegistry {
	return deedsOverride ?? createDeedsRegistry();
}
