/**
 * `npm run loadtest`: a benchmark, not a test. Loopback only and bounded in time.
 *
 * Against real PostgreSQL (a fresh database on the server DATABASE_URL or PELAK_TEST_PG names,
 * default postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards), it starts the built
 * server (LOADTEST_INSTANCES of them on one database and one document folder, default 2), signs in
 * LOADTEST_CITIZENS citizens (default 200) through the real OTP flow and LOADTEST_OFFICERS district
 * officers (default 20; the demo's officer.d1…d15 plus officers the admin creates through /admin),
 * and for LOADTEST_SECONDS (default 180) lets the citizens file requests with three uploads each and
 * answer the officers' document requests, while the officers claim and act on their cartables.
 * Every request goes to a random instance (no sticky sessions).
 *
 * Then it checks that every acknowledged write exists exactly once (cases, documents in the
 * database and on disk with the uploaded bytes' SHA-256, claims, actions and task answers as case
 * events, events in time order), that nothing a refused or failed request carried exists, and
 * that the document folder holds no orphan and misses no file; it prints throughput and p50/p95/p99
 * per operation (LOADTEST_REPORT=<file> also writes them as Markdown).
 *
 * Citizens file notary inquiries (no ownership needed) on any parcel and new building permits
 * (ownership needed, issue 7) on parcels a loopback stand-in for the deeds registry (the documented
 * PELAK_DEEDS_REGISTRY_URL interface) says they own. Every write sends the idempotency key of the
 * form as the page rendered it; LOADTEST_DROP (default 0.05) of the filings, task answers and
 * officers' actions have their answer dropped by the harness after a random moment (as a phone's
 * network drops), and every write that got no answer is sent once more with the same key: the
 * verification then proves each exists exactly once.
 *
 * Citizens are checked against a loopback stand-in for the operator registry (the documented
 * PELAK_IDENTITY_REGISTRY_URL interface) that confirms the harness's own people, read their code
 * from the demo's sandbox SMS outbox as a phone would show it, and reach the app through the harness
 * acting as the trusted proxy (ADDRESS_HEADER=x-forwarded-for), each with its own address. No
 * shortcut into the app: every write goes through its pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
	Browser,
	caseIdsIn,
	createDatabase,
	nationalId,
	newestCode,
	plateOwnerIndex,
	startDeedsRegistry,
	startRegistry,
	startServer,
	uniquePdf,
	sha256,
	type ActionAnswer,
	type Server
} from './loadtest-harness';
import { Recorder, type Acks } from './loadtest-record';
import { verifyAcknowledged } from './loadtest-verify';

const SECONDS = Number(process.env.LOADTEST_SECONDS ?? 180);
const CITIZENS = Number(process.env.LOADTEST_CITIZENS ?? 200);
const OFFICERS = Number(process.env.LOADTEST_OFFICERS ?? 20);
const INSTANCES = Number(process.env.LOADTEST_INSTANCES ?? 2);
const PARCELS = Number(process.env.LOADTEST_PARCELS ?? 2000);
/** The share of writes whose answer the harness drops (then sends again with the same key). */
const DROP = Number(process.env.LOADTEST_DROP ?? 0.05);
/** The share of a citizen's filings that are building permits on a parcel they own. */
const PERMITS = Number(process.env.LOADTEST_PERMITS ?? 0.4);
const BASE = process.env.DATABASE_URL || process.env.PELAK_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_PASSWORD = 'pelak-demo';
const OFFICER_PASSWORD = 'load-officer-password-1404';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];

