/**
 * Faults (issue 7, §3), against real PostgreSQL — a cluster of the test's own (tests/e2e/private-cluster.ts:
 * initdb in a temporary directory, so it can be restarted; runs when PELAK_TEST_PG or DATABASE_URL says
 * real PostgreSQL is wanted) — and the built server started as `node build`, so SIGKILL hits the server:
 *
 * - the server killed during an upload (while the body arrives, and at several moments after it
 *   arrived), during a workflow action, and `npm run gis -- import` killed during its transaction;
 *   after a restart no case is partial (all of a filing's documents or none), no document lacks its
 *   file or has a damaged one, no file is left that no document refers to (once the sweep's grace
 *   period has passed: the test ages the files by two hours, as if the server came back later), every
 *   case's step is its last transition's and its deadline is set, and the import is all or nothing;
 *   the citizen or officer who heard no answer sends the same form again (its idempotency key) and
 *   the write then exists exactly once;
 * - PostgreSQL's side of every connection cut mid-traffic (pg_terminate_backend on all of the app's
 *   backends, repeatedly), and PostgreSQL itself restarted mid-traffic (`pg_ctl restart -m immediate`,
 *   as after a crash, then `-m fast`): the app answers again without a restart of its own, no
 *   acknowledged filing is lost or doubled, and one answered with an error exists whole or not at all.
 *
 * The harness's browsers open a new connection for every request (no kept-alive socket survives a
 * kill), and the server's connections carry an application_name of their own, so the cuts find
 * exactly the app's backends and wait until its pool holds some.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, newestCode, ROOT, sha256, startServer, uniquePdf, type Server } from '../../scripts/loadtest-harness';
import { checkDocumentStore, eventsOutOfOrder } from '../../scripts/loadtest-verify';
import { clusterRoot, missingPgTools, PG_BIN, startCluster, type Cluster } from './private-cluster';

const postgres = process.env.DATABASE_URL || process.env.PELAK_TEST_PG;
const MARYAM = { nationalId: '0010000011', mobile: '09120000001' };
/** The server's PostgreSQL connections name themselves so (PGAPPNAME): the cuts find exactly these. */
const APP_NAME = 'pelak-faults-app';

const hasBinaries = missingPgTools.length === 0;
if (postgres && !hasBinaries) console.warn(`[faults test] skipped: no ${missingPgTools.join(', ')} in ${PG_BIN} (set PELAK_PG_BIN)`);
/** A PostgreSQL cluster of the test's own (it is restarted), and its database. */
let clusterDir: string;
let cluster: Cluster;
let database: { url: string };
let filesDir: string;
let env: Record<string, string>;
let server: Server;
let db: pg.Client;
let citizen: Browser;
let officer: Browser;
let parcels: number[];
let officerId: number;

/** The test's own connection (again, after PostgreSQL restarted); its errors are the restart's, not the test's. */
async function connectDb() {
	await db?.end().catch(() => {});
	for (let i = 0; ; i++) {
		const client = new pg.Client({ connectionString: database.url });
		client.on('error', () => {});
		try {
			await client.connect();
			db = client;
			return;
		} catch (err) {
			if (i >= 100) throw err;
			await new Promise((r) => setTimeout(r, 200));
		}
	}
}

async function restart() {
	await server.kill();
	server = await startServer(env);
}

/** As if the server came back after the sweep's grace period (1 h): every stored file two hours old. */
function ageStore() {
	const then = new Date(Date.now() - 2 * 3600_000);
	const walk = (dir: string) => {
		if (!fs.existsSync(dir)) return;
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else fs.utimesSync(full, then, then);
		}
	};
	walk(filesDir);
}

/** Restarts after a kill, then waits (bounded) for the start-up sweep and checks the store and the cases. */
async function restartAndCheck(): Promise<{ orphansLeftByKill: number }> {
	const before = await checkDocumentStore(db, filesDir);
	ageStore();
	await restart();
	let store = await checkDocumentStore(db, filesDir);
	for (let i = 0; i < 100 && store.orphans.length > 0; i++) {
		await new Promise((r) => setTimeout(r, 300));
		store = await checkDocumentStore(db, filesDir);
	}
	expect({ missing: store.missing, damaged: store.damaged, orphans: store.orphans }).toEqual({ missing: [], damaged: [], orphans: [] });
	const { rows: stepless } = await db.query(`
		select c.id from cases c
		where c.current_step is distinct from (select e.to_step from case_events e where e.case_id = c.id and e.to_step is not null order by e.id desc limit 1)`);
	expect(stepless, 'cases whose step is not their last transition’s').toEqual([]);
	const { rows: undated } = await db.query(`select id from cases where workflow_status = 'in_progress' and current_step = 'district_review' and due_on is null`);
	expect(undated, 'open cases without a deadline').toEqual([]);
	expect(await eventsOutOfOrder(db)).toBe(0);
	return { orphansLeftByKill: before.orphans.length };
}

