import type { Bilingual } from '../errors';

/**
 * A payment gateway (درگاه پرداخت) in the shape Iranian PSPs share (Zarinpal, and the banks'
 * IPGs alike): the merchant *requests* a payment and gets an authority (the attempt's token),
 * sends the payer's browser to the gateway's page, the gateway sends the browser back to the
 * callback URL, and the merchant *verifies* the authority and the amount with the gateway,
 * server to server, before it counts anything as paid. Nothing the browser brings back is trusted.
 */
export interface PaymentRequest {
	/** Whole rials; what the bill carries. */
	amount_rial: number;
	bill_id: string;
	payment_id: string;
	/** Absolute URL the gateway sends the payer back to. */
	callback_url: string;
	description: string;
}

export interface PaymentRequested {
	authority: string;
	/** Where to send the payer's browser. */
	redirect_url: string;
}

export type VerifyRefusal = 'unknown_authority' | 'not_paid' | 'amount_mismatch';

export type VerifyResult =
	| { ok: true; ref_id: string; /** Zarinpal's code 101: verified before; the same ref_id again. */ already_verified: boolean }
	| { ok: false; reason: VerifyRefusal };

/** What the callback carries, read by the gateway that defines it. */
export interface CallbackParams {
	authority: string;
	/** The payer's outcome as the browser reports it: a hint only, never proof of payment. */
	status: 'OK' | 'NOK';
}

export interface PaymentGateway {
	/** Stored with each payment, e.g. 'sandbox'. */
	readonly name: string;
	readonly label: Bilingual;
	/** True for the sandbox: no money moves, and the pages say so. */
	readonly sandbox: boolean;
	request(request: PaymentRequest): Promise<PaymentRequested>;
	verify(authority: string, amount_rial: number): Promise<VerifyResult>;
	/** The callback's query as this gateway sends it, or null when it is not one of its callbacks. */
	readCallback(query: URLSearchParams): CallbackParams | null;
}