async function main() {
	const started = Date.now();
	const db = await createDatabase(BASE);
	const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-load-files-'));
	const servers: Server[] = [];
	let registry: { url: string; close(): Promise<void> } | null = null;
	let deeds: { url: string; close(): Promise<void> } | null = null;
	const people = Array.from({ length: CITIZENS }, (_, i) => ({
		nationalId: nationalId(String(700000000 + i)),
		mobile: `0935${String(1000000 + i).padStart(7, '0')}`,
		address: `10.${1 + Math.floor(i / 250)}.${i % 250}.${1 + (i % 7)}`
	}));
	const pool = new pg.Pool({ connectionString: db.url, max: 4 });
	const rec = new Recorder();
	try {
		registry = await startRegistry(people);
		deeds = await startDeedsRegistry(people.map((p) => p.nationalId));
		const env = {
			DATABASE_URL: db.url,
			PELAK_DEEDS_REGISTRY_URL: deeds.url,
			PELAK_MODE: 'demo',
			PELAK_SAMPLE_CITY: String(PARCELS),
			PELAK_FILES_DIR: filesDir,
			PELAK_IDENTITY_REGISTRY_URL: registry.url,
			PELAK_SMS_PER_NUMBER_DAILY_CAP: '1000',
			// the harness's citizens file many times a day; the per-user quotas are tested elsewhere
			PELAK_DAILY_FILINGS: '100000',
			PELAK_DAILY_UPLOAD_MB: '100000'
		};
		console.log(`[loadtest] database ${db.name}, ${INSTANCES} instance(s), sample city of ${PARCELS} parcels…`);
		servers.push(await startServer(env)); // loads the sample city and the demo accounts
		for (let i = 1; i < INSTANCES; i++) servers.push(await startServer(env));
		const base = () => pick(servers).url;
		console.log(`[loadtest] up after ${((Date.now() - started) / 1000).toFixed(0)} s: ${servers.map((s) => s.url).join(' ')}`);

		const parcelRows = (await pool.query(`select p.id, p.registration_plate from parcels p where p.district_id is not null order by p.id`)).rows;
		const parcels = parcelRows.map((r) => Number(r.id));
		// each citizen's own parcels, as the deeds stand-in has them
		const owned = people.map(() => [] as number[]);
		for (const r of parcelRows) if (r.registration_plate) owned[plateOwnerIndex(String(r.registration_plate).trim(), CITIZENS)].push(Number(r.id));
		const districts = (await pool.query(`select id, code from districts order by id`)).rows as { id: number; code: string }[];

		// officers: the demo's one per district, then more made by the admin through /admin
		const officerNames = districts.map((d) => `officer.d${d.code.replace(/\D/g, '').replace(/^0+(?=\d)/, '') || d.id}`).slice(0, OFFICERS);
		const admin = new Browser(base, '10.9.0.1');
		await expectOk(await admin.signInStaff('admin', DEMO_PASSWORD), 'admin sign-in');
		for (let i = officerNames.length; i < OFFICERS; i++) {
			const username = `load.officer${i}`;
			const district = districts[i % districts.length];
			await expectOk(await admin.action('/admin?/createStaff', new URLSearchParams({ username, displayName: `کارشناس بار ${i} (نمونه)`, password: 'initial-password-1404' })), 'createStaff');
			const { rows } = await pool.query(`select id from users where username = $1`, [username]);
			await expectOk(await admin.action('/admin?/grant', new URLSearchParams({ userId: String(rows[0].id), role: 'district_officer', districtId: String(district.id) })), 'grant');
			const first = new Browser(base, `10.9.1.${i}`);
			await first.signInStaff(username, 'initial-password-1404');
			await expectOk(await first.action('/account/password', new URLSearchParams({ current: 'initial-password-1404', next: OFFICER_PASSWORD, confirm: OFFICER_PASSWORD })), 'password change');
			officerNames.push(username);
		}
		const officerIds = new Map<string, number>();
		for (const name of officerNames) officerIds.set(name, Number((await pool.query(`select id from users where username = $1`, [name])).rows[0].id));


		const eventsBefore = Number((await pool.query(`select coalesce(max(id), 0) as id from case_events`)).rows[0].id);
		const deadline = Date.now() + SECONDS * 1000;
		console.log(`[loadtest] ${CITIZENS} citizens and ${officerNames.length} officers for ${SECONDS} s…`);
		const loadStart = Date.now();
		// citizens arrive over the first 60 % of the run
		await Promise.all([
			...people.map((p, i) => citizen(rec, base, pool, p, parcels, owned[i], deadline, (i / CITIZENS) * SECONDS * 600)),
			...officerNames.map((name, i) =>
				officer(rec, base, name, officerIds.get(name)!, name.startsWith('load.') ? OFFICER_PASSWORD : DEMO_PASSWORD, `10.8.0.${i + 1}`, deadline)
			)
		]);
		const loadSeconds = (Date.now() - loadStart) / 1000;
		console.log(`[loadtest] load done after ${loadSeconds.toFixed(0)} s; verifying…`);

		const verification = await verifyAcknowledged(pool, filesDir, rec.acks, people, officerIds, eventsBefore);
		const report = rec.report(loadSeconds, {
			instances: INSTANCES,
			citizens: CITIZENS,
			officers: officerNames.length,
			parcels: PARCELS,
			drop: DROP,
			cpus: os.cpus().length,
			load: os.loadavg()[0]
		});
		const text = `${report}\n\n${verification.lines.join('\n')}\n`;
		console.log('\n' + text);
		if (process.env.LOADTEST_REPORT) fs.writeFileSync(process.env.LOADTEST_REPORT, text);
		const serverErrors = rec.serverErrors();
		if (!verification.ok || serverErrors > 0) {
			console.error(`[loadtest] FAILED the bar: ${serverErrors} 5xx answers or dropped connections, verification ${verification.ok ? 'passed' : 'FAILED'}`);
			for (const s of servers) if (/error/i.test(s.log())) console.error(s.log().split('\n').filter((l) => /error/i.test(l)).slice(-20).join('\n'));
			process.exitCode = 1;
		}
	} finally {
		for (const s of servers) await s.stop();
		await pool.end();
		await registry?.close();
		await deeds?.close();
		if (process.env.LOADTEST_KEEP !== '1') {
			await db.drop();
			fs.rmSync(filesDir, { recursive: true, force: true });
		} else console.log(`[loadtest] kept database ${db.url} and files ${filesDir}`);
	}
}

