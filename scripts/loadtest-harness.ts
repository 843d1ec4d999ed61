/**
 * The parts `npm run loadtest` and the fault tests (tests/e2e/faults.e2e.test.ts) share: a fresh
 * PostgreSQL database, the built server started directly (`node build`, so a SIGKILL reaches the
 * server itself and not a wrapper), a loopback operator registry that confirms the harness's own
 * people, and an HTTP client that posts forms as the browser's enhanced forms do and keeps a session.
 *
 * Loopback only: every server listens on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parse as devalueParse } from 'devalue';
import { freePort } from './free-port';
import { SANDBOX_PLATE_OWNERS_BY_LOT } from '../src/lib/server/registries/sandbox-deeds-registry';

export const ROOT = path.resolve(import.meta.dirname, '..');
export { freePort } from './free-port';


/** A new, empty database on the server `baseUrl` names; `drop()` removes it. */
export async function createDatabase(baseUrl: string, prefix = 'pelak_load'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
	const name = `${prefix}_${randomBytes(4).toString('hex')}`;
	const admin = new URL(baseUrl);
	admin.pathname = '/postgres';
	const client = new pg.Client({ connectionString: admin.toString() });
	await client.connect();
	await client.query(`CREATE DATABASE ${name}`);
	await client.end();
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		name,
		async drop() {
			const c = new pg.Client({ connectionString: admin.toString() });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await c.end();
		}
	};
}

export interface Server {
	url: string;
	port: number;
	child: ChildProcess;
	log(): string;
	/** SIGKILL: no shutdown hook runs. */
	kill(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * Starts `node build` on a free port with what `npm start` would set (ORIGIN, BODY_SIZE_LIMIT) and
 * waits until it answers. The harness is the trusted proxy: each simulated person's address travels
 * in X-Forwarded-For (ADDRESS_HEADER), as behind a real load balancer.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 300_000, port?: number): Promise<Server> {
	if (!fs.existsSync(path.join(ROOT, 'build', 'index.js'))) throw new Error('No build/: run `npx vite build` first');
	port ??= await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, [path.join(ROOT, 'build')], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			BODY_SIZE_LIMIT: '100M',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output = (output + d).slice(-200_000)));
	child.stderr?.on('data', (d) => (output = (output + d).slice(-200_000)));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const kill = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await exited;
		}
	};
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
			await kill();
		}
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
		try {
			const response = await fetch(`${url}/tiles/layers.json`);
			if (response.ok) return { url, port, child, log: () => output, kill, stop };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	await kill();
	throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${output}`);
}

/**
 * A loopback stand-in for the municipality's Shahkar gateway (PELAK_IDENTITY_REGISTRY_URL's
 * documented interface: POST {nationalId, mobile} → {matched}): it confirms exactly the pairs the
 * harness gives it, as the real registry confirms a person's own number. Not part of the app. It runs
 * in a process of its own, so the load the harness generates never delays its answers (the app
 * allows the registry 5 s).
 */
export async function startRegistry(pairs: { nationalId: string; mobile: string }[]): Promise<{ url: string; close(): Promise<void> }> {
	const port = await freePort();
	const code = `
		const http = require('node:http');
		const pairs = new Set(JSON.parse(process.env.PAIRS));
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				let matched = false;
				try { const p = JSON.parse(body); matched = pairs.has(p.nationalId + ':' + p.mobile); } catch {}
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ matched }));
			});
		});
		// longer than the app's client keeps an idle socket, so a reused socket is never closed under it
		server.keepAliveTimeout = 120000;
		server.listen(${port}, '127.0.0.1', () => console.log('ready'));`;
	const child = spawn(process.execPath, ['-e', code], {
		env: { ...process.env, PAIRS: JSON.stringify(pairs.map((p) => `${p.nationalId}:${p.mobile}`)) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', (c) => reject(new Error(`the registry stand-in exited (${c})`)));
	});
	return {
		url: `http://127.0.0.1:${port}/shahkar`,
		close: async () => {
			child.kill('SIGTERM');
		}
	};
}

