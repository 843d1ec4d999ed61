import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { DomainError } from '../errors';
import { insertOutboxMessage } from './outbox.repository';

/** Where sign-in codes and case notifications go. `to` is a mobile number (09xxxxxxxxx). */
export interface MessageSender {
	/** A name the admin page and logs show, so nobody mistakes the sandbox for real delivery. */
	readonly name: string;
	send(to: string, body: string): Promise<void>;
}

/**
 * The SANDBOX sender, the default: nothing leaves the server. Each message is written to the
 * `outbox` table, which the admin page shows, so a demo or a test can read the code that "was sent".
 */
export class OutboxSandboxSender implements MessageSender {
	readonly name = 'outbox-sandbox';
	constructor(private readonly db: Kysely<DB>) {}

	async send(to: string, body: string): Promise<void> {
		await insertOutboxMessage(this.db, to, body);
	}
}

export interface SmsGatewayConfig {
	/** HTTP endpoint of the municipality's SMS provider; it receives `{ to, body }` as JSON. */
	url: string | null;
	apiKey: string | null;
	/** How long to wait for the gateway's answer (default SMS_GATEWAY_TIMEOUT_MS). */
	timeoutMs?: number;
}

/** A citizen waits on the sign-in form while the code is sent: give up after this and say so. */
export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

const GATEWAY_TIMED_OUT = {
	status: 504,
	code: 'sms_gateway_timeout',
	messages: {
		fa: 'درگاه پیامک به‌موقع پاسخ نداد؛ لطفاً کمی بعد دوباره تلاش کنید.',
		en: 'The SMS gateway did not answer in time; please try again shortly.'
	}
};
const GATEWAY_UNREACHABLE = {
	status: 502,
	code: 'sms_gateway_unreachable',
	messages: {
		fa: 'درگاه پیامک در دسترس نیست؛ لطفاً کمی بعد دوباره تلاش کنید.',
		en: 'The SMS gateway cannot be reached; please try again shortly.'
	}
};

/**
 * The slot for a real SMS provider. Until PELAK_SMS_GATEWAY_URL is set it refuses to send rather
 * than pretend: a code that silently goes nowhere would lock citizens out.
 */
export class SmsGatewaySender implements MessageSender {
	readonly name = 'sms-gateway';
	constructor(private readonly config: SmsGatewayConfig) {}

	async send(to: string, body: string): Promise<void> {
		if (!this.config.url) {
			throw new DomainError(503, 'sms_gateway_not_configured', {
				fa: 'درگاه پیامک پیکربندی نشده است (PELAK_SMS_GATEWAY_URL).',
				en: 'The SMS gateway is not configured (PELAK_SMS_GATEWAY_URL).'
			});
		}
		let response: Response;
		try {
			response = await fetch(this.config.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {})
				},
				body: JSON.stringify({ to, body }),
				// A redirect would carry the code (and the key) somewhere nobody configured.
				redirect: 'error',
				signal: AbortSignal.timeout(this.config.timeoutMs ?? SMS_GATEWAY_TIMEOUT_MS)
			});
		} catch (err) {
			const down = err instanceof DOMException && err.name === 'TimeoutError' ? GATEWAY_TIMED_OUT : GATEWAY_UNREACHABLE;
			throw new DomainError(down.status, down.code, down.messages, { cause: err });
		}
		// The answer's body is not needed; release the connection.
		await response.body?.cancel().catch(() => undefined);
		if (!response.ok) {
			throw new DomainError(502, 'sms_gateway_failed', {
				fa: 'ارسال پیامک ناموفق بود؛ لطفاً کمی بعد دوباره تلاش کنید.',
				en: `The SMS gateway answered ${response.status}; please try again shortly.`
			});
		}
	}
}

/** The sender for this server: the SMS gateway when one is configured, otherwise the sandbox outbox. */
export function createMessageSender(db: Kysely<DB>, env: NodeJS.ProcessEnv = process.env): MessageSender {
	const url = env.PELAK_SMS_GATEWAY_URL || null;
	return url ? new SmsGatewaySender({ url, apiKey: env.PELAK_SMS_GATEWAY_KEY || null }) : new OutboxSandboxSender(db);
}