async function expectOk(answer: ActionAnswer, what: string) {
	if (answer.type !== 'success' && answer.type !== 'redirect') throw new Error(`${what} failed: ${JSON.stringify(answer)}`);
}

type Person = { nationalId: string; mobile: string; address: string };

/** The idempotency key of the form the page rendered (a browser sends it back with the form). */
function formKey(html: string | undefined): string | null {
	return /name="idempotencyKey" value="([^"]+)"/.exec(html ?? '')?.[1] ?? null;
}

/** Whether the filing page offers this request type (its radio is not disabled). */
function offered(html: string | undefined, type: string): boolean {
	const input = new RegExp(`<input[^>]*value="${type}"[^>]*>`).exec(html ?? '')?.[0];
	return !!input && !/\sdisabled/.test(input);
}

/**
 * Sends a write as a browser would, with the key its page rendered: LOADTEST_DROP of them lose
 * their answer (the harness stops listening at a random moment), and a write that got no answer
 * at all (dropped, a network error, a timeout) is sent once more with the same form and key.
 */
async function sendWrite(rec: Recorder, op: string, b: Browser, path: string, form: FormData | URLSearchParams): Promise<{ answer: ActionAnswer; retried: boolean }> {
	const dropAfterMs = Math.random() < DROP ? between(20, 1500) : undefined;
	const first = await rec.time(op, () => b.action(path, form, { dropAfterMs }));
	if (!(first.type === 'unknown' && first.http === 0)) return { answer: first, retried: false };
	return { answer: await rec.time(`${op} (sent again, same key)`, () => b.action(path, form)), retried: true };
}

const noAnswer = (a: ActionAnswer) => a.type === 'unknown' && a.http === 0;

