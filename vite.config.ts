import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		// The suite exercises the demo's sandboxes (identity registry, SMS outbox) on both backends;
		// tests of production behaviour pass their own environment.
		env: { PELAK_MODE: 'demo' },
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'gis/**/*.test.ts'],
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Two cores: each integration file opens its own PostGIS copy.
		maxWorkers: 2,
		fileParallelism: true,
		// A worker keeps the modules it has loaded for its next file (the server's code is most of every
		// file's start-up): the suite runs in about half the time. Files restore what they change in
		// process.env, and each opens its own database.
		isolate: false
	}
});
