/**
 * Starts the app the way `npm start` does (`scripts/start.js`: its defaults, such as ORIGIN and the
 * body size limit, included) on a free port with its own temporary data dir, so a browser test sees
 * the sample city exactly as a new user does, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	url: string;
	stop(): Promise<void>;
	log(): string;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function withoutOrigin(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { ORIGIN: _origin, ...rest } = env;
	return rest;
}

/** `env` adds to (or overrides) the server's environment, e.g. a DATABASE_URL shared by two servers. */
export async function startBuiltServer(timeoutMs = 240_000, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
	const root = path.resolve(import.meta.dirname, '../..');
	if (!fs.existsSync(path.join(root, 'build', 'index.js'))) {
		throw new Error('No build/ found: run `npm run build` before the browser tests');
	}
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-'));
	let output = '';
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		cwd: root,
		// no ORIGIN: the start script's default must be what makes forms work
		env: { ...withoutOrigin(process.env), PORT: String(port), HOST: '127.0.0.1', PELAK_DATA_DIR: path.join(dataDir, 'pgdata'), DATABASE_URL: '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}`;

	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
		fs.rmSync(dataDir, { recursive: true, force: true });
	};

	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
		try {
			const response = await fetch(`${url}/`);
			if (response.ok) return { url, stop, log: () => output };
		} catch {
			// not listening yet (the sample city loads first)
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${output}`);
}
