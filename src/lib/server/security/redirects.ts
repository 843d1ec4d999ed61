const BASE = 'http://pelak.invalid';

/**
 * `raw` as a path on this site (with its query and fragment), or `fallback`. Parsed the way a
 * browser parses a Location header (WHATWG URL), so nothing that a browser would read as another
 * host gets through: absolute URLs, protocol-relative `//host`, backslashes (`/\host`), and tabs or
 * newlines that browsers strip (`/\t/host` is `//host` to them). ASVS 5.1.5.
 *
 * @example sameSitePath('/cases/12?tab=docs') // '/cases/12?tab=docs'
 * @example sameSitePath('https://evil.example/') // '/'
 */
export function sameSitePath(raw: string | null | undefined, fallback = '/'): string {
	if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
	let url: URL;
	try {
		url = new URL(raw, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	return url.pathname + url.search + url.hash;
}
