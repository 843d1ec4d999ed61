import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { SandboxGateway } from '$lib/server/payments';
import { pageError, formFailure } from '$lib/server/errors';

/**
 * The SANDBOX gateway's own page (what a PSP shows the payer): the amount and bill, Pay or Cancel,
 * then back to the merchant's callback with `Authority` and `Status=OK|NOK`. No sign-in: like a
 * real gateway page it is reached by its unguessable authority.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const tx = await new SandboxGateway(locals.db).transaction(params.authority);
		return {
			tx: { authority: tx.authority, amountRial: tx.amount_rial, billId: tx.bill_id, paymentId: tx.payment_id, description: tx.description, status: tx.status }
		};
	} catch (err) {
		pageError(err, locals.lang);
	}
};

async function settle(locals: App.Locals, authority: string, pay: boolean) {
	let back: string;
	try {
		back = await new SandboxGateway(locals.db).settle(authority, pay);
	} catch (err) {
		return formFailure(err, locals.lang);
	}
	redirect(303, back);
}

export const actions: Actions = {
	pay: ({ locals, params }) => settle(locals, params.authority, true),
	cancel: ({ locals, params }) => settle(locals, params.authority, false)
};
