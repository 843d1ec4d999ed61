import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { DomainError } from '../errors';
import { hitRateLimit } from '../auth/rate-limit.repository';
import { RateLimitedError } from '../auth/errors';
import { createMessageSender as createUncappedSender, type MessageSender } from './sender';

/**
 * Caps on what leaves as SMS, whatever sends it (sign-in codes, case notifications): per number
 * per day, so no one phone is flooded, and for the whole service per day, so a flood cannot run
 * up the SMS bill. Days are UTC days (03:30 Tehran).
 */
export interface SendCaps {
	perNumberPerDay: number;
	perDay: number;
}

export const DEFAULT_SEND_CAPS: SendCaps = { perNumberPerDay: 20, perDay: 10_000 };
const DAY_MS = 24 * 3600_000;

function capFromEnv(raw: string | undefined, name: string, fallback: number): number {
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of messages, at least 1; got "${raw}"`);
	return value;
}

/** PELAK_SMS_DAILY_CAP (whole service) and PELAK_SMS_PER_NUMBER_DAILY_CAP, or the defaults. */
export function sendCapsFromEnv(env: NodeJS.ProcessEnv = process.env): SendCaps {
	return {
		perNumberPerDay: capFromEnv(env.PELAK_SMS_PER_NUMBER_DAILY_CAP, 'PELAK_SMS_PER_NUMBER_DAILY_CAP', DEFAULT_SEND_CAPS.perNumberPerDay),
		perDay: capFromEnv(env.PELAK_SMS_DAILY_CAP, 'PELAK_SMS_DAILY_CAP', DEFAULT_SEND_CAPS.perDay)
	};
}

export class SmsCapReachedError extends DomainError {
	constructor(
		readonly scope: 'number' | 'service',
		readonly retryAfterSeconds: number
	) {
		super(
			429,
			scope === 'number' ? 'sms_number_daily_cap' : 'sms_daily_cap',
			scope === 'number'
				? { fa: 'امروز بیش از این به این شماره پیامک فرستاده نمی‌شود؛ لطفاً فردا دوباره تلاش کنید.', en: 'No more SMS can be sent to this number today; please try again tomorrow.' }
				: { fa: 'سقف روزانهٔ پیامک‌های سامانه پر شده است؛ لطفاً بعداً دوباره تلاش کنید.', en: 'The service has reached its daily SMS limit; please try again later.' }
		);
	}
}

/** Counts each message against the caps before handing it to `inner`; refuses past either cap. */
export class CappedSender implements MessageSender {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly inner: MessageSender,
		private readonly caps: SendCaps = DEFAULT_SEND_CAPS,
		private readonly clock: () => Date = () => new Date()
	) {}

	get name(): string {
		return this.inner.name;
	}

	async send(to: string, body: string): Promise<void> {
		const now = this.clock();
		for (const [key, limit, scope] of [
			[`sms:number:${to}`, this.caps.perNumberPerDay, 'number'],
			['sms:service', this.caps.perDay, 'service']
		] as const) {
			try {
				await hitRateLimit(this.db, key, { limit, windowMs: DAY_MS }, now);
			} catch (err) {
				if (err instanceof RateLimitedError) throw new SmsCapReachedError(scope, err.retryAfterSeconds);
				throw err;
			}
		}
		await this.inner.send(to, body);
	}
}

/** The server's sender (gateway or sandbox outbox, see ./sender.ts) under the configured caps. */
export function createMessageSender(db: Kysely<DB>, env: NodeJS.ProcessEnv = process.env): MessageSender {
	return new CappedSender(db, createUncappedSender(db, env), sendCapsFromEnv(env));
}
