/**
 * For the tile bench (gis/bench-tiles.ts): the same tiles measured with clients written in C, so that
 * neither side's figure is the bench's own Node process. `npm run bench` runs in one Node thread on
 * the same 2 cores as the server and PostgreSQL; for a light tile its client (node-postgres for the
 * bare statement, an HTTP client for the endpoint) costs about as much CPU as the tile, and both
 * sides' figures are then partly the client's. Here:
 *
 * - pgbench (PostgreSQL's own, beside the server's binaries) runs the bare statement of each tile,
 *   one script per tile with its values written in, as a one-off (`-M simple`) and prepared;
 * - wrk (Debian's `wrk`) asks the endpoint for the same tiles in turn (a Lua list), keep-alive.
 *
 * Both with the same number of connections in flight. Either missing: the rows are left out, with a note.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';
import type { TileLayerDefinition } from '../src/lib/server/tiles/layers';
import type { TileCoord } from '../src/lib/server/tiles/tile-coords';
import { mvtTileQuery } from '../src/lib/server/tiles/tile.repository';

export interface NativeClients {
	pgbench: string;
	wrk: string;
}

export interface NativeRun {
	/** Requests (transactions) completed. */
	n: number;
	perSecond: number;
	p50: number;
	p95: number;
}

function onPath(command: string): string | null {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : null;
}

/** pgbench (on PATH or in `pg_config --bindir`) and wrk, or why not. */
export function findNativeClients(): NativeClients | string {
	let pgbench = onPath('pgbench');
	if (!pgbench) {
		const bindir = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
		const candidate = bindir.status === 0 ? path.join(bindir.stdout.trim(), 'pgbench') : '';
		if (candidate && fs.existsSync(candidate)) pgbench = candidate;
	}
	const wrk = onPath('wrk');
	if (!pgbench || !wrk) return `${[!pgbench && 'pgbench', !wrk && 'wrk (apt install wrk)'].filter(Boolean).join(' and ')} not found`;
	return { pgbench, wrk };
}

/** The tile's bare statement with its values written in (pgbench scripts take no parameters). */
export function bareStatementText(db: Kysely<DB>, layer: TileLayerDefinition, tile: TileCoord): string {
	const { sql, parameters } = mvtTileQuery(layer, tile).compile(db);
	const literal = (value: unknown) => {
		if (typeof value === 'number') return String(value);
		if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
		throw new Error(`a tile statement parameter pgbench cannot take: ${JSON.stringify(value)}`);
	};
	return sql
		.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]))
		.replace(/--[^\n]*/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

function scratch(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Several runs of one client as one: all their requests over all their time; the latencies are the
 * rounds' own, weighted by their requests (a close stand-in: the runs keep no histogram in common).
 */
export function combinedRuns(runs: NativeRun[]): NativeRun {
	const n = runs.reduce((sum, r) => sum + r.n, 0);
	const seconds = runs.reduce((sum, r) => sum + r.n / r.perSecond, 0);
	const weighted = (pick: (r: NativeRun) => number) => runs.reduce((sum, r) => sum + pick(r) * r.n, 0) / n;
	return { n, perSecond: n / seconds, p50: weighted((r) => r.p50), p95: weighted((r) => r.p95) };
}

/** pgbench over the statements (one script each, picked at random), `clients` connections, `seconds` long. */
export function pgbenchRun(pgbench: string, databaseUrl: string, statements: string[], clients: number, seconds: number, mode: 'simple' | 'prepared'): NativeRun {
	const dir = scratch('pelak-pgbench-');
	try {
		const scripts = statements.flatMap((text, i) => {
			const file = path.join(dir, `tile${i}.sql`);
			fs.writeFileSync(file, `${text};\n`);
			return ['-f', file];
		});
		const run = spawnSync(pgbench, ['-n', '-c', String(clients), '-j', '1', '-T', String(seconds), '-M', mode, ...scripts, databaseUrl], {
			encoding: 'utf8',
			maxBuffer: 64 * 2 ** 20
		});
		const out = `${run.stdout}\n${run.stderr}`;
		const tps = /tps = ([\d.]+)/.exec(out);
		const processed = /number of transactions actually processed: (\d+)/.exec(out);
		const failed = /number of failed transactions: (\d+)/.exec(out);
		const latency = /latency average = ([\d.]+) ms/.exec(out);
		if (run.status !== 0 || !tps || !processed || (failed && Number(failed[1]) > 0)) throw new Error(`pgbench failed: ${out.slice(-600)}`);
		// pgbench's summary has the average latency only: it stands in both columns
		const average = latency ? Number(latency[1]) : NaN;
		return { n: Number(processed[1]), perSecond: Number(tps[1]), p50: average, p95: average };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** wrk asking for the paths in turn over `connections` keep-alive connections, `seconds` long. */
export function wrkRun(wrk: string, port: number, paths: string[], connections: number, seconds: number, headers: Record<string, string> = {}): NativeRun {
	const dir = scratch('pelak-wrk-');
	try {
		const script = path.join(dir, 'tiles.lua');
		const headerLines = Object.entries(headers).map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
		fs.writeFileSync(
			script,
			[
				`local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}`,
				...headerLines,
				'local i = 0',
				'request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end',
				'done = function(summary, latency, requests)',
				'  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),',
				'    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))',
				'end'
			].join('\n')
		);
		const run = spawnSync(wrk, ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, `http://127.0.0.1:${port}`], { encoding: 'utf8' });
		const result = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(run.stdout);
		if (run.status !== 0 || !result) throw new Error(`wrk failed: ${`${run.stdout}\n${run.stderr}`.slice(-600)}`);
		const [requests, durationUs, p50Us, p95Us, errors] = result.slice(1).map(Number);
		if (errors > 0) throw new Error(`wrk: ${errors} of ${requests} requests failed or were not 2xx/3xx`);
		return { n: requests, perSecond: requests / (durationUs / 1e6), p50: p50Us / 1000, p95: p95Us / 1000 };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