async function citizen(rec: Recorder, base: () => string, pool: pg.Pool, person: Person, parcels: number[], owned: number[], deadline: number, delay: number) {
	await sleep(delay);
	const b = new Browser(base, person.address);
	let signedIn = await rec.time('sign in (code + verify)', () => b.signInCitizen(person, (m) => newestCode(pool, m)));
	for (let attempt = 1; attempt < 3 && signedIn.type !== 'redirect' && Date.now() < deadline - 10_000; attempt++) {
		await sleep(between(5000, 10000)); // tries again, as a person would
		signedIn = await rec.time('sign in (code + verify)', () => b.signInCitizen(person, (m) => newestCode(pool, m)));
	}
	if (signedIn.type !== 'redirect') return;
	const myCases: number[] = [];
	const permitted = new Set<number>(); // own parcels with a permit filed (a second is refused)
	while (Date.now() < deadline - 2000) {
		const roll = Math.random();
		if (roll < 0.45 || myCases.length === 0) {
			const own = owned.filter((p) => !permitted.has(p));
			const wantsPermit = own.length > 0 && Math.random() < PERMITS;
			const parcel = wantsPermit ? pick(own) : pick(parcels);
			await rec.time('parcel page', () => b.get(`/parcels/${parcel}`));
			const page = await rec.time('filing form', () => b.get(`/requests/new?parcel=${parcel}`));
			const key = formKey(page.text);
			// an owned parcel the page offers no new permit on (capacity, an open permit) gets an inquiry instead
			const permit = wantsPermit && offered(page.text, 'building_permit_new');
			if (wantsPermit) permitted.add(parcel);
			const docs = [
				{ kind: 'deed', bytes: uniquePdf(`deed ${person.nationalId}`, Math.round(between(20_000, 400_000))) },
				{ kind: 'national_card', bytes: uniquePdf(`card ${person.nationalId}`, 30_000) },
				permit
					? { kind: 'engineering_drawings', bytes: uniquePdf(`drawings ${person.nationalId}`, 120_000) }
					: { kind: 'notary_letter', bytes: uniquePdf(`letter ${person.nationalId}`, 60_000) }
			];
			const form = new FormData();
			form.set('requestType', permit ? 'building_permit_new' : 'notary_inquiry');
			if (key) form.set('idempotencyKey', key);
			for (const d of docs) form.set(`doc:${d.kind}`, new File([d.bytes], `${d.kind}.pdf`, { type: 'application/pdf' }));
			const shas = docs.map((d) => ({ kind: d.kind, sha: sha256(d.bytes) }));
			const op = permit ? 'file building permit (3 uploads)' : 'file notary inquiry (3 uploads)';
			const { answer, retried } = await sendWrite(rec, op, b, `/requests/new?parcel=${parcel}`, form);
			const filed = answer.type === 'success' ? (answer.data?.filed as { id: number; trackingCode: string } | undefined) : undefined;
			if (retried) rec.acks.retried.push({ what: 'filing', shas: shas.map((x) => x.sha), acknowledged: !!filed });
			if (filed) {
				rec.acks.filings.push({ nationalId: person.nationalId, caseId: filed.id, trackingCode: filed.trackingCode, docs: shas });
				myCases.push(filed.id);
			} else rec.acks.unacknowledged.push({ what: 'filing', status: answer.status, shas: shas.map((x) => x.sha), uncertain: noAnswer(answer) });
		} else if (roll < 0.7) {
			await rec.time('my cases', () => b.get('/cases'));
		} else {
			const caseId = pick(myCases);
			const page = await rec.time('case page', () => b.get(`/cases/${caseId}`));
			const task = /name="taskId" value="(\d+)"/.exec(page.text ?? '');
			if (task) {
				const kind = /name="doc:([a-z_]+)"/.exec(page.text ?? '')?.[1] ?? 'engineering_drawings';
				const bytes = uniquePdf(`${kind} ${person.nationalId}`, 80_000);
				const form = new FormData();
				form.set('taskId', task[1]);
				const key = formKey(page.text);
				if (key) form.set('idempotencyKey', key);
				form.set(`doc:${kind}`, new File([bytes], `${kind}.pdf`, { type: 'application/pdf' }));
				const { answer, retried } = await sendWrite(rec, 'answer task (1 upload)', b, `/cases/${caseId}?/answerTask`, form);
				if (retried) rec.acks.retried.push({ what: 'task answer', shas: [sha256(bytes)], acknowledged: answer.type === 'success' });
				if (answer.type === 'success') rec.acks.taskAnswers.push({ caseId, taskId: Number(task[1]), sha: sha256(bytes) });
				else rec.acks.unacknowledged.push({ what: 'task answer', status: answer.status, shas: [sha256(bytes)], uncertain: noAnswer(answer) });
			}
		}
		await sleep(between(5000, 15000)); // a person reads, fills in, scans the next paper
	}
}

