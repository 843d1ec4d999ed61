/**
 * After the load: every acknowledged write exists exactly once, nothing refused or failed exists,
 * and the document folder and the documents table agree byte for byte. Also used by the fault tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { sha256 } from './loadtest-harness';
import type { Acks } from './loadtest-record';

export interface Verification {
	ok: boolean;
	lines: string[];
}

function walk(dir: string, out: string[] = []): string[] {
	if (!fs.existsSync(dir)) return out;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else out.push(full);
	}
	return out;
}

/**
 * The document store against the documents table: every row's file is there with its SHA-256, and
 * every file (a half-written `.part` too) belongs to a row.
 */
export async function checkDocumentStore(db: pg.Pool | pg.Client, filesDir: string) {
	const { rows } = await db.query(`select id, sha256, storage_key from documents`);
	const keys = new Set<string>(rows.map((r) => r.storage_key));
	const missing: string[] = [];
	const damaged: string[] = [];
	for (const r of rows) {
		const file = path.join(filesDir, r.storage_key);
		if (!fs.existsSync(file)) missing.push(`document ${r.id}: ${r.storage_key}`);
		else if (sha256(fs.readFileSync(file)) !== r.sha256) damaged.push(`document ${r.id}: ${r.storage_key}`);
	}
	const orphans = walk(filesDir)
		.map((f) => path.relative(filesDir, f).split(path.sep).join('/'))
		.filter((k) => !keys.has(k));
	return { documents: rows.length, files: walk(filesDir).length, missing, damaged, orphans };
}

/** Case events out of time order (an event older than the one recorded before it on the same case). */
export async function eventsOutOfOrder(db: pg.Pool | pg.Client): Promise<number> {
	const { rows } = await db.query(`select count(*)::int as n from (
		select at < lag(at) over (partition by case_id order by id) as back from case_events) e where back`);
	return rows[0].n;
}

