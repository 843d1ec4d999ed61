import { isDemoMode } from '../auth/mode';
import type { IdentityRegistry } from './identity-registry';
import { HttpIdentityRegistry, UnconfiguredIdentityRegistry } from './http-identity-registry';
import { SandboxIdentityRegistry } from './sandbox-identity-registry';

export { askRegistry, REGISTRY_TIMEOUT_MS, type IdentityRegistry, type RegistryAnswer } from './identity-registry';
export { SandboxIdentityRegistry, SANDBOX_REGISTRY_ENTRIES, type RegistryEntry } from './sandbox-identity-registry';
export { HttpIdentityRegistry, UnconfiguredIdentityRegistry, type HttpRegistryConfig } from './http-identity-registry';

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
