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
}

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
		const response = await fetch(this.config.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {})
			},
			body: JSON.stringify({ to, body })
		});
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