/** A filing form as the page renders it: three unique PDFs and the form's idempotency key. */
function filingForm(tag: string, size: number) {
	const docs = ['deed', 'national_card', 'notary_letter'].map((kind) => ({ kind, bytes: uniquePdf(`${tag} ${kind}`, size) }));
	const form = new FormData();
	form.set('requestType', 'notary_inquiry');
	form.set('idempotencyKey', `faults-${randomUUID()}`);
	for (const d of docs) form.set(`doc:${d.kind}`, new File([d.bytes], `${d.kind}.pdf`, { type: 'application/pdf' }));
	return { form, shas: docs.map((d) => sha256(d.bytes)) };
}

/** The app's backends on PostgreSQL (by their application_name). */
async function appBackends(): Promise<number> {
	const { rows } = await db.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = $1`, [APP_NAME]);
	return rows[0].n;
}

/** What exists of a filing whose documents have these hashes: all of it in one case, or nothing. */
async function filingState(shas: string[]): Promise<'whole' | 'none'> {
	const { rows } = await db.query(`select case_id from documents where sha256 = any($1)`, [shas]);
	if (rows.length === 0) return 'none';
	expect(rows.length, 'a filing’s documents: all or none').toBe(shas.length);
	expect(new Set(rows.map((r) => r.case_id)).size).toBe(1);
	return 'whole';
}

/**
 * Posts a filing as the browser's enhanced form does, over a raw socket so the server can be killed
 * at a chosen moment: `half` sends half the body and kills; otherwise the whole body, then the kill
 * after `afterMs`. Answers what the client heard before the kill.
 */
async function filingKilled(shasTag: string, moment: { half: true } | { afterMs: number }) {
	const { form, shas } = filingForm(shasTag, 1_000_000);
	const request = new Request('http://x/', { method: 'POST', body: form });
	const body = Buffer.from(await request.arrayBuffer());
	const parcel = parcels[Math.floor(Math.random() * parcels.length)];
	// the kill is aimed at this server: a timer still pending when the answer came (and the test
	// killed and restarted on its own) must not kill the next server in the middle of the retry
	const target = server;
	let killer: NodeJS.Timeout | undefined;
	const heard = new Promise<{ status: number; body: string } | null>((resolve) => {
		const req = http.request(`${server.url}/requests/new?parcel=${parcel}`, {
			method: 'POST',
			agent: false, // a connection of its own, closed with the server
			headers: {
				'content-type': request.headers.get('content-type')!,
				'content-length': String(body.length),
				origin: server.url,
				'x-sveltekit-action': 'true',
				accept: 'application/json',
				cookie: citizen.cookie!,
				'x-forwarded-for': citizen.address
			}
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			res.on('error', () => resolve(null));
		});
		req.on('error', () => resolve(null));
		if ('half' in moment) {
			req.write(body.subarray(0, body.length >> 1), () => (killer = setTimeout(() => void target.kill(), 300)));
		} else {
			req.end(body, () => (killer = setTimeout(() => void target.kill(), moment.afterMs)));
		}
	});
	const answer = await heard;
	clearTimeout(killer);
	await server.kill();
	const acknowledged = !!answer && answer.status === 200 && /"type":"success"/.test(answer.body);
	return { shas, acknowledged, form, parcel };
}

beforeAll(async () => {
	if (!postgres || !hasBinaries) return;
	clusterDir = clusterRoot('pelak-faults-');
	cluster = await startCluster(clusterDir, 'pg', 'pelak_faults');
	database = { url: cluster.url('pelak_faults') };
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-faults-files-'));
	// one citizen files dozens of times here: the daily quotas (20 filings) are not what this test is about
	env = {
		DATABASE_URL: database.url,
		PGAPPNAME: APP_NAME,
		PELAK_MODE: 'demo',
		PELAK_SAMPLE_CITY: '300',
		PELAK_FILES_DIR: filesDir,
		PELAK_DAILY_FILINGS: '100000',
		PELAK_DAILY_UPLOAD_MB: '100000'
	};
	server = await startServer(env);
	await connectDb();
	const { rows } = await db.query(`select p.id, d.code from parcels p join districts d on d.id = p.district_id order by d.code, p.id`);
	const district = rows[0].code as string;
	parcels = rows.filter((r) => r.code === district).map((r) => Number(r.id));
	const username = `officer.d${district.replace(/\D/g, '').replace(/^0+(?=\d)/, '')}`;
	officerId = Number((await db.query(`select id from users where username = $1`, [username])).rows[0].id);
	citizen = new Browser(() => server.url, '10.7.0.1');
	citizen.freshConnections = true;
	expect((await citizen.signInCitizen(MARYAM, (m) => newestCode(db, m))).type).toBe('redirect');
	officer = new Browser(() => server.url, '10.7.0.2');
	officer.freshConnections = true;
	expect((await officer.signInStaff(username, 'pelak-demo')).type).toBe('redirect');
}, 600_000);

afterAll(async () => {
	await server?.stop();
	await db?.end();
	cluster?.stop();
	if (clusterDir) fs.rmSync(clusterDir, { recursive: true, force: true });
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe.runIf(postgres && hasBinaries)('the server killed, the database’s connections cut, and PostgreSQL restarted', () => {
	it('leaves no partial filing and no stray or missing file when killed during an upload', async () => {
		const moments = [{ half: true } as const, { afterMs: 0 }, { afterMs: 100 }, { afterMs: 400 }, { afterMs: 1000 }, { afterMs: 2000 }, { afterMs: 4000 }];
		const seen: string[] = [];
		let orphans = 0;
		for (const [i, moment] of moments.entries()) {
			const { shas, acknowledged, form, parcel } = await filingKilled(`upload-kill ${i}`, moment);
			orphans += (await restartAndCheck()).orphansLeftByKill;
			const state = await filingState(shas);
			if (acknowledged) expect(state).toBe('whole');
			if ('half' in moment) expect(state).toBe('none');
			// the citizen heard nothing (or the answer): the same form again files it exactly once
			const retried = await citizen.action(`/requests/new?parcel=${parcel}`, form);
			expect(retried.type, JSON.stringify(retried)).toBe('success');
			expect(await filingState(shas)).toBe('whole');
			const { rows } = await db.query(`select count(distinct case_id)::int as n, min(case_id)::int as id from documents where sha256 = any($1)`, [shas]);
			expect(rows[0].n).toBe(1);
			expect((retried.data!.filed as { id: number }).id).toBe(rows[0].id);
			seen.push(`${JSON.stringify(moment)}: ${acknowledged ? 'acknowledged' : 'no answer'}, ${state}${state === 'whole' ? ', retry answered the same case' : ', retry filed it'}`);
		}
		console.log(`[faults] uploads killed: ${seen.join('; ')}; files left unreferenced by the kills and swept after restart: ${orphans}`);
		// the app still files after all that
		const { form, shas } = filingForm('after the kills', 50_000);
		const filed = await citizen.action(`/requests/new?parcel=${parcels[0]}`, form);
		expect(filed.type).toBe('success');
		expect(await filingState(shas)).toBe('whole');
	});

	it('leaves the case consistent when killed during a workflow action, and a retry acts exactly once', async () => {
		const seen: string[] = [];
		for (const afterMs of [0, 30, 150, 500, 1500, 3000]) {
			const { form } = filingForm(`action-kill ${afterMs}`, 20_000);
			const filed = await citizen.action(`/requests/new?parcel=${parcels[1]}`, form);
			expect(filed.type).toBe('success');
			const caseId = (filed.data!.filed as { id: number }).id;
			expect((await officer.action('/cartable?/claim', new URLSearchParams({ caseId: String(caseId) }))).type).toBe('success');
			const approve = new URLSearchParams({ type: 'approve', stepId: 'district_review', to: 'issue', idempotencyKey: `faults-${randomUUID()}` });
			const acting = officer.action(`/cases/${caseId}?/act`, approve).catch(() => null);
			await new Promise((r) => setTimeout(r, afterMs));
			await server.kill();
			const answer = await acting;
			await restartAndCheck();
			const approvals = async () =>
				(await db.query(`select count(*)::int as n from case_events where case_id = $1 and actor_user_id = $2 and action = 'approve'`, [caseId, officerId])).rows[0].n as number;
			const n = await approvals();
			const { rows: kase } = await db.query(`select current_step from cases where id = $1`, [caseId]);
			expect(n).toBeLessThanOrEqual(1);
			expect(kase[0].current_step).toBe(n === 1 ? 'issue' : 'district_review');
			if (answer?.type === 'success') expect(n).toBe(1);
			// the officer heard nothing (or the answer) and sends the same form again: approved exactly once
			const retried = await officer.action(`/cases/${caseId}?/act`, approve);
			expect(retried.type, JSON.stringify(retried)).toBe('success');
			expect(await approvals()).toBe(1);
			expect((await db.query(`select current_step from cases where id = $1`, [caseId])).rows[0].current_step).toBe('issue');
			seen.push(`${afterMs} ms: ${answer?.type ?? 'no answer'}, ${n ? 'approved' : 'not approved'}, retried: approved once`);
		}
		console.log(`[faults] actions killed: ${seen.join('; ')}`);
	});

	it('imports all or nothing when `npm run gis -- import` is killed in its transaction', async () => {
		const file = path.join(filesDir, '..', `faults-parcels-${process.pid}.geojson`);
		const features = Array.from({ length: 20_000 }, (_, i) => {
			const lon = 51.60 + (i % 200) * 0.0003;
			const lat = 32.60 + Math.floor(i / 200) * 0.0003;
			const ring = [[lon, lat], [lon + 0.0002, lat], [lon + 0.0002, lat + 0.0002], [lon, lat + 0.0002], [lon, lat]];
			return { type: 'Feature', properties: { renovation_code: `FAULT-${i}`, address: `نشانی آزمون خطا ${i}` }, geometry: { type: 'Polygon', coordinates: [ring] } };
		});
		fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
		const count = async () => (await db.query(`select count(*)::int as n, count(*) filter (where renovation_code like 'FAULT-%')::int as f from parcels`)).rows[0];
		const before = await count();
		try {
			const run = () =>
				spawn('npx', ['tsx', 'gis/cli.ts', 'import', file, '--layer', 'parcels'], {
					cwd: ROOT,
					env: { ...process.env, DATABASE_URL: database.url, PELAK_MODE: 'demo', PELAK_SAMPLE_CITY: '0' },
					stdio: ['ignore', 'pipe', 'pipe'],
					detached: true
				});
			const child = run();
			let output = '';
			child.stdout?.on('data', (d) => (output += d));
			child.stderr?.on('data', (d) => (output += d));
			const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
			// wait until the import holds its transaction open (a backend of ours in a transaction that is not this test's)
			let inTransaction = false;
			for (let i = 0; i < 600 && !inTransaction && child.exitCode === null; i++) {
				const { rows } = await db.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and query ilike '%parcels%'`);
				inTransaction = rows[0].n > 0;
				if (!inTransaction) await new Promise((r) => setTimeout(r, 100));
			}
			expect(inTransaction, `the import never opened its transaction:\n${output}`).toBe(true);
			process.kill(-child.pid!, 'SIGKILL');
			await exited;
			// PostgreSQL ends the dead client's transaction
			for (let i = 0; i < 100; i++) {
				const { rows } = await db.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and query ilike '%parcels%'`);
				if (rows[0].n === 0) break;
				await new Promise((r) => setTimeout(r, 200));
			}
			expect(await count()).toEqual(before);

			const again = run();
			const code = await new Promise<number | null>((r) => again.once('exit', (c) => r(c)));
			expect(code).toBe(0);
			expect(await count()).toEqual({ n: before.n + features.length, f: features.length });
		} finally {
			fs.rmSync(file, { force: true });
		}
	});

	it('answers again without a restart, losing no acknowledged filing, when PostgreSQL cuts every connection mid-traffic', async () => {
		const { disruptions, summary } = await fileThrough(async () => {
			let cuts = 0;
			for (let i = 0; i < 4; i++) {
				await new Promise((r) => setTimeout(r, 3000));
				// mid-traffic: once the app's pool holds connections again (bounded wait)
				for (let w = 0; w < 200 && (await appBackends()) === 0; w++) await new Promise((r) => setTimeout(r, 50));
				const { rows } = await db.query(
					`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and application_name = $1`,
					[APP_NAME]
				);
				cuts += rows[0].n;
			}
			return cuts;
		}, 'after the cuts');
		expect(disruptions, `no backend of the app to cut; ${summary}`).toBeGreaterThanOrEqual(4);
		console.log(`[faults] connections cut: ${disruptions} backends terminated; ${summary}`);
	});

	it('answers again without a restart of its own, losing no acknowledged filing, when PostgreSQL itself restarts mid-traffic', async () => {
		const { disruptions, summary } = await fileThrough(async () => {
			let restarts = 0;
			// as after a crash (recovery from the WAL), then a clean restart
			for (const mode of ['immediate', 'fast'] as const) {
				await new Promise((r) => setTimeout(r, 3000));
				for (let w = 0; w < 200 && (await appBackends().catch(() => 0)) === 0; w++) await new Promise((r) => setTimeout(r, 50));
				await cluster.restart(mode);
				await connectDb();
				restarts++;
			}
			await new Promise((r) => setTimeout(r, 2000));
			return restarts;
		}, 'after the restarts');
		expect(disruptions).toBe(2);
		console.log(`[faults] PostgreSQL restarted (immediate, then fast) under traffic; ${summary}`);
	});
});

/**
 * Four citizens file without pause while `disrupt` does its worst to PostgreSQL; then: the server
 * never crashed nor restarted; every acknowledged filing is there whole; one answered with an error
 * is whole or absent (a connection lost during COMMIT, or during the read after it, leaves the
 * server unsure whether it committed), and sent again with its key it exists exactly once; the app
 * still files, lists and keeps every document's file.
 */
async function fileThrough(disrupt: () => Promise<number>, tag: string): Promise<{ disruptions: number; summary: string }> {
	const acked: { shas: string[] }[] = [];
	const failed: { shas: string[]; status: number; heard: string; form: FormData; parcel: number }[] = [];
	let stop = false;
	const filer = async (n: number) => {
		const b = new Browser(() => server.url, `10.7.1.${n}`);
		b.cookie = citizen.cookie;
		b.freshConnections = true;
		for (let i = 0; !stop; i++) {
			const { form, shas } = filingForm(`${tag} ${n} ${i}`, 30_000);
			const parcel = parcels[(n * 7 + i) % parcels.length];
			let heard = 'no answer';
			const answer = await b.action(`/requests/new?parcel=${parcel}`, form).catch((e: Error & { cause?: { code?: string } }) => {
				heard = `no answer (${e.cause?.code ?? e.name})`;
				return null;
			});
			if (answer?.type === 'success') acked.push({ shas });
			else failed.push({ shas, status: answer?.http ?? 0, heard: answer ? `${answer.http} ${answer.type}` : heard, form, parcel });
		}
	};
	const disrupting = async () => {
		try {
			return await disrupt();
		} finally {
			stop = true;
		}
	};
	const [disruptions] = await Promise.all([disrupting(), ...[1, 2, 3, 4].map(filer)]);
	const statuses = [...new Set(failed.map((f) => f.heard))].join(', ');
	expect(acked.length, `filings acknowledged during the disruptions; failed with ${statuses}`).toBeGreaterThan(0);
	// what a citizen hears while the database is away: 503, send again (never a bare 500)
	expect(failed.filter((f) => f.status !== 503).map((f) => f.heard), 'answers other than 503 while PostgreSQL was away').toEqual([]);
	expect(server.child.exitCode, server.log().slice(-3000)).toBe(null); // never restarted, never crashed

	for (const a of acked) expect(await filingState(a.shas)).toBe('whole');
	let failedButThere = 0;
	for (const f of failed) if ((await filingState(f.shas)) === 'whole') failedButThere++;
	// each citizen who heard an error sends the same form again (its key): then it exists exactly once
	for (const f of failed) {
		const retried = await citizen.action(`/requests/new?parcel=${f.parcel}`, f.form);
		expect(retried.type, JSON.stringify(retried)).toBe('success');
		const { rows } = await db.query(`select count(*)::int as n, count(distinct case_id)::int as cases from documents where sha256 = any($1)`, [f.shas]);
		expect(rows[0]).toEqual({ n: f.shas.length, cases: 1 });
	}
	// and it answers again, on the same process
	const { form, shas } = filingForm(tag, 20_000);
	const after = await citizen.action(`/requests/new?parcel=${parcels[2]}`, form);
	expect(after.type).toBe('success');
	expect(await filingState(shas)).toBe('whole');
	expect((await citizen.get('/cases')).status).toBe(200);
	const store = await checkDocumentStore(db, filesDir);
	expect({ missing: store.missing, damaged: store.damaged }).toEqual({ missing: [], damaged: [] });
	const summary = `${acked.length} filings acknowledged, ${failed.length} refused or failed meanwhile (${statuses || 'none'}), of which ${failedButThere} committed whole all the same; every one sent again with its key exists exactly once`;
	return { disruptions, summary };
}
