import type { ColumnType } from 'kysely';

/** Tables of migrations/0125_idempotency_keys.sql (part of `DB` in ./schema.ts). */

export type IdempotencyScope = 'file_request' | 'answer_task' | 'act';

/** A client's key for one write, and the write's first result. */
export interface IdempotencyKeys {
	user_id: number;
	key: string;
	scope: IdempotencyScope;
	fingerprint: string;
	case_id: number | null;
	referral_id: number | null;
	created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface IdempotencyTables {
	idempotency_keys: IdempotencyKeys;
}
