/**
 * Starts the app the way `npm start` does (`scripts/start.js`: its defaults, such as ORIGIN and the
 * body size limit, included) on a free port with its own temporary data dir, so a browser test sees
 * the sample city exactly as a new user does, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../scripts/free-port';

export interface RunningServer {
	url: string;
	stop(): Promise<void>;
	log(): string;
}


function withoutOrigin(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { ORIGIN: _origin, ...rest } = env;
	return rest;
}

/** Where a loaded embedded city is kept for the next server of this run (see `embeddedTemplate`). */
export const TEMPLATE_PREFIX = 'pelak-e2e-template-';

function spawnServer(root: string, port: number, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
	let output = '';
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		cwd: root,
		env: { ...withoutOrigin(process.env), PORT: String(port), HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	return { child, output: () => output };
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
	if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited early:\n${output()}`);
		try {
			const response = await fetch(`${url}/`);
			if (response.ok) return true;
		} catch {
			// not listening yet (the sample city loads first)
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return false;
}

/** The key of a first start: this build, its migrations, and what the server is started with. */
function templateKey(root: string, env: NodeJS.ProcessEnv): string {
	const build = fs.statSync(path.join(root, 'build', 'index.js')).mtimeMs;
	const migrations = fs.readdirSync(path.join(root, 'migrations')).sort().join(',');
	// what the server is started with, this process's environment included (a test may set PELAK_SAMPLE_CITY there)
	const settings = Object.entries({ ...process.env, ...env })
		.filter(([k]) => /^(PELAK_|DATABASE_)/.test(k) && !['PELAK_FILES_DIR', 'PELAK_DATA_DIR', 'PELAK_TEST_PG'].includes(k))
		.sort(([a], [b]) => a.localeCompare(b));
	return createHash('sha256').update(JSON.stringify([build, migrations, settings])).digest('hex').slice(0, 16);
}

/**
 * Starts a server on a new data dir (and `env`'s database), waits until it answers (the sample city
 * loaded, its demo accounts and sample files), and stops it cleanly (SIGTERM closes an embedded
 * database); what it made is left in `making` (`pgdata`, `files`, and `ready` with its output).
 */
async function firstStart(root: string, making: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
	const port = await freePort();
	const { child, output } = spawnServer(root, port, { ...env, PELAK_DATA_DIR: path.join(making, 'pgdata'), PELAK_FILES_DIR: path.join(making, 'files') });
	try {
		if (!(await waitUntilServing(`http://127.0.0.1:${port}`, child, output, timeoutMs))) {
			throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${output()}`);
		}
	} finally {
		await stopChild(child);
	}
	fs.mkdirSync(path.join(making, 'files'), { recursive: true });
	fs.writeFileSync(path.join(making, 'ready'), output());
}

/**
 * The embedded database a server of this build makes on its first start with these settings (the
 * sample city loaded, its demo accounts and sample files), made once per run and copied for every
 * later server: a new user's first start, without loading the same city again for each test file
 * (≈45 s each on the CI machine). Keyed by the build, the migrations and the settings, in the
 * system's temporary directory; `globalSetup` (tests/e2e/global-setup.ts) removes them at the end.
 */
async function embeddedTemplate(root: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
	const template = path.join(os.tmpdir(), TEMPLATE_PREFIX + templateKey(root, env));
	if (fs.existsSync(path.join(template, 'ready'))) return template;
	const making = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-making-'));
	try {
		await firstStart(root, making, env, timeoutMs);
	} catch (err) {
		fs.rmSync(making, { recursive: true, force: true });
		throw err;
	}
	fs.rmSync(template, { recursive: true, force: true });
	fs.renameSync(making, template);
	return template;
}

/** A PostgreSQL database of a test's own, with the server's files beside it. */
export interface PostgresCopy {
	/** DATABASE_URL of the new database. */
	url: string;
	/** PELAK_FILES_DIR holding the sample files the first start stored. */
	filesDir: string;
	/** Drops the database (closing whatever is still connected) and removes the files. */
	drop(): Promise<void>;
}

async function withAdmin<T>(postgres: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
	const adminUrl = new URL(postgres);
	adminUrl.pathname = '/postgres';
	const admin = new pg.Client({ connectionString: adminUrl.toString() });
	await admin.connect();
	try {
		return await work(admin);
	} finally {
		await admin.end();
	}
}

const databaseUrl = (postgres: string, name: string) => {
	const url = new URL(postgres);
	url.pathname = `/${name}`;
	return url.toString();
};

/**
 * A new database on the PostgreSQL server `postgres` holding what a first start of this build with
 * `env`'s settings made (the sample city, the demo accounts, the sample files), copied by
 * `CREATE DATABASE … TEMPLATE` from this run's first start with the same settings: made once per run
 * (a first start on PostgreSQL, ≈20 s for 2,000 parcels on the CI machine), then about a second for
 * each later test file. The first start's database and files are kept under the system's temporary
 * directory (its name in `database`), so `globalSetup` drops them at the end of the run.
 */
export async function postgresCopy(postgres: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 240_000): Promise<PostgresCopy> {
	const root = path.resolve(import.meta.dirname, '../..');
	const key = templateKey(root, { ...env, DATABASE_URL: postgres });
	const template = path.join(os.tmpdir(), `${TEMPLATE_PREFIX}pg-${key}`);
	const templateDb = `pelak_e2e_tpl_${key}`;
	if (!fs.existsSync(path.join(template, 'ready'))) {
		const making = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-making-'));
		const makingDb = `pelak_e2e_making_${randomBytes(4).toString('hex')}`;
		await withAdmin(postgres, async (admin) => {
			await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
			await admin.query(`CREATE DATABASE ${makingDb}`);
		});
		try {
			await firstStart(root, making, { ...env, DATABASE_URL: databaseUrl(postgres, makingDb) }, timeoutMs);
			await withAdmin(postgres, (admin) => admin.query(`ALTER DATABASE ${makingDb} RENAME TO ${templateDb}`));
		} catch (err) {
			await withAdmin(postgres, (admin) => admin.query(`DROP DATABASE IF EXISTS ${makingDb} WITH (FORCE)`)).catch(() => undefined);
			fs.rmSync(making, { recursive: true, force: true });
			throw err;
		}
		fs.writeFileSync(path.join(making, 'database'), JSON.stringify({ postgres, name: templateDb }));
		fs.rmSync(template, { recursive: true, force: true });
		fs.renameSync(making, template);
	}
	const name = `pelak_e2e_${randomBytes(5).toString('hex')}`;
	await withAdmin(postgres, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`));
	const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-files-'));
	fs.cpSync(path.join(template, 'files'), filesDir, { recursive: true });
	return {
		url: databaseUrl(postgres, name),
		filesDir,
		async drop() {
			await withAdmin(postgres, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
			fs.rmSync(filesDir, { recursive: true, force: true });
		}
	};
}

