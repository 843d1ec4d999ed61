/**
 * Idempotent writes (issue 7): a filing, a task answer or a workflow action sent again with the key
 * it was first sent with (its answer lost) answers the first result and writes nothing; the same
 * key with other content is refused; a concurrent double submit writes once. Both backends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, caseTableCounts, fixture, type CaseWorld } from '../factories/case-world';
import { actOnCase, answerTask, fileRequest, pruneIdempotencyKeys, type CaseView } from '../../src/lib/server/cases';
import type { DB } from '../../src/lib/server/db/schema';
import type { CaseAction } from '../../src/lib/server/workflows';
import { DomainError } from '../../src/lib/server/errors';

let database: TestDatabase;
let world: CaseWorld;
const documents = () => [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')];
const key = () => `k-${randomUUID()}`;

function filesIn(dir: string): number {
	let n = 0;
	const walk = (d: string) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : n++;
	};
	if (fs.existsSync(dir)) walk(dir);
	return n;
}

/** Every row a case write touches, the recorded keys, and the files on disk. */
async function counts(db: Kysely<DB>): Promise<Record<string, number>> {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from idempotency_keys`.execute(db);
	return { ...(await caseTableCounts(db)), idempotency_keys: rows[0].n, files: filesIn(world.filesDir) };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('a filing sent twice with one key', () => {
	let first: CaseView;
	const k1 = key();

	it('answers the first case to a retry and writes nothing again', async () => {
		const { db } = database;
		const filing = { parcelId: world.parcel6, requestType: 'building_permit_new', documents: documents(), idempotencyKey: k1 };
		first = await fileRequest(db, world.users.maryam, filing, world.ctx({ sender: null }));
		const after = await counts(db);
		expect(after.idempotency_keys).toBe(1);
		// the answer was lost; the same form is sent again (the parcel now has an open case, which
		// would refuse a new filing: the retry is answered before any such check)
		const again = await fileRequest(db, world.users.maryam, { ...filing, documents: documents() }, world.ctx({ sender: null }));
		expect(again.id).toBe(first.id);
		expect(again.trackingCode).toBe(first.trackingCode);
		expect(again.documents.map((d) => d.id)).toEqual(first.documents.map((d) => d.id));
		expect(await counts(db)).toEqual(after);
	});

	it('refuses the same key with other content (409, named in Persian and English), changing nothing', async () => {
		const { db } = database;
		const before = await counts(db);
		const err = await refusal(
			fileRequest(db, world.users.maryam, { parcelId: world.parcel6b, requestType: 'building_permit_new', documents: documents(), idempotencyKey: k1 }, world.ctx({ sender: null }))
		);
		expect(err).toMatchObject({ status: 409, code: 'idempotency_key_reused' });
		expect(err.messages.fa).toContain('کلید یکتایی');
		expect(err.messages.en).toContain('idempotency key was already used');
		// other files under the same key are other content too
		const withPhoto = [fixture('deed.pdf', 'deed'), fixture('site-photo.png', 'national_card')];
		await expect(
			fileRequest(db, world.users.maryam, { parcelId: world.parcel6, requestType: 'building_permit_new', documents: withPhoto, idempotencyKey: k1 }, world.ctx({ sender: null }))
		).rejects.toMatchObject({ status: 409, code: 'idempotency_key_reused' });
		expect(await counts(db)).toEqual(before);
	});

	it('keeps keys per user: another citizen’s same key is theirs alone', async () => {
		const { db } = database;
		const before = await counts(db);
		// Ali's filing under Maryam's key is a new filing of his (refused here only because the parcel has an open case)
		const err = await refusal(
			fileRequest(db, world.users.ali, { parcelId: world.parcel6, requestType: 'building_permit_new', documents: documents(), idempotencyKey: k1 }, world.ctx({ sender: null }))
		);
		expect(err.code).not.toBe('idempotency_key_reused');
		expect(await counts(db)).toEqual(before);
	});

	it('refuses a malformed key by name before anything is written', async () => {
		const { db } = database;
		const before = await counts(db);
		const err = await refusal(
			fileRequest(db, world.users.ali, { parcelId: world.parcel7, requestType: 'building_permit_new', documents: documents(), idempotencyKey: 'short' }, world.ctx({ sender: null }))
		);
		expect(err).toMatchObject({ status: 400, code: 'idempotency_key_invalid' });
		expect(err.messages.en).toContain('16 to 100 characters');
		expect(await counts(db)).toEqual(before);
	});

	it('writes exactly one case when the same filing is submitted twice at once', async () => {
		const { db } = database;
		const before = await counts(db);
		const k = key();
		const filing = () => fileRequest(db, world.users.ali, { parcelId: world.parcel7, requestType: 'building_permit_new', documents: documents(), idempotencyKey: k }, world.ctx({ sender: null }));
		const [a, b] = await Promise.all([filing(), filing()]);
		expect(a.id).toBe(b.id);
		const after = await counts(db);
		expect(after.cases).toBe(before.cases + 1);
		expect(after.documents).toBe(before.documents + 2);
		expect(after.idempotency_keys).toBe(before.idempotency_keys + 1);
		// the quota counted one filing
		expect(after.daily_filings).toBe(before.daily_filings + 1);
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases where applicant_user_id = ${world.users.ali.id}`.execute(db);
		expect(rows[0].n).toBe(1);
	});
});