export async function verifyAcknowledged(
	db: pg.Pool,
	filesDir: string,
	acks: Acks,
	people: { nationalId: string }[],
	officerIds: Map<string, number>,
	/** the last case event before the load began: only later ones are the load's */
	eventsBefore = 0
): Promise<Verification> {
	const problems: string[] = [];
	const lines: string[] = [];

	// cases: each acknowledged filing once, as its filer's, with exactly the acknowledged documents
	const ids = people.map((p) => p.nationalId);
	const cases = (
		await db.query(
			`select c.id, c.tracking_code, u.national_id from cases c join users u on u.id = c.applicant_user_id where u.national_id = any($1)`,
			[ids]
		)
	).rows;
	const byCode = new Map<string, { id: number; national_id: string }[]>();
	for (const c of cases) byCode.set(c.tracking_code, [...(byCode.get(c.tracking_code) ?? []), { id: Number(c.id), national_id: c.national_id }]);
	const docs = (await db.query(`select d.case_id, d.kind, d.sha256, d.task_id from documents d join cases c on c.id = d.case_id join users u on u.id = c.applicant_user_id where u.national_id = any($1)`, [ids])).rows;
	const docsByCase = new Map<number, { kind: string; sha256: string; task_id: number | null }[]>();
	for (const d of docs) docsByCase.set(Number(d.case_id), [...(docsByCase.get(Number(d.case_id)) ?? []), d]);
	for (const f of acks.filings) {
		const found = byCode.get(f.trackingCode) ?? [];
		if (found.length !== 1 || found[0].id !== f.caseId || found[0].national_id !== f.nationalId) {
			problems.push(`filing ${f.trackingCode}: ${found.length} cases (expected 1, id ${f.caseId})`);
			continue;
		}
		const filed = (docsByCase.get(f.caseId) ?? []).filter((d) => d.task_id === null);
		for (const d of f.docs) {
			const n = filed.filter((x) => x.sha256 === d.sha && x.kind === d.kind).length;
			if (n !== 1) problems.push(`filing ${f.trackingCode}: document ${d.kind} found ${n} times`);
		}
		if (filed.length !== f.docs.length) problems.push(`filing ${f.trackingCode}: ${filed.length} documents, ${f.docs.length} uploaded`);
	}
	const unexpectedCases = cases.length - acks.filings.length;
	const uncertainFilings = acks.unacknowledged.filter((u) => u.what === 'filing' && u.uncertain).length;
	if (unexpectedCases > uncertainFilings) problems.push(`${unexpectedCases} cases exist that no answer acknowledged (only ${uncertainFilings} filings went unanswered)`);

	// a filing the client gave up on (no answer) exists whole or not at all
	for (const u of acks.unacknowledged.filter((x) => x.uncertain && x.shas.length > 1)) {
		const { rows } = await db.query(`select count(*)::int as n, count(distinct case_id)::int as cases from documents where sha256 = any($1)`, [u.shas]);
		if (rows[0].n !== 0 && (rows[0].n !== u.shas.length || rows[0].cases !== 1)) problems.push(`an unanswered ${u.what} exists in part: ${rows[0].n} of ${u.shas.length} documents`);
	}

	// nothing a refused or failed write carried exists
	const refusedShas = acks.unacknowledged.filter((u) => !u.uncertain).flatMap((u) => u.shas);
	if (refusedShas.length) {
		const { rows } = await db.query(`select count(*)::int as n from documents where sha256 = any($1)`, [refusedShas]);
		if (rows[0].n > 0) problems.push(`${rows[0].n} documents of refused or failed writes exist`);
	}

	// exactly once, retries included: every upload an acknowledged write carried is stored once (the
	// harness's PDFs are unique, so a second copy could only come from a write done twice)
	const ackedShas = [...acks.filings.flatMap((f) => f.docs.map((d) => d.sha)), ...acks.taskAnswers.map((t) => t.sha)];
	const copies = new Map<string, number>();
	for (const r of (await db.query(`select sha256, count(*)::int as n from documents where sha256 = any($1) group by sha256`, [ackedShas])).rows) copies.set(r.sha256, r.n);
	const notOnce = ackedShas.filter((sha) => copies.get(sha) !== 1);
	if (notOnce.length) problems.push(`${notOnce.length} acknowledged uploads not stored exactly once (e.g. ${notOnce.slice(0, 3).map((sha) => `${sha.slice(0, 12)}… ×${copies.get(sha) ?? 0}`).join(', ')})`);
	const retriedAcked = acks.retried.filter((r) => r.acknowledged);

	// claims, actions and task answers: as many events as acknowledgements, per case, user and action
	const officers = [...officerIds.values()];
	const events = (
		// recorded during the load (the sample city's own history has the demo officers' actions too)
		await db.query(`select case_id, actor_user_id, action, count(*)::int as n from case_events where actor_user_id = any($1) and id > $2 group by 1, 2, 3`, [
			officers,
			eventsBefore
		])
	).rows;
	const counted = new Map<string, number>();
	for (const e of events) counted.set(`${e.case_id}:${e.actor_user_id}:${e.action}`, e.n);
	const acked = new Map<string, number>();
	for (const c of acks.claims) acked.set(`${c.caseId}:${c.userId}:claim`, (acked.get(`${c.caseId}:${c.userId}:claim`) ?? 0) + 1);
	for (const a of acks.acts) acked.set(`${a.caseId}:${a.userId}:${a.type}`, (acked.get(`${a.caseId}:${a.userId}:${a.type}`) ?? 0) + 1);
	for (const [key, n] of acked) if (counted.get(key) !== n) problems.push(`events ${key}: ${counted.get(key) ?? 0} recorded, ${n} acknowledged`);
	// an action whose answer never came (nor its retry's) may have happened once
	const unsure = new Set(acks.unacknowledged.filter((u) => u.uncertain && u.event).map((u) => u.event!));
	for (const [key, n] of counted) {
		if (!/:(claim|approve|request_document)$/.test(key) || acked.has(key)) continue;
		if (unsure.has(key) && n === 1) continue;
		problems.push(`events ${key}: ${n} recorded, none acknowledged`);
	}
	const doubleClaims = (
		await db.query(`select case_id from case_events where action = 'claim' and actor_user_id = any($1) group by case_id, from_step having count(*) > 1`, [officers])
	).rows.length;
	for (const t of acks.taskAnswers) {
		const n = (docsByCase.get(t.caseId) ?? []).filter((d) => d.sha256 === t.sha && Number(d.task_id) === t.taskId).length;
		if (n !== 1) problems.push(`task ${t.taskId}: its answer's document found ${n} times`);
		const { rows } = await db.query(`select status from case_tasks where id = $1`, [t.taskId]);
		if (rows[0]?.status === 'open') problems.push(`task ${t.taskId}: answered (acknowledged) but still open`);
	}

	const order = await eventsOutOfOrder(db);
	if (order > 0) problems.push(`${order} case events out of time order`);
	const store = await checkDocumentStore(db, filesDir);
	if (store.missing.length) problems.push(`${store.missing.length} documents without their file: ${store.missing.slice(0, 3).join('; ')}`);
	if (store.damaged.length) problems.push(`${store.damaged.length} files not matching their SHA-256`);
	if (store.orphans.length) problems.push(`${store.orphans.length} files no document refers to: ${store.orphans.slice(0, 3).join('; ')}`);

	lines.push(
		'Verification:',
		`- ${acks.filings.length} acknowledged filings → ${cases.length} cases of the load's citizens (${uncertainFilings} filings went unanswered)`,
		`- ${acks.filings.reduce((n, f) => n + f.docs.length, 0) + acks.taskAnswers.length} acknowledged uploads; ${store.documents} document rows, ${store.files} files on disk, ${store.missing.length} missing, ${store.damaged.length} damaged, ${store.orphans.length} orphaned`,
		`- ${acks.claims.length} acknowledged claims, ${acks.acts.length} acknowledged actions, ${acks.taskAnswers.length} acknowledged task answers; ${doubleClaims} steps claimed twice; ${order} events out of order`,
		`- ${acks.unacknowledged.length} refused or failed writes (${refusedShas.length} uploads they carried: none may exist)`,
		`- ${acks.retried.length} writes sent again with the same key after a lost answer (${acks.retried.filter((r) => r.what === 'filing').length} filings, ${acks.retried.filter((r) => r.what === 'task answer').length} task answers, ${acks.retried.filter((r) => r.what.startsWith('act')).length} actions), ${retriedAcked.length} acknowledged then; ${ackedShas.length - notOnce.length} of ${ackedShas.length} acknowledged uploads stored exactly once`,
		problems.length ? `- PROBLEMS (${problems.length}):\n${problems.slice(0, 30).map((p) => `  - ${p}`).join('\n')}` : '- every acknowledged write exists exactly once; nothing refused exists: PASS'
	);
	return { ok: problems.length === 0, lines };
}
