import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Executor = Kysely<DB> | Transaction<DB>;

export interface TotpState {
	kind: 'citizen' | 'staff';
	username: string | null;
	secret: string | null;
	enabledAt: Date | null;
}

export async function findTotpState(db: Executor, userId: number): Promise<TotpState | null> {
	const row = await db
		.selectFrom('users')
		.select(['kind', 'username', 'totp_secret', 'totp_enabled_at'])
		.where('id', '=', userId)
		.where('active', '=', true)
		.executeTakeFirst();
	return row ? { kind: row.kind, username: row.username, secret: row.totp_secret, enabledAt: row.totp_enabled_at } : null;
}

/** A secret waiting for its first code; refused (false) once TOTP is on. */
export async function storePendingSecret(db: Executor, userId: number, secret: string): Promise<boolean> {
	const result = await db
		.updateTable('users')
		.set({ totp_secret: secret, totp_last_step: null })
		.where('id', '=', userId)
		.where('totp_enabled_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/**
 * Records `step` as used, only if it is later than the last one used: one UPDATE, so a code cannot
 * be accepted twice even by two racing requests. With `enableAt`, turns TOTP on in the same write.
 */
export async function useTotpStep(db: Executor, userId: number, step: number, enableAt?: Date): Promise<boolean> {
	let query = db
		.updateTable('users')
		.set({ totp_last_step: step, ...(enableAt ? { totp_enabled_at: enableAt } : {}) })
		.where('id', '=', userId)
		.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]));
	query = enableAt ? query.where('totp_enabled_at', 'is', null) : query.where('totp_enabled_at', 'is not', null);
	const result = await query.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Turns TOTP off (an admin's reset after a lost phone): the next sign-in enrols again where required. */
export async function clearTotp(db: Executor, userId: number): Promise<void> {
	await db.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', userId).execute();
}