/** The form of one action on a case page (`data-action="…"` up to its `</form>`). */
function actionForm(html: string, type: string): string | null {
	const at = html.indexOf(`data-action="${type}"`);
	if (at < 0) return null;
	const end = html.indexOf('</form>', at);
	return html.slice(at, end < 0 ? undefined : end);
}

async function officer(rec: Recorder, base: () => string, username: string, userId: number, password: string, address: string, deadline: number) {
	const b = new Browser(base, address);
	let signedIn = await rec.time('staff sign in', () => b.signInStaff(username, password));
	for (let attempt = 1; attempt < 3 && signedIn.type !== 'redirect' && Date.now() < deadline - 10_000; attempt++) {
		await sleep(between(3000, 6000));
		signedIn = await rec.time('staff sign in', () => b.signInStaff(username, password));
	}
	if (signedIn.type !== 'redirect') {
		console.error(`[loadtest] ${username} could not sign in: ${JSON.stringify(signedIn)}`);
		return;
	}
	while (Date.now() < deadline - 2000) {
		const list = await rec.time('cartable', () => b.get('/cartable?tab=unassigned'));
		const ids = caseIdsIn(list.text ?? '');
		if (ids.length === 0) {
			await sleep(between(1000, 3000));
			continue;
		}
		const caseId = pick(ids.slice(0, 10));
		const claim = await rec.time('claim', () => b.action('/cartable?/claim', new URLSearchParams({ caseId: String(caseId) })));
		if (claim.type !== 'success') {
			await sleep(between(500, 1500));
			continue;
		}
		rec.acks.claims.push({ userId, caseId });
		const page = await rec.time('case page (staff)', () => b.get(`/cases/${caseId}`));
		const html = page.text ?? '';
		const step = /name="stepId" value="([^"]+)"/.exec(html)?.[1];
		if (step) {
			await sleep(between(500, 2000)); // reading the file
			const approveForm = actionForm(html, 'approve');
			const requestForm = actionForm(html, 'request_document');
			const approve = approveForm !== null && (requestForm === null || Math.random() < 0.6);
			const form = new URLSearchParams({ stepId: step });
			const key = formKey(html);
			if (key) form.set('idempotencyKey', key);
			if (approve) {
				form.set('type', 'approve');
				// the next step as the form offers it: the answer when it can be given now, else the first
				const targets = [...approveForm!.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
				if (targets.length) form.set('to', targets.includes('issue') ? 'issue' : targets[0]);
			} else if (requestForm !== null) {
				const kinds = [...requestForm.matchAll(/name="kinds" value="([^"]+)"/g)].map((m) => m[1]);
				form.set('type', 'request_document');
				form.set('kinds', kinds.includes('engineering_drawings') ? 'engineering_drawings' : (kinds[0] ?? 'engineering_drawings'));
				form.set('reason', 'مدرک خواسته‌شده را بارگذاری کنید (آزمون بار).');
			} else continue;
			const type = approve ? 'approve' : 'request_document';
			const { answer, retried } = await sendWrite(rec, `act: ${approve ? 'approve' : 'request document'}`, b, `/cases/${caseId}?/act`, form);
			if (retried) rec.acks.retried.push({ what: `act ${type}`, shas: [], acknowledged: answer.type === 'success' });
			if (answer.type === 'success') rec.acks.acts.push({ userId, caseId, type });
			else
				rec.acks.unacknowledged.push({
					what: `act ${answer.data?.code ?? ''}`,
					status: answer.status,
					shas: [],
					uncertain: noAnswer(answer),
					event: `${caseId}:${userId}:${type}`
				});
		}
		await sleep(between(1000, 3000));
	}
}

export type { Acks };

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
