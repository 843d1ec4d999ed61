import type { DeedsAnswer, DeedsRegistry, PlateQuery } from './deeds-registry';

/**
 * SANDBOX ONLY: made-up deeds. Two sources, both documented in the README:
 * - explicit plates (tests add their own with `add`);
 * - the sample city's plates (`<block+101>/<lot>`, see gis/sample-city), owned by rule so the demo
 *   citizens own some parcels and not others: lot ≡ 0 (mod 4) → Maryam (0010000011), 1 → Ali
 *   (0010000021), 2 → Zahra (0010000038), 3 → a sandbox person without an account (0010000046).
 * Any other plate is `not_found`, as the real registry answers for an unregistered plate.
 */
export const SANDBOX_PLATE_OWNERS_BY_LOT: readonly string[] = ['0010000011', '0010000021', '0010000038', '0010000046'];

/** The sample city's owner of a plate under the sandbox rule, or null for a plate outside it. */
export function sandboxSampleOwner(plate: string): string | null {
	const match = /^(\d{3,5})\/(\d{1,4})$/.exec(plate.trim());
	if (!match || Number(match[1]) < 101) return null;
	return SANDBOX_PLATE_OWNERS_BY_LOT[Number(match[2]) % SANDBOX_PLATE_OWNERS_BY_LOT.length];
}

export class SandboxDeedsRegistry implements DeedsRegistry {
	readonly name = 'sandbox-deeds-registry';
	readonly sandbox = true;
	private readonly plates = new Map<string, string[]>();

	constructor(entries: Readonly<Record<string, readonly string[]>> = {}, private readonly sampleRule = true) {
		for (const [plate, owners] of Object.entries(entries)) this.plates.set(plate, [...owners]);
	}

	/** Records a made-up deed (tests): `owners` own `plate`, replacing what was there. */
	add(plate: string, owners: readonly string[]): this {
		this.plates.set(plate, [...owners]);
		return this;
	}

	async ownersOf(query: PlateQuery): Promise<DeedsAnswer> {
		const listed = this.plates.get(query.plate);
		if (listed) return { status: 'found', owners: [...listed] };
		const sample = this.sampleRule ? sandboxSampleOwner(query.plate) : null;
		return sample ? { status: 'found', owners: [sample] } : { status: 'not_found' };
	}
}
