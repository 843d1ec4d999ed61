import type { ClientInfo } from './auth';

/**
 * Where a request came from, for audit logs and rate limits. No address (e.g. while prerendering)
 * is null: limits per person still apply.
 */
export function clientOf(event: { getClientAddress(): string; request: Request }): Required<ClientInfo> {
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}
