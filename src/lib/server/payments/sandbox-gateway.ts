import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { BadInputError, NotFoundError } from '../errors';
import type { CallbackParams, PaymentGateway, PaymentRequest, PaymentRequested, VerifyResult } from './gateway';
import {
	findSandboxTransaction,
	insertSandboxTransaction,
	markSandboxVerified,
	settleSandboxTransaction,
	type SandboxTransaction
} from './sandbox.repository';

export const SANDBOX_LABEL = { fa: 'درگاه آزمایشی — sandbox', en: 'Sandbox gateway — درگاه آزمایشی' };

const NO_SUCH_PAYMENT = { fa: 'چنین تراکنشی در درگاه آزمایشی نیست.', en: 'The sandbox gateway has no such transaction.' };
const ALREADY_DONE = { fa: 'این تراکنش پیش‌تر پرداخت یا لغو شده است.', en: 'This transaction was already paid or cancelled.' };

/**
 * The default gateway: a SANDBOX modelled on Zarinpal (request → StartPay page → callback with
 * `Authority` and `Status=OK|NOK` → verify with the amount). Its pages live inside Pelak at
 * /sandbox-gateway/<authority>, clearly labelled «درگاه آزمایشی — sandbox», and its ledger is
 * its own table, so verifying asks "the gateway" and never trusts the callback. No money moves.
 */
export class SandboxGateway implements PaymentGateway {
	readonly name = 'sandbox';
	readonly label = SANDBOX_LABEL;
	readonly sandbox = true;

	constructor(
		private readonly db: Kysely<DB>,
		private readonly clock: () => Date = () => new Date()
	) {}

	async request(request: PaymentRequest): Promise<PaymentRequested> {
		// Like Zarinpal's 36-character authority, but unguessable and marked S for sandbox.
		const authority = `S${randomBytes(16).toString('hex').toUpperCase()}`;
		await insertSandboxTransaction(this.db, {
			authority,
			amount_rial: request.amount_rial,
			callback_url: request.callback_url,
			description: request.description,
			bill_id: request.bill_id,
			payment_id: request.payment_id
		});
		return { authority, redirect_url: new URL(`/sandbox-gateway/${authority}`, request.callback_url).href };
	}

	async verify(authority: string, amount_rial: number): Promise<VerifyResult> {
		const tx = await findSandboxTransaction(this.db, authority);
		if (!tx) return { ok: false, reason: 'unknown_authority' };
		if (tx.status !== 'paid' || !tx.ref_id) return { ok: false, reason: 'not_paid' };
		if (tx.amount_rial !== amount_rial) return { ok: false, reason: 'amount_mismatch' };
		if (tx.verified_at) return { ok: true, ref_id: tx.ref_id, already_verified: true };
		await markSandboxVerified(this.db, authority, this.clock());
		return { ok: true, ref_id: tx.ref_id, already_verified: false };
	}

	readCallback(query: URLSearchParams): CallbackParams | null {
		const authority = query.get('Authority') ?? '';
		const status = query.get('Status');
		if (!/^S[0-9A-F]{32}$/.test(authority) || (status !== 'OK' && status !== 'NOK')) return null;
		return { authority, status };
	}

	// --- the gateway's own page (what the payer sees at the PSP) ---

	async transaction(authority: string): Promise<SandboxTransaction> {
		const tx = /^S[0-9A-F]{32}$/.test(authority) ? await findSandboxTransaction(this.db, authority) : undefined;
		if (!tx) throw new NotFoundError('sandbox_transaction_not_found', NO_SUCH_PAYMENT);
		return tx;
	}

	/** The payer pays (or cancels) on the gateway page; returns where the gateway sends the browser. */
	async settle(authority: string, pay: boolean): Promise<string> {
		const tx = await this.transaction(authority);
		const refId = String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100, 999));
		const settled = await settleSandboxTransaction(this.db, authority, pay ? { status: 'paid', ref_id: refId, at: this.clock() } : { status: 'cancelled' });
		if (!settled) throw new BadInputError('sandbox_transaction_settled', ALREADY_DONE);
		const back = new URL(tx.callback_url);
		back.searchParams.set('Authority', authority);
		back.searchParams.set('Status', pay ? 'OK' : 'NOK');
		return back.href;
	}
}
