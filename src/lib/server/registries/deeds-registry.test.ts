import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askDeedsRegistry, createDeedsRegistry, HttpDeedsRegistry, SandboxDeedsRegistry, sandboxSampleOwner, type DeedsRegistry } from './index';
import { configProblems } from '../security/start-up-check';
import { loadConfig } from '../config';
import { DEMO_CITIZENS } from '../auth/demo-accounts';
import { startTestGateway, type TestGateway } from './test-gateway';

const plate = (p: string) => ({ plate: p, section: null });

describe('the sandbox deeds registry', () => {
	it('owns sample-city plates by the documented rule: lot mod 4 → Maryam, Ali, Zahra, a person without an account', async () => {
		const sandbox = new SandboxDeedsRegistry();
		expect(await sandbox.ownersOf(plate('101/4'))).toEqual({ status: 'found', owners: [DEMO_CITIZENS[0].nationalId] });
		expect(await sandbox.ownersOf(plate('120/5'))).toEqual({ status: 'found', owners: [DEMO_CITIZENS[1].nationalId] });
		expect(await sandbox.ownersOf(plate('133/6'))).toEqual({ status: 'found', owners: [DEMO_CITIZENS[2].nationalId] });
		expect(sandboxSampleOwner('101/7')).toBe('0010000046');
		expect(await sandbox.ownersOf(plate('12/3'))).toEqual({ status: 'not_found' });
		expect(await sandbox.ownersOf(plate('T-1'))).toEqual({ status: 'not_found' });
		expect(sandbox.sandbox).toBe(true);
		expect(sandbox.name).toContain('sandbox');
	});

	it('takes explicit co-owned plates, and the rule can be switched off', async () => {
		const sandbox = new SandboxDeedsRegistry({ 'X/1': ['0010000011', '0010000021'] }, false);
		expect(await sandbox.ownersOf(plate('X/1'))).toEqual({ status: 'found', owners: ['0010000011', '0010000021'] });
		expect(await sandbox.ownersOf(plate('101/4'))).toEqual({ status: 'not_found' });
	});

	it('is the default only in demo mode (or asked for by name); production without a gateway answers unavailable', async () => {
		expect(createDeedsRegistry({}).sandbox).toBe(true);
		const production = createDeedsRegistry({ DATABASE_URL: 'postgres://db/x' });
		expect(production.sandbox).toBe(false);
		expect(await askDeedsRegistry(production, plate('101/4'))).toEqual({ status: 'unavailable' });
		expect(createDeedsRegistry({ DATABASE_URL: 'postgres://db/x', PELAK_DEEDS_REGISTRY: 'sandbox' }).sandbox).toBe(true);
		expect(createDeedsRegistry({ PELAK_DEEDS_REGISTRY_URL: 'http://127.0.0.1:9/deeds' }).name).toBe('deeds-gateway');
	});

	it('is refused at a production start when asked for by name, saying which variable to set', () => {
		const env = { DATABASE_URL: 'postgres://db/pelak', ORIGIN: 'https://pelak.isfahan.ir', ADDRESS_HEADER: 'x-forwarded-for', PELAK_SMS_GATEWAY_URL: 'https://sms.example.ir/send' };
		expect(configProblems(loadConfig(env), env)).toEqual([]);
		const sandboxed = { ...env, PELAK_DEEDS_REGISTRY: 'sandbox' };
		const problems = configProblems(loadConfig(sandboxed), sandboxed);
		expect(problems.map((p) => p.code)).toEqual(['sandbox_deeds_registry_in_production']);
		expect(problems[0].en).toMatch(/PELAK_DEEDS_REGISTRY_URL/);
		expect(configProblems(loadConfig({ ...sandboxed, PELAK_MODE: 'demo' }), { ...sandboxed, PELAK_MODE: 'demo' })).toEqual([]);
	});
});

describe('asking the deeds registry', () => {
	it('answers unavailable when it is slower than the timeout (and aborts it), throws, or answers nonsense', async () => {
		let aborted = false;
		const slow: DeedsRegistry = {
			name: 'slow',
			sandbox: false,
			ownersOf: (_q, options) =>
				new Promise((resolve) => {
					options?.signal?.addEventListener('abort', () => (aborted = true));
					setTimeout(() => resolve({ status: 'found', owners: ['0010000011'] }), 1000);
				})
		};
		expect(await askDeedsRegistry(slow, plate('101/4'), 50)).toEqual({ status: 'unavailable' });
		expect(aborted).toBe(true);
		const broken: DeedsRegistry = { name: 'broken', sandbox: false, ownersOf: () => Promise.reject(new Error('refused')) };
		expect(await askDeedsRegistry(broken, plate('101/4'))).toEqual({ status: 'unavailable' });
		const odd = { name: 'odd', sandbox: false, ownersOf: async () => ({ status: 'found', owners: [42] }) } as unknown as DeedsRegistry;
		expect(await askDeedsRegistry(odd, plate('101/4'))).toEqual({ status: 'unavailable' });
	});
});

describe('the deeds gateway adapter', () => {
	let gateway: TestGateway;
	let url: string;
	let seen: unknown[];
	beforeAll(async () => {
		gateway = await startTestGateway<{ plate: string; section: string | null }>('/deeds', (input, res) => {
			if (input.plate === 'slow/1') return void setTimeout(() => res.end('{"owners":["0010000011"]}'), 2000);
			if (input.plate === 'down/1') return void res.writeHead(502).end('bad gateway');
			if (input.plate === 'odd/1') return void res.end('{"owners":"0010000011"}');
			if (input.plate === 'none/1') return void res.writeHead(404).end('{}');
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ owners: ['0010000011', '0010000021'] }));
		});
		({ url, seen } = gateway);
	});
	afterAll(() => gateway.close());

	it('passes owners and a clear 404 through, with its key and the registry section', async () => {
		const registry = new HttpDeedsRegistry({ url, apiKey: 'k-9' });
		expect(await askDeedsRegistry(registry, { plate: '101/4', section: 'بخش ۵' })).toEqual({ status: 'found', owners: ['0010000011', '0010000021'] });
		expect(seen[0]).toEqual({ plate: '101/4', section: 'بخش ۵', auth: 'Bearer k-9' });
		expect(await askDeedsRegistry(registry, plate('none/1'))).toEqual({ status: 'not_found' });
	});

	it('treats an HTTP error, an unreadable answer and a timeout as unavailable', async () => {
		const registry = new HttpDeedsRegistry({ url, apiKey: null });
		expect(await askDeedsRegistry(registry, plate('down/1'))).toEqual({ status: 'unavailable' });
		expect(await askDeedsRegistry(registry, plate('odd/1'))).toEqual({ status: 'unavailable' });
		expect(await askDeedsRegistry(registry, plate('slow/1'), 100)).toEqual({ status: 'unavailable' });
	});
});
