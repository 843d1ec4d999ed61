/**
 * Who owns a mobile number: the operators' subscriber registry (سامانه شاهکار, Shahkar) answers
 * whether a national id and a mobile number belong together. Pelak asks it before a citizen's
 * account is made, so nobody can claim another person's national id with their own phone.
 */

/** `unavailable`: the registry could not answer (down, slow, misconfigured); nothing may be created on it. */
export type RegistryAnswer = 'matched' | 'not_matched' | 'unavailable';

export interface IdentityRegistry {
	/** Shown to the admin and in logs, so nobody mistakes the sandbox for the real registry. */
	readonly name: string;
	/** True for a registry of made-up people (demo only). */
	readonly sandbox: boolean;
	verifyMobileOwner(nationalId: string, mobile: string, options?: { signal?: AbortSignal }): Promise<RegistryAnswer>;
}

/** How long a sign-in waits for the registry before answering `unavailable`. */
export const REGISTRY_TIMEOUT_MS = 5_000;

/**
 * Asks `registry`, never longer than `timeoutMs`, and never throws: an error or a timeout is
 * `unavailable` (the request is aborted through the signal so a slow HTTP call does not linger).
 *
 * @example await askRegistry(registry, '0010000011', '09120000001') // 'matched' in the sandbox
 */
export async function askRegistry(
	registry: IdentityRegistry,
	nationalId: string,
	mobile: string,
	timeoutMs: number = REGISTRY_TIMEOUT_MS
): Promise<RegistryAnswer> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<RegistryAnswer>((resolve) => {
		timer = setTimeout(() => {
			controller.abort(new Error(`identity registry timed out after ${timeoutMs} ms`));
			resolve('unavailable');
		}, timeoutMs);
	});
	try {
		const answer = await Promise.race([registry.verifyMobileOwner(nationalId, mobile, { signal: controller.signal }), timeout]);
		return answer === 'matched' || answer === 'not_matched' ? answer : 'unavailable';
	} catch (err) {
		console.warn(`[pelak] identity registry ${registry.name} failed`, err);
		return 'unavailable';
	} finally {
		clearTimeout(timer);
	}
}
