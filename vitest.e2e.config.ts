import { defineConfig } from 'vitest/config';

/** Browser tests against the built server (`npm run build` first): chromium via playwright-core. */
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.test.ts'],
		globalSetup: ['tests/e2e/global-setup.ts'],
		testTimeout: 180_000,
		hookTimeout: 300_000,
		fileParallelism: false,
		maxWorkers: 1
	}
});
