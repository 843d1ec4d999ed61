/**
 * PostgreSQL clusters of a test's own, on this machine: `initdb` in a temporary directory, a free
 * port of 127.0.0.1, the unix socket in that directory, trust authentication, fsync off. The tests
 * that must stop, restart or replicate PostgreSQL (replica.e2e, faults.e2e) use one of these, never
 * the machine's shared server. Needs PostgreSQL 15's server binaries (PELAK_PG_BIN, else
 * /usr/lib/postgresql/15/bin) and PostGIS installed for them; as root, the clusters run as `postgres`
 * (pg_ctl and initdb refuse root).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../scripts/free-port';

export { freePort };

export const PG_BIN = process.env.PELAK_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];
/** The server binaries this machine lacks (empty: clusters can be made). */
export const missingPgTools = TOOLS.filter((tool) => !fs.existsSync(path.join(PG_BIN, tool)));

const asRoot = process.getuid?.() === 0;

function command(tool: string, args: string[]): [string, string[]] {
	return asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, tool), ...args]] : [path.join(PG_BIN, tool), args];
}

function pgTool(tool: string, args: string[]) {
	const [cmd, argv] = command(tool, args);
	return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a PostgreSQL tool, its stderr (and the cluster's log, if given) in the error when it fails. */
export function pgStep(what: string, tool: string, args: string[], log?: string) {
	try {
		return pgTool(tool, args);
	} catch (err) {
		const stderr = (err as { stderr?: string }).stderr ?? '';
		const logged = log && fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
		throw new Error(`${what} failed: ${(err as Error).message}\n${stderr}\n${logged}`);
	}
}


/** A temporary directory for clusters, owned by `postgres` when running as root. */
export function clusterRoot(prefix: string): string {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (asRoot) execFileSync('chown', ['postgres:', tmp]);
	return tmp;
}

/** Settings for a throwaway test cluster on `port`, its socket in `socketDir`. */
export function clusterConf(port: number, socketDir: string): string {
	return [
		`port = ${port}`,
		`listen_addresses = '127.0.0.1'`,
		`unix_socket_directories = '${socketDir}'`,
		'wal_level = replica',
		'max_wal_senders = 4',
		'hot_standby = on',
		'shared_buffers = 32MB',
		'fsync = off',
		'full_page_writes = off'
	].join('\n') + '\n';
}

export interface Cluster {
	dir: string;
	port: number;
	log: string;
	/** postgres://…/<database> on this cluster. */
	url(database: string): string;
	/**
	 * `pg_ctl restart` (`immediate`: as after a crash, with recovery; `fast`: a clean stop first),
	 * without blocking this process's event loop (its clients keep sending meanwhile).
	 */
	restart(mode: 'fast' | 'immediate'): Promise<void>;
	stop(): void;
}

/** A new cluster in `<root>/<name>`, started, with the database `database` created. */
export async function startCluster(root: string, name: string, database: string): Promise<Cluster> {
	const dir = path.join(root, name);
	const log = path.join(root, `${name}.log`);
	const port = await freePort();
	pgStep('initdb', 'initdb', ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	fs.appendFileSync(path.join(dir, 'postgresql.conf'), clusterConf(port, root));
	fs.writeFileSync(path.join(dir, 'pg_hba.conf'), 'local all all trust\nlocal replication all trust\nhost all all 127.0.0.1/32 trust\n');
	pgStep(`starting ${name}`, 'pg_ctl', ['-D', dir, '-l', log, '-w', '-t', '120', 'start'], log);
	const setup = new pg.Client({ host: root, port, user: 'postgres', database: 'postgres' });
	await setup.connect();
	try {
		await setup.query(`CREATE DATABASE ${database}`);
	} finally {
		await setup.end();
	}
	return clusterAt(dir, port, log);
}

/** The handle of a cluster already made in `dir` (e.g. by pg_basebackup) listening on `port`. */
export function clusterAt(dir: string, port: number, log: string): Cluster {
	return {
		dir,
		port,
		log,
		url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
		restart: async (mode) => {
			const [cmd, argv] = command('pg_ctl', ['-D', dir, '-l', log, '-m', mode, '-w', '-t', '120', 'restart']);
			try {
				await promisify(execFile)(cmd, argv, { encoding: 'utf8' });
			} catch (err) {
				throw new Error(`restarting ${path.basename(dir)} failed: ${(err as Error).message}\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-3000) : ''}`);
			}
		},
		stop: () => stopCluster(dir)
	};
}

export function stopCluster(dir: string | undefined) {
	if (!dir || !fs.existsSync(path.join(dir, 'postmaster.pid'))) return;
	try {
		pgTool('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
	} catch {
		/* already stopped */
	}
}
