import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { IdempotencyScope } from '../db/idempotency-schema';
import { BadInputError, ConflictError } from '../errors';
import type { CheckedUpload } from '../documents';

/**
 * Idempotent writes (issue 7): a citizen whose filing committed but whose answer was lost (the
 * network cut, the server killed after the commit) sends it again with the same key and is answered
 * with the first result — the same case — instead of a second one.
 *
 * The client makes the key once per form as shown (a hidden field) or per API call (an
 * `Idempotency-Key` header). The server records (user, key) with a fingerprint of the request's
 * content as the first statement of the write's transaction and sets the result before the commit:
 * a concurrent duplicate waits on that row and then fails as a duplicate, so it never writes; a
 * retry finds the row and replays the result; the same key with other content is refused.
 */

export interface IdempotentWrite {
	key: string;
	scope: IdempotencyScope;
	fingerprint: string;
}

/** What a replayed write answers with: the case the first one wrote (and an agency's referral). */
export interface PriorResult {
	caseId: number;
	referralId: number | null;
}

const KEY = /^[A-Za-z0-9_-]{16,100}$/;

export const idempotencyErrors = {
	keyInvalid: () =>
		new BadInputError('idempotency_key_invalid', {
			fa: 'کلید یکتایی درخواست (Idempotency-Key) نامعتبر است: باید ۱۶ تا ۱۰۰ نویسه از حروف لاتین، رقم، «-» یا «_» باشد.',
			en: 'The request’s idempotency key is invalid: it must be 16 to 100 characters of letters, digits, "-" or "_".'
		}),
	keyReused: () =>
		new ConflictError('idempotency_key_reused', {
			fa: 'این کلید یکتایی (Idempotency-Key) پیش‌تر برای درخواستی با محتوای دیگر به کار رفته است؛ برای درخواست تازه صفحه را دوباره باز کنید یا کلید تازه بفرستید.',
			en: 'This idempotency key was already used for a request with different content; reload the page (or send a new key) for a new request.'
		})
};

/** The key a form or a header carried: undefined without one; a malformed key is refused by name. */
export function readIdempotencyKey(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' || !KEY.test(value)) throw idempotencyErrors.keyInvalid();
	return value;
}

/**
 * SHA-256 of what a request asks for: its scope, its fields (as canonical JSON: keys sorted,
 * undefined left out) and each upload's kind and SHA-256 (not its name, which a retry keeps anyway).
 */
export function fingerprintOf(scope: IdempotencyScope, fields: Record<string, unknown>, uploads: readonly CheckedUpload[] = []): string {
	const files = uploads.map((u) => `${u.kind}:${u.sha256}`);
	return createHash('sha256').update(canonical({ scope, fields, files })).digest('hex');
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** The write a key names, or null when the request carried no key. */
export function idempotentWrite(key: string | undefined, scope: IdempotencyScope, fields: Record<string, unknown>, uploads?: readonly CheckedUpload[]): IdempotentWrite | null {
	const checked = readIdempotencyKey(key);
	return checked ? { key: checked, scope, fingerprint: fingerprintOf(scope, fields, uploads) } : null;
}

/**
 * The first result of a write with this key, if it committed; null when the key is new.
 * @throws ConflictError `idempotency_key_reused` when the key was used for other content
 */
export async function priorResult(db: Kysely<DB> | Transaction<DB>, userId: number, write: IdempotentWrite): Promise<PriorResult | null> {
	const row = await db
		.selectFrom('idempotency_keys')
		.select(['scope', 'fingerprint', 'case_id', 'referral_id'])
		.where('user_id', '=', userId)
		.where('key', '=', write.key)
		.executeTakeFirst();
	if (!row || row.case_id === null) return null;
	if (row.scope !== write.scope || row.fingerprint !== write.fingerprint) throw idempotencyErrors.keyReused();
	return { caseId: Number(row.case_id), referralId: row.referral_id === null ? null : Number(row.referral_id) };
}

/** Records the key as the first statement of the write's transaction (a concurrent duplicate waits here). */
export async function claimKey(trx: Transaction<DB>, userId: number, write: IdempotentWrite): Promise<void> {
	await trx.insertInto('idempotency_keys').values({ user_id: userId, key: write.key, scope: write.scope, fingerprint: write.fingerprint }).execute();
}

/** Sets the write's result on its key, before the commit. */
export async function settleKey(trx: Transaction<DB>, userId: number, write: IdempotentWrite, result: PriorResult): Promise<void> {
	await trx
		.updateTable('idempotency_keys')
		.set({ case_id: result.caseId, referral_id: result.referralId })
		.where('user_id', '=', userId)
		.where('key', '=', write.key)
		.execute();
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/**
 * Runs `write` once per key: a key seen before answers its first result (`replayed`), a new key
 * runs the write with the key claimed inside its transaction, and a duplicate that raced the first
 * (its insert waited, then failed on the primary key) answers the first's result too. Without a
 * key the write simply runs.
 */
export async function once<T extends PriorResult>(
	db: Kysely<DB>,
	userId: number,
	write: IdempotentWrite | null,
	run: (claim: (trx: Transaction<DB>) => Promise<void>, settle: (trx: Transaction<DB>, result: PriorResult) => Promise<void>) => Promise<T>
): Promise<{ replayed: true; result: PriorResult } | { replayed: false; result: T }> {
	const noop = async () => undefined;
	if (!write) return { replayed: false, result: await run(noop, noop) };
	const prior = await priorResult(db, userId, write);
	if (prior) return { replayed: true, result: prior };
	try {
		const result = await run(
			(trx) => claimKey(trx, userId, write),
			(trx, r) => settleKey(trx, userId, write, r)
		);
		return { replayed: false, result };
	} catch (err) {
		if (!isUniqueViolation(err)) throw err;
		const raced = await priorResult(db, userId, write);
		if (!raced) throw err;
		return { replayed: true, result: raced };
	}
}

/** The key a form carries (`idempotencyKey`, a hidden field) or, for an API caller, its `Idempotency-Key` header. */
export function idempotencyKeyFrom(form: FormData, request: Request): string | undefined {
	const field = form.get('idempotencyKey');
	if (typeof field === 'string' && field !== '') return field;
	return request.headers.get('idempotency-key') ?? undefined;
}

/** A fresh key for a form as it is shown (a new one at every render, so a new request never reuses one). */
export function newIdempotencyKey(): string {
	return randomUUID();
}

/** How long a key answers retries: a day covers any client's retry; older keys may be pruned. */
export const IDEMPOTENCY_KEEP_MS = 24 * 3600_000;

/** Removes keys recorded before `before` (for the scheduled clean-up); returns how many. */
export async function pruneIdempotencyKeys(db: Kysely<DB>, before: Date): Promise<number> {
	const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}
