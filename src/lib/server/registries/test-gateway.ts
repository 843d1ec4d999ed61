/**
 * For the registries' tests: a real HTTP server on loopback standing in for an outside registry's
 * gateway (Shahkar, the deeds registry). It reads each JSON request body, records it with its
 * Authorization header in `seen`, and lets `answer` reply (or not, to test timeouts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestGateway {
	url: string;
	seen: unknown[];
	close(): Promise<void>;
}

export async function startTestGateway<T>(pathname: string, answer: (input: T, res: http.ServerResponse) => void): Promise<TestGateway> {
	const seen: unknown[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const input = JSON.parse(body) as T;
			seen.push({ ...input, auth: req.headers.authorization });
			answer(input, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathname}`,
		seen,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
