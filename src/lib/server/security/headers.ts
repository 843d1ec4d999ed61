/**
 * Security headers on every answer the app makes (pages, API, tiles, documents, redirects).
 * Pages carry SvelteKit's CSP (svelte.config.js `kit.csp`: its hydration script allowed by a nonce,
 * no inline script); answers without one get a CSP that allows nothing. Static files under /_app are
 * served by adapter-node before the app sees the request and carry none of these. ASVS 14.4.
 */
export interface HeaderPolicy {
	/** The site is reached over https (ORIGIN): then HSTS. */
	https: boolean;
	/** Outside origins a page may fetch from and draw images of (an outside basemap's). */
	extraOrigins: string[];
}

/** For answers that are not pages (JSON, tiles, downloads): nothing may run, load or frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/**
 * For a photo or scan opened in its own tab: the browser shows it in a page of its own making, styled inline (centred
 * on a dark ground); that style may apply, nothing else. Raster images only: an SVG is a document and gets NON_PAGE_CSP.
 */
export const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const RASTER_IMAGE = /^image\/(jpeg|png|webp|gif|avif)\b/i;
/** For a page SvelteKit did not render (its last-resort error page): its inline style, nothing else. */
export const FALLBACK_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ALWAYS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	// Full URLs (tracking codes, parcel ids) stay on this site; other sites see the origin only.
	// Not `no-referrer`: that makes browsers send `Origin: null` on form posts, which SvelteKit's CSRF check refuses.
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	// geolocation for this site only: "works near me" (/works) asks where the reader is
	'permissions-policy': 'camera=(), microphone=(), geolocation=(self), payment=(), usb=()'
};

const HSTS = 'max-age=31536000; includeSubDomains';

/** `csp` with `origins` added to the directives a map's outside basemap needs. */
export function widenCsp(csp: string, origins: string[]): string {
	if (origins.length === 0) return csp;
	return csp
		.split(';')
		.map((directive) => {
			const name = directive.trim().split(/\s+/)[0];
			return name === 'connect-src' || name === 'img-src' ? `${directive.trim()} ${origins.join(' ')}` : directive.trim();
		})
		.join('; ');
}

function apply(headers: Headers, policy: HeaderPolicy) {
	for (const [name, value] of Object.entries(ALWAYS)) headers.set(name, value);
	if (policy.https) headers.set('strict-transport-security', HSTS);
	const csp = headers.get('content-security-policy');
	if (csp) headers.set('content-security-policy', widenCsp(csp, policy.extraOrigins));
	else {
		const type = headers.get('content-type') ?? '';
		headers.set('content-security-policy', type.startsWith('text/html') ? FALLBACK_PAGE_CSP : RASTER_IMAGE.test(type) ? IMAGE_CSP : NON_PAGE_CSP);
	}
}

/** `response` with the security headers set (a copy when its headers are immutable). */
export function withSecurityHeaders(response: Response, policy: HeaderPolicy): Response {
	try {
		apply(response.headers, policy);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		apply(copy.headers, policy);
		return copy;
	}
}
