/**
 * Read-your-writes with a replica: after a write request, the primary's WAL position travels back in
 * a short cookie; the author's next requests read from the replica only once it has replayed that
 * far (`Database.readsAfter`), from the primary until then. The cookie carries all of it, so any
 * instance can answer the next request. Without a replica nothing is set.
 */
export const WAL_COOKIE = 'pelak_wal';

/** Longer than any lag a healthy replica has; a replica further behind than this serves stale reads. */
export const WAL_COOKIE_MAX_AGE_S = 300;

/** The Set-Cookie value carrying the WAL position after a write. */
export function walCookie(lsn: string, https: boolean): string {
	return `${WAL_COOKIE}=${encodeURIComponent(lsn)}; Path=/; Max-Age=${WAL_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${https ? '; Secure' : ''}`;
}

/** The response with the cookie added (copied when its headers are immutable). */
export function withWalCookie(response: Response, lsn: string, https: boolean): Response {
	const cookie = walCookie(lsn, https);
	try {
		response.headers.append('set-cookie', cookie);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		copy.headers.append('set-cookie', cookie);
		return copy;
	}
}
