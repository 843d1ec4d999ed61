import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsGatewaySender } from './sender';

/** A stand-in SMS gateway: `/slow` never answers, `/moved` redirects, `/ok` accepts. */
let server: http.Server;
let base: string;
const received: string[] = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			received.push(`${req.url} ${body}`);
			if (req.url === '/slow') return; // hangs: the sender must give up
			if (req.url === '/moved') return void res.writeHead(307, { location: '/ok' }).end();
			res.writeHead(req.url === '/ok' ? 200 : 500).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});

/** A short timeout only where the test waits for it; a loaded CI machine may take longer than that to answer `/ok`. */
const sender = (pathname: string, timeoutMs = 10_000) => new SmsGatewaySender({ url: base + pathname, apiKey: 'k', timeoutMs });

describe('the SMS gateway sender', () => {
	it('sends the message as JSON with the key', async () => {
		await sender('/ok').send('09120000001', 'code 123456');
		expect(received.at(-1)).toBe('/ok {"to":"09120000001","body":"code 123456"}');
	});

	it('gives up on a gateway that does not answer in time, saying so in both languages', async () => {
		const started = Date.now();
		await expect(sender('/slow', 300).send('09120000001', 'x')).rejects.toMatchObject({
			status: 504,
			code: 'sms_gateway_timeout',
			messages: { fa: expect.stringContaining('به‌موقع پاسخ نداد'), en: expect.stringContaining('did not answer in time') }
		});
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('does not follow a redirect with the code and the key', async () => {
		const before = received.length;
		await expect(sender('/moved').send('09120000001', 'x')).rejects.toMatchObject({ code: 'sms_gateway_unreachable' });
		expect(received.slice(before)).toEqual(['/moved {"to":"09120000001","body":"x"}']);
	});

	it('reports a gateway that refuses the message', async () => {
		await expect(sender('/broken').send('09120000001', 'x')).rejects.toMatchObject({ status: 502, code: 'sms_gateway_failed' });
	});
});
