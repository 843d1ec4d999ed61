/**
 * Who owns a parcel: the deeds registry (سازمان ثبت اسناد و املاک) answers, for a registration
 * plate (پلاک ثبتی, main/sub in a registry section), the national ids of its registered owners.
 * Pelak asks it before a permit-type request is filed, so only an owner (or a representative whose
 * power of attorney an officer accepted) can file for a parcel.
 */

/** `unavailable`: the registry could not answer (down, slow, misconfigured); nothing may be filed on it. */
export type DeedsAnswer =
	| { status: 'found'; owners: string[] }
	| { status: 'not_found' }
	| { status: 'unavailable' };

/** A plate as the registry knows it: `main/sub` and, where the city records it, the registry section. */
export interface PlateQuery {
	plate: string;
	section: string | null;
}

export interface DeedsRegistry {
	/** Shown in logs and the README, so nobody mistakes the sandbox for the real registry. */
	readonly name: string;
	/** True for a registry of made-up deeds (demo only). */
	readonly sandbox: boolean;
	ownersOf(query: PlateQuery, options?: { signal?: AbortSignal }): Promise<DeedsAnswer>;
}

/** How long a filing waits for the deeds registry before answering `unavailable`. */
export const DEEDS_TIMEOUT_MS = 5_000;

const UNAVAILABLE: DeedsAnswer = { status: 'unavailable' };

/**
 * Asks `registry`, never longer than `timeoutMs`, and never throws: an error, a timeout or a
 * malformed answer is `unavailable` (the call is aborted through the signal).
 *
 * @example await askDeedsRegistry(registry, { plate: '101/4', section: null }) // { status: 'found', owners: ['0010000011'] } in the sandbox
 */
export async function askDeedsRegistry(registry: DeedsRegistry, query: PlateQuery, timeoutMs: number = DEEDS_TIMEOUT_MS): Promise<DeedsAnswer> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<DeedsAnswer>((resolve) => {
		timer = setTimeout(() => {
			controller.abort(new Error(`deeds registry timed out after ${timeoutMs} ms`));
			resolve(UNAVAILABLE);
		}, timeoutMs);
	});
	try {
		const answer = await Promise.race([registry.ownersOf(query, { signal: controller.signal }), timeout]);
		if (answer?.status === 'not_found') return answer;
		if (answer?.status === 'found' && Array.isArray(answer.owners) && answer.owners.every((o) => typeof o === 'string')) {
			return { status: 'found', owners: [...new Set(answer.owners)] };
		}
		return UNAVAILABLE;
	} catch (err) {
		console.warn(`[pelak] deeds registry ${registry.name} failed`, err);
		return UNAVAILABLE;
	} finally {
		clearTimeout(timer);
	}
}