/** Drops the first starts' databases `postgresCopy` kept in `template` (a folder of TEMPLATE_PREFIX). */
export async function dropTemplateDatabase(template: string): Promise<void> {
	const file = path.join(template, 'database');
	if (!fs.existsSync(file)) return;
	const { postgres, name } = JSON.parse(fs.readFileSync(file, 'utf8')) as { postgres: string; name: string };
	await withAdmin(postgres, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((err) =>
		console.warn(`[e2e] could not drop the template database ${name}:`, err instanceof Error ? err.message : err)
	);
}

/** `env` adds to (or overrides) the server's environment, e.g. a DATABASE_URL shared by two servers. */
export async function startBuiltServer(timeoutMs = 240_000, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
	const root = path.resolve(import.meta.dirname, '../..');
	if (!fs.existsSync(path.join(root, 'build', 'index.js'))) {
		throw new Error('No build/ found: run `npm run build` before the browser tests');
	}
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-e2e-'));
	// no ORIGIN: the start script's default must be what makes forms work
	const serverEnv: NodeJS.ProcessEnv = { PELAK_DATA_DIR: path.join(dataDir, 'pgdata'), DATABASE_URL: '', ...env };
	if (!serverEnv.DATABASE_URL) {
		// the embedded database: a copy of this run's first start with the same settings
		const template = await embeddedTemplate(root, { ...env, DATABASE_URL: '' }, timeoutMs);
		fs.cpSync(path.join(template, 'pgdata'), serverEnv.PELAK_DATA_DIR!, { recursive: true });
		const filesDir = serverEnv.PELAK_FILES_DIR ?? process.env.PELAK_FILES_DIR ?? path.join(dataDir, 'files');
		fs.cpSync(path.join(template, 'files'), filesDir, { recursive: true });
	}
	const port = await freePort();
	const { child, output } = spawnServer(root, port, serverEnv);
	const url = `http://127.0.0.1:${port}`;

	const stop = async () => {
		await stopChild(child);
		fs.rmSync(dataDir, { recursive: true, force: true });
		// the server's own account of its slow requests (PELAK_SLOW_REQUEST_MS), so a timeout in CI says where the time went
		const slow = output().split('\n').filter((line) => line.includes('slow request:'));
		if (slow.length) console.log(`[e2e server ${url}] ${slow.length} slow request(s):\n${slow.slice(0, 40).join('\n')}`);
	};

	if (await waitUntilServing(url, child, output, timeoutMs).catch(async (err) => (await stop(), Promise.reject(err)))) {
		return { url, stop, log: output };
	}
	await stop();
	throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}
