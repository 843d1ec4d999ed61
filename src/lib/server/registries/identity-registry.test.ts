import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	askRegistry,
	createIdentityRegistry,
	HttpIdentityRegistry,
	SandboxIdentityRegistry,
	SANDBOX_REGISTRY_ENTRIES,
	type IdentityRegistry
} from './index';
import { validateNationalId } from '../../domain/national-id';
import { DEMO_CITIZENS } from '../auth/demo-accounts';
import { startTestGateway, type TestGateway } from './test-gateway';

describe('the sandbox identity registry', () => {
	const sandbox = new SandboxIdentityRegistry();

	it('matches the README demo citizens to their mobiles', async () => {
		expect(await sandbox.verifyMobileOwner('0010000011', '09120000001')).toBe('matched');
		expect(await sandbox.verifyMobileOwner('0010000021', '09120000002')).toBe('matched');
		expect(await sandbox.verifyMobileOwner('0010000038', '09120000003')).toBe('matched');
		for (const c of DEMO_CITIZENS) expect(await sandbox.verifyMobileOwner(c.nationalId, c.mobile)).toBe('matched');
	});

	it('answers not_matched for someone else’s mobile and for anyone not listed (no rule)', async () => {
		expect(await sandbox.verifyMobileOwner('0010000011', '09120000002')).toBe('not_matched');
		expect(await sandbox.verifyMobileOwner('0010000062', '09120000006')).toBe('not_matched');
	});

	it('lists only valid national ids and is labelled a sandbox', () => {
		for (const e of SANDBOX_REGISTRY_ENTRIES) expect(validateNationalId(e.nationalId).ok).toBe(true);
		expect(sandbox.sandbox).toBe(true);
		expect(sandbox.name).toContain('sandbox');
	});

	it('is the default only in demo mode; production without a gateway never matches anyone', async () => {
		expect(createIdentityRegistry({}).sandbox).toBe(true);
		const production = createIdentityRegistry({ PELAK_MODE: 'production' });
		expect(production.sandbox).toBe(false);
		expect(await production.verifyMobileOwner('0010000011', '09120000001')).toBe('unavailable');
		expect(createIdentityRegistry({ PELAK_MODE: 'production', PELAK_IDENTITY_REGISTRY_URL: 'http://127.0.0.1:9/x' }).name).toBe('shahkar-gateway');
	});
});

describe('asking a registry', () => {
	it('answers unavailable when the registry is slower than the timeout, and aborts it', async () => {
		let aborted = false;
		const slow: IdentityRegistry = {
			name: 'slow',
			sandbox: false,
			verifyMobileOwner: (_n, _m, options) =>
				new Promise((resolve) => {
					options?.signal?.addEventListener('abort', () => (aborted = true));
					setTimeout(() => resolve('matched'), 1000);
				})
		};
		const started = Date.now();
		expect(await askRegistry(slow, '0010000011', '09120000001', 50)).toBe('unavailable');
		expect(Date.now() - started).toBeLessThan(900);
		expect(aborted).toBe(true);
	});

	it('answers unavailable when the registry throws', async () => {
		const broken: IdentityRegistry = { name: 'broken', sandbox: false, verifyMobileOwner: async () => Promise.reject(new Error('connection refused')) };
		expect(await askRegistry(broken, '0010000011', '09120000001', 1000)).toBe('unavailable');
	});
});

describe('the Shahkar gateway adapter', () => {
	let gateway: TestGateway;
	let url: string;
	let seen: unknown[];
	beforeAll(async () => {
		gateway = await startTestGateway<{ nationalId: string; mobile: string }>('/shahkar', (input, res) => {
			if (input.nationalId === '0010000054') return void setTimeout(() => res.end('{"matched":true}'), 2000);
			if (input.nationalId === '0010000046') return void res.writeHead(502).end('bad gateway');
			if (input.nationalId === '0010000038') return void res.end('{"result":"yes"}');
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ matched: input.nationalId === '0010000011' && input.mobile === '09120000001' }));
		});
		({ url, seen } = gateway);
	});
	afterAll(() => gateway.close());

	it('passes a clear yes and a clear no through, with its key', async () => {
		const registry = new HttpIdentityRegistry({ url, apiKey: 'k-123' });
		expect(await askRegistry(registry, '0010000011', '09120000001')).toBe('matched');
		expect(await askRegistry(registry, '0010000011', '09120000002')).toBe('not_matched');
		expect(seen[0]).toEqual({ nationalId: '0010000011', mobile: '09120000001', auth: 'Bearer k-123' });
	});

	it('treats an HTTP error, an unreadable answer and a timeout as unavailable', async () => {
		const registry = new HttpIdentityRegistry({ url, apiKey: null });
		expect(await askRegistry(registry, '0010000046', '09120000004')).toBe('unavailable');
		expect(await askRegistry(registry, '0010000038', '09120000003')).toBe('unavailable');
		expect(await askRegistry(registry, '0010000054', '09120000005', 100)).toBe('unavailable');
	});
});