/**
 * Which of `n` harness citizens owns a plate in the loopback deeds registry: a small string hash of
 * the plate, so the load test finds each citizen's parcels from the plates in the database. The
 * same rule is written into the stand-in's code below (keep the two alike).
 */
export function plateOwnerIndex(plate: string, n: number): number {
	let h = 0;
	for (let i = 0; i < plate.length; i++) h = (Math.imul(h, 31) + plate.charCodeAt(i)) >>> 0;
	return h % n;
}

/**
 * A loopback stand-in for the municipality's deeds-registry gateway (PELAK_DEEDS_REGISTRY_URL's
 * documented interface: POST {plate, section} → {owners}, 404 for an unregistered plate). Every
 * sample-city plate (`<block>/<lot>`) is owned by one of the harness's people (`plateOwnerIndex`)
 * together with the owner the sandbox registry names (so the demo's own parcels, and the sample
 * permits seeded on them, stay as they are); any other plate is unregistered. Not part of the app;
 * a process of its own, like the identity stand-in.
 */
export async function startDeedsRegistry(nationalIds: string[]): Promise<{ url: string; close(): Promise<void> }> {
	const port = await freePort();
	const code = `
		const http = require('node:http');
		const people = JSON.parse(process.env.PEOPLE);
		const sandbox = JSON.parse(process.env.SANDBOX_OWNERS);
		const index = (plate, n) => { let h = 0; for (let i = 0; i < plate.length; i++) h = (Math.imul(h, 31) + plate.charCodeAt(i)) >>> 0; return h % n; };
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				let plate = '';
				try { plate = String(JSON.parse(body).plate || '').trim(); } catch {}
				const m = /^(\\d{3,5})\\/(\\d{1,4})$/.exec(plate);
				if (!m || Number(m[1]) < 101 || people.length === 0) { res.writeHead(404); res.end(); return; }
				const owners = [people[index(plate, people.length)], sandbox[Number(m[2]) % sandbox.length]];
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ owners: [...new Set(owners)] }));
			});
		});
		server.keepAliveTimeout = 120000;
		server.listen(${port}, '127.0.0.1', () => console.log('ready'));`;
	const child = spawn(process.execPath, ['-e', code], {
		env: { ...process.env, PEOPLE: JSON.stringify(nationalIds), SANDBOX_OWNERS: JSON.stringify(SANDBOX_PLATE_OWNERS_BY_LOT) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', (c) => reject(new Error(`the deeds registry stand-in exited (${c})`)));
	});
	return {
		url: `http://127.0.0.1:${port}/deeds`,
		close: async () => {
			child.kill('SIGTERM');
		}
	};
}

/** A valid Iranian national id from nine digits (the check digit computed). */
export function nationalId(firstNine: string): string {
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
	const r = sum % 11;
	return firstNine + String(r < 2 ? r : 11 - r);
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What an action answered: SvelteKit's `{type, status, data}` with `data` decoded. */
export interface ActionAnswer {
	http: number;
	type: 'success' | 'failure' | 'redirect' | 'error' | 'unknown';
	status: number;
	location?: string;
	data?: Record<string, unknown>;
}

/** One simulated person's browser: a session cookie, an address, and timing of each call. */
export class Browser {
	cookie: string | undefined;
	/**
	 * A new connection for every request (`Connection: close`), never a kept-alive socket: for tests
	 * that kill the server, where a socket kept from before the kill (or one the server is closing
	 * as idle) would fail the next request with "other side closed" before it reached the new server.
	 */
	freshConnections = false;
	constructor(
		public base: () => string,
		public address: string,
		private timeoutMs = 60_000
	) {}

	private headers(extra: Record<string, string> = {}): Record<string, string> {
		return {
			'x-forwarded-for': this.address,
			...(this.cookie ? { cookie: this.cookie } : {}),
			...(this.freshConnections ? { connection: 'close' } : {}),
			...extra
		};
	}

	private keepCookie(response: Response) {
		for (const set of response.headers.getSetCookie()) {
			if (set.startsWith('pelak_session=')) {
				const value = set.split(';')[0];
				this.cookie = value === 'pelak_session=' || /max-age=0/i.test(set) ? undefined : value;
			}
		}
	}

	async get(pathAndQuery: string): Promise<{ status: number; text: string }> {
		const response = await fetch(this.base() + pathAndQuery, { headers: this.headers(), redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
		this.keepCookie(response);
		return { status: response.status, text: await response.text() };
	}

	/**
	 * A form action, as `use:enhance` posts it (JSON answer). `dropAfterMs`: the client stops
	 * listening after that long (the answer is lost, as when a phone's network drops): the call
	 * rejects with an AbortError whether or not the server finished.
	 */
	async action(
		pathAndAction: string,
		form: FormData | URLSearchParams,
		options: { headers?: Record<string, string>; dropAfterMs?: number } = {}
	): Promise<ActionAnswer> {
		const base = this.base();
		const drop = new AbortController();
		const timer = options.dropAfterMs === undefined ? null : setTimeout(() => drop.abort(), options.dropAfterMs);
		try {
			const response = await fetch(base + pathAndAction, {
				method: 'POST',
				headers: this.headers({ origin: base, 'x-sveltekit-action': 'true', accept: 'application/json', ...options.headers }),
				body: form,
				redirect: 'manual',
				signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), drop.signal])
			});
			this.keepCookie(response);
			return this.answerOf(response, await response.text());
		} finally {
			if (timer) clearTimeout(timer);
		}
	}

	private answerOf(response: Response, text: string): ActionAnswer {
		let body: { type?: string; status?: number; location?: string; data?: string } = {};
		try {
			body = JSON.parse(text);
		} catch {
			return { http: response.status, type: 'unknown', status: response.status };
		}
		let data: Record<string, unknown> | undefined;
		if (typeof body.data === 'string') {
			try {
				data = devalueParse(body.data) as Record<string, unknown>;
			} catch {
				data = undefined;
			}
		}
		return {
			http: response.status,
			type: (body.type as ActionAnswer['type']) ?? 'unknown',
			status: body.status ?? response.status,
			location: body.location,
			data
		};
	}

	/** Staff sign-in with a password. */
	async signInStaff(username: string, password: string): Promise<ActionAnswer> {
		return this.action('/login?/staff', new URLSearchParams({ username, password }));
	}

	/** Citizen sign-in: the code is asked for, read from the SMS (the sandbox outbox, via `readCode`), and entered. */
	async signInCitizen(person: { nationalId: string; mobile: string }, readCode: (mobile: string) => Promise<string>): Promise<ActionAnswer> {
		const asked = await this.action('/login?/requestCode', new URLSearchParams(person));
		if (asked.type !== 'success') return asked;
		const code = await readCode(person.mobile);
		return this.action('/login?/verifyCode', new URLSearchParams({ ...person, code }));
	}
}

/** The newest one-time code sent to `mobile` (demo mode's outbox is the SMS the person reads). */
export async function newestCode(db: pg.Pool | pg.Client, mobile: string): Promise<string> {
	const { rows } = await db.query(`select body from outbox where recipient = $1 order by id desc limit 1`, [mobile]);
	const match = rows[0] && /[0-9۰-۹]{6}/.exec(rows[0].body);
	if (!match) throw new Error(`no code was sent to ${mobile}`);
	return match[0].replace(/[۰-۹]/g, (d: string) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
}

/** A PDF that is unique (its own bytes and hash) and `size` bytes long, so every upload can be traced. */
export function uniquePdf(tag: string, size = 40_000): Uint8Array<ArrayBuffer> {
	const head = Buffer.from(`%PDF-1.4\n% pelak loadtest ${tag} ${randomBytes(8).toString('hex')}\n`);
	const filler = Buffer.alloc(Math.max(0, size - head.length - 6), 0x20);
	return new Uint8Array(Buffer.concat([head, filler, Buffer.from('\n%%EOF')]));
}

/** The ids of the cases a page links to. */
export function caseIdsIn(html: string): number[] {
	return [...new Set([...html.matchAll(/href="\/cases\/(\d+)"/g)].map((m) => Number(m[1])))];
}

/** Percentiles of a list of milliseconds. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
