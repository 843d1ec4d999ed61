/**
 * For the tile bench (gis/bench-tiles.ts): what its figures need besides Node's own HTTP client.
 *
 * - `LeanHttpClient`: keep-alive HTTP/1.1 GETs over plain sockets, reading only the status line and
 *   Content-Length and counting the body's bytes (as wrk or h2load do). On this 2-core machine the
 *   bench's client shares the cores with the server: Node's `http.get` (a request object, a parsed
 *   header map, an event per chunk) costs the client more CPU per cached tile than the server spends
 *   answering it, so a figure measured with it is mostly the client's.
 * - `cpuMillis`: a process's CPU time so far (user + system, every thread), from /proc on Linux: the
 *   server's own cost per tile, whatever the client costs.
 */
import fs from 'node:fs';
import net from 'node:net';

/** Linux's clock tick (USER_HZ), in which /proc/<pid>/stat counts CPU time. */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process has used (user + system, all threads); null where /proc is not there. */
export function cpuMillis(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime and stime are fields 14 and 15 of stat(5); the split starts at field 3 (state)
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
	} catch {
		return null;
	}
}

interface Pending {
	resolve: (bytes: number) => void;
	reject: (error: Error) => void;
	ok: number[];
	path: string;
	head: Buffer | null;
	/** Body bytes still to come, once the head has been read. */
	remaining: number;
	bodyBytes: number;
}

class LeanConnection {
	readonly #socket: net.Socket;
	#pending: Pending | null = null;
	#failed: Error | null = null;

	constructor(port: number) {
		this.#socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
		this.#socket.on('data', (chunk: Buffer) => this.#onData(chunk));
		const fail = (error: Error) => {
			this.#failed = error;
			this.#pending?.reject(error);
			this.#pending = null;
		};
		this.#socket.on('error', fail);
		this.#socket.on('close', () => fail(new Error('connection closed')));
	}

	get usable(): boolean {
		return !this.#failed;
	}

	get(path: string, headers: Record<string, string>, ok: number[]): Promise<number> {
		if (this.#failed) return Promise.reject(this.#failed);
		return new Promise((resolve, reject) => {
			this.#pending = { resolve, reject, ok, path, head: null, remaining: -1, bodyBytes: 0 };
			let request = `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n`;
			for (const [name, value] of Object.entries(headers)) request += `${name}: ${value}\r\n`;
			this.#socket.write(`${request}\r\n`);
		});
	}

	destroy() {
		this.#socket.destroy();
	}

	#onData(chunk: Buffer) {
		const p = this.#pending;
		if (!p) return;
		if (p.remaining < 0) {
			const head = p.head ? Buffer.concat([p.head, chunk]) : chunk;
			const end = head.indexOf('\r\n\r\n');
			if (end < 0) return void (p.head = head);
			const text = head.toString('latin1', 0, end);
			const status = Number(text.slice(9, 12));
			if (!p.ok.includes(status)) return this.#finish(new Error(`${p.path} → ${status}`));
			const length = /\r\ncontent-length: *(\d+)/i.exec(text);
			if (!length && status !== 304) return this.#finish(new Error(`${p.path} → ${status} without Content-Length`));
			p.remaining = length ? Number(length[1]) : 0;
			chunk = head.subarray(end + 4);
		}
		p.bodyBytes += chunk.length;
		p.remaining -= chunk.length;
		if (p.remaining <= 0) this.#finish(null);
	}

	#finish(error: Error | null) {
		const p = this.#pending!;
		this.#pending = null;
		if (error) {
			this.#failed = error;
			this.#socket.destroy();
			p.reject(error);
		} else p.resolve(p.bodyBytes);
	}
}

/** A pool of lean keep-alive connections to one port: one per request in flight. */
export class LeanHttpClient {
	readonly #idle: LeanConnection[] = [];
	readonly #all = new Set<LeanConnection>();

	constructor(private readonly port: number) {}

	/** The body's size in bytes; rejects on a status other than 200 (or 304 when revalidating). */
	async get(path: string, headers: Record<string, string> = {}): Promise<number> {
		const ok = headers['if-none-match'] ? [200, 304] : [200];
		let connection = this.#idle.pop();
		while (connection && !connection.usable) connection = this.#idle.pop();
		if (!connection) this.#all.add((connection = new LeanConnection(this.port)));
		const size = await connection.get(path, headers, ok);
		this.#idle.push(connection);
		return size;
	}

	close() {
		for (const connection of this.#all) connection.destroy();
		this.#all.clear();
		this.#idle.length = 0;
	}
}
