import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Forms are posted from our own origin only.
		csrf: { trustedOrigins: [] },
		// Pages' Content-Security-Policy (ASVS 14.4.3). SvelteKit allows its own hydration script by a
		// per-response nonce ('auto': hashes on prerendered pages), so no script runs inline otherwise.
		// An outside basemap's origins are added to connect-src and img-src at run time (hooks.server.ts).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Stylesheets from our own files only; style="" attributes (Svelte's style: directives,
				// app.html's wrapper) need 'unsafe-inline' for attributes, which cannot run script.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				// MapLibre: its worker is our own file; images (patterns, sprites) pass through blob: URLs.
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
