import type { IdentityRegistry, RegistryAnswer } from './identity-registry';

export interface RegistryEntry {
	nationalId: string;
	mobile: string;
}

/**
 * SANDBOX ONLY: made-up people, no rule. The first three are the README's demo citizens (their
 * accounts are seeded with the sample city); the others have no account yet, so a demo can show a
 * first sign-in making one. Any other pair is `not_matched`, exactly as the real registry would
 * answer for someone else's national id.
 */
export const SANDBOX_REGISTRY_ENTRIES: readonly RegistryEntry[] = [
	{ nationalId: '0010000011', mobile: '09120000001' },
	{ nationalId: '0010000021', mobile: '09120000002' },
	{ nationalId: '0010000038', mobile: '09120000003' },
	{ nationalId: '0010000046', mobile: '09120000004' },
	{ nationalId: '0010000054', mobile: '09120000005' }
];

/** The default registry outside production: a fixed list, answered at once, clearly labelled. */
export class SandboxIdentityRegistry implements IdentityRegistry {
	readonly name = 'sandbox-registry';
	readonly sandbox = true;
	private readonly owners: Map<string, string>;

	constructor(entries: readonly RegistryEntry[] = SANDBOX_REGISTRY_ENTRIES) {
		this.owners = new Map(entries.map((e) => [e.nationalId, e.mobile]));
	}

	/** Adds a made-up person (tests). */
	add(entry: RegistryEntry): void {
		this.owners.set(entry.nationalId, entry.mobile);
	}

	async verifyMobileOwner(nationalId: string, mobile: string): Promise<RegistryAnswer> {
		return this.owners.get(nationalId) === mobile ? 'matched' : 'not_matched';
	}
}
