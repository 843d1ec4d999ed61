import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Executor = Kysely<DB> | Transaction<DB>;

export interface OneTimeCodeRow {
	id: number;
	mobile: string;
	codeHash: string;
	expiresAt: Date;
	usedAt: Date | null;
	attempts: number;
	/** when the registry matched the pair before this code was sent; null when it was not asked */
	registryMatchedAt: Date | null;
}

export async function insertCode(
	db: Executor,
	code: { nationalId: string; mobile: string; codeHash: string; createdAt: Date; expiresAt: Date; registryMatchedAt: Date | null }
): Promise<number> {
	const { id } = await db
		.insertInto('one_time_codes')
		.values({
			national_id: code.nationalId,
			mobile: code.mobile,
			code_hash: code.codeHash,
			purpose: 'sign_in',
			created_at: code.createdAt,
			expires_at: code.expiresAt,
			registry_matched_at: code.registryMatchedAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** The newest sign-in code issued to this national id and mobile: only the newest one counts. */
export async function findLatestCode(db: Executor, nationalId: string, mobile: string): Promise<OneTimeCodeRow | null> {
	const row = await db
		.selectFrom('one_time_codes')
		.select(['id', 'mobile', 'code_hash', 'expires_at', 'used_at', 'attempts', 'registry_matched_at'])
		.where('national_id', '=', nationalId)
		.where('mobile', '=', mobile)
		.where('purpose', '=', 'sign_in')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row
		? {
				id: row.id,
				mobile: row.mobile,
				codeHash: row.code_hash,
				expiresAt: row.expires_at,
				usedAt: row.used_at,
				attempts: row.attempts,
				registryMatchedAt: row.registry_matched_at
			}
		: null;
}

/**
 * Counts one attempt, atomically and only while attempts remain and the code is unused: two
 * guesses racing cannot both slip under the limit. Returns the new count, or null when refused.
 */
export async function countAttempt(db: Executor, id: number, maxAttempts: number): Promise<number | null> {
	const row = await db
		.updateTable('one_time_codes')
		.set((eb) => ({ attempts: eb('attempts', '+', 1) }))
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.where('attempts', '<', maxAttempts)
		.returning('attempts')
		.executeTakeFirst();
	return row?.attempts ?? null;
}

/** Marks the code used; false when another request used it first (single use even under races). */
export async function markCodeUsed(db: Executor, id: number, now: Date): Promise<boolean> {
	const result = await db
		.updateTable('one_time_codes')
		.set({ used_at: now })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function deleteCodesExpiredBefore(db: Executor, before: Date): Promise<number> {
	const result = await db.deleteFrom('one_time_codes').where('expires_at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}