describe('workflow actions and task answers sent twice with one key', () => {
	let caseId: number;
	let taskId: number;
	const filingKey = key();

	beforeAll(async () => {
		const { db } = database;
		const filed = await fileRequest(
			db,
			world.users.zahra,
			{ parcelId: world.parcel6b, requestType: 'building_permit_new', documents: documents(), idempotencyKey: filingKey },
			world.ctx({ sender: null })
		);
		caseId = filed.id;
	});

	it('an officer’s action retried (answer lost) acts once and answers the case as it stands', async () => {
		const { db } = database;
		const k = key();
		const action: CaseAction = { type: 'request_document', stepId: 'district_review', kinds: ['site_photos'], reason: 'عکس ملک را بفرستید.' };
		const first = await actOnCase(db, world.users.officer6, caseId, action, { idempotencyKey: k }, world.ctx({ sender: null }));
		const after = await counts(db);
		const again = await actOnCase(db, world.users.officer6, caseId, action, { idempotencyKey: k }, world.ctx({ sender: null }));
		expect(again.id).toBe(first.id);
		expect(again.tasks.map((t) => t.id)).toEqual(first.tasks.map((t) => t.id));
		expect(await counts(db)).toEqual(after);
		taskId = first.tasks.find((t) => t.status === 'open')!.id;
		// the same key for another action is refused
		await expect(
			actOnCase(db, world.users.officer6, caseId, { ...action, reason: 'دلیل دیگر' }, { idempotencyKey: k }, world.ctx({ sender: null }))
		).rejects.toMatchObject({ status: 409, code: 'idempotency_key_reused' });
		expect(await counts(db)).toEqual(after);
	});

	it('a task answer with its upload retried stores the document once; a filing’s key is refused here', async () => {
		const { db } = database;
		const k = key();
		const answer = () => ({ documents: [fixture('site-photo.png', 'site_photos')], note: 'عکس‌ها', idempotencyKey: k });
		const first = await answerTask(db, world.users.zahra, taskId, answer(), world.ctx({ sender: null }));
		const after = await counts(db);
		const again = await answerTask(db, world.users.zahra, taskId, answer(), world.ctx({ sender: null }));
		expect(again.id).toBe(first.id);
		expect(again.documents.map((d) => d.id)).toEqual(first.documents.map((d) => d.id));
		expect(await counts(db)).toEqual(after);
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from documents where task_id = ${taskId}`.execute(db);
		expect(rows[0].n).toBe(1);

		// the key of Zahra's filing sent with an answer: another write, refused by name
		const before = await counts(db);
		await expect(answerTask(db, world.users.zahra, taskId, { ...answer(), idempotencyKey: filingKey }, world.ctx({ sender: null }))).rejects.toMatchObject({
			status: 409,
			code: 'idempotency_key_reused'
		});
		expect(await counts(db)).toEqual(before);
	});
});


describe('old keys', () => {
	it('are pruned by age, and nothing else with them', async () => {
		const { db } = database;
		const before = await counts(db);
		expect(before.idempotency_keys).toBeGreaterThan(0);
		expect(await pruneIdempotencyKeys(db, new Date(Date.now() - 3600_000))).toBe(0);
		expect(await pruneIdempotencyKeys(db, new Date(Date.now() + 60_000))).toBe(before.idempotency_keys);
		expect(await counts(db)).toEqual({ ...before, idempotency_keys: 0 });
	});
});
