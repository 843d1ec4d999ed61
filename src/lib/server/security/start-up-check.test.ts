import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { configProblems, startChecked, StartupRefusedError } from './start-up-check';

/** A production set-up that passes every check; each test spoils one thing. */
const SAFE_PRODUCTION = {
	DATABASE_URL: 'postgres://db/pelak',
	ORIGIN: 'https://pelak.isfahan.ir',
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1',
	PELAK_SMS_GATEWAY_URL: 'https://sms.example.ir/send'
};

const problems = (env: NodeJS.ProcessEnv) => configProblems(loadConfig(env), env).map((p) => p.code);

describe('the start-up check', () => {
	it('lets a safe production set-up and a local demo start', () => {
		expect(problems(SAFE_PRODUCTION)).toEqual([]);
		expect(problems({ ORIGIN: 'http://localhost:3000' })).toEqual([]);
	});

	it('refuses production with the sandbox SMS outbox, saying which variable to set', () => {
		const env = { ...SAFE_PRODUCTION, PELAK_SMS_GATEWAY_URL: '' };
		expect(problems(env)).toEqual(['sandbox_sms_in_production']);
		const [problem] = configProblems(loadConfig(env), env);
		expect(problem.en).toMatch(/sandbox outbox.*Set PELAK_SMS_GATEWAY_URL/);
		expect(problem.fa).toMatch(/PELAK_SMS_GATEWAY_URL/);
		expect(problems({ ...SAFE_PRODUCTION, PELAK_SMS_GATEWAY_URL: 'http://sms.example.ir/send' })).toEqual(['sms_gateway_not_https']);
	});

	it('refuses the sample city in production but not in demo mode', () => {
		expect(problems({ ...SAFE_PRODUCTION, PELAK_SAMPLE_CITY: '12000' })).toEqual(['sample_city_in_production']);
		expect(problems({ ...SAFE_PRODUCTION, PELAK_SAMPLE_CITY: '0' })).toEqual([]);
		expect(problems({ ...SAFE_PRODUCTION, PELAK_MODE: 'demo', PELAK_SMS_GATEWAY_URL: '', PELAK_SAMPLE_CITY: '500' })).toEqual([]);
	});

	it('refuses an https ORIGIN without ADDRESS_HEADER, in any mode, and a bad XFF_DEPTH', () => {
		expect(problems({ ...SAFE_PRODUCTION, ADDRESS_HEADER: '' })).toEqual(['address_header_missing']);
		expect(problems({ ORIGIN: 'https://demo.pelak.ir' })).toEqual(['address_header_missing']);
		expect(problems({ ...SAFE_PRODUCTION, XFF_DEPTH: '0' })).toEqual(['xff_depth_invalid']);
	});

	it('refuses production on plain http except on this machine', () => {
		expect(problems({ ...SAFE_PRODUCTION, ORIGIN: 'http://pelak.isfahan.ir' })).toEqual(['origin_not_https']);
		expect(problems({ ...SAFE_PRODUCTION, ORIGIN: undefined })).toEqual(['origin_not_https']);
		expect(problems({ ...SAFE_PRODUCTION, ORIGIN: 'http://localhost:3000' })).toEqual([]);
	});

	it('names every problem at once, Persian first, and never opens the database', async () => {
		const env = { DATABASE_URL: 'postgres://db/pelak', ORIGIN: 'https://pelak.isfahan.ir', PELAK_SAMPLE_CITY: '100' };
		let opened = false;
		const start = startChecked(loadConfig(env), async () => {
			opened = true;
			throw new Error('must not open');
		}, env);
		await expect(start).rejects.toBeInstanceOf(StartupRefusedError);
		await expect(start).rejects.toMatchObject({
			problems: [{ code: 'address_header_missing' }, { code: 'sample_city_in_production' }, { code: 'sandbox_sms_in_production' }]
		});
		await expect(start).rejects.toThrow(/^پلاک راه‌اندازی نشد \/ Pelak refused to start:\n1\. ORIGIN/);
		expect(opened).toBe(false);
	});
});
