/**
 * Issued documents and their public verification (issue 8, §6): issue → /verify shows it valid;
 * suspend, revoke and supersede show live with no personal data; a forged code is a 404 page and
 * `{ valid: false }`; the PDF's QR code opens the verify URL; only those who see the case download it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, FIXTURES, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { routeEvent, thrown } from '../route-event';
import { fileRequest, type CaseView } from '../../src/lib/server/cases';
import { changeIssuedStatus, issueDocument, issuedDocumentHistory, supersedeIssuedDocument, type IssueInput } from '../../src/lib/server/issued-documents';
import { EXAMPLE_DOCUMENTS } from '../../src/lib/server/pdf/official-document.examples';
import { footerQr } from '../../src/lib/server/pdf/pdf-reading.test-support';
import * as verifyPage from '../../src/routes/verify/[code]/+page.server';
import { GET as verifyJson } from '../../src/routes/verify/[code].json/+server';
import { GET as downloadIssued } from '../../src/routes/documents/issued/[id=id].pdf/+server';

const ORIGIN = 'https://pelak.example.ir';
let database: TestDatabase;
let world: CaseWorld;
let permitCase: CaseView;

const permitContent = (owner: string): IssueInput['content'] => {
	const { issuer, title, titleEn, sections } = EXAMPLE_DOCUMENTS.building_permit;
	return { issuer, title, titleEn, sections: [{ kind: 'facts', rows: [{ label: 'مالک', value: owner }] }, ...sections.slice(1)] };
};

async function issuePermit() {
	return issueDocument(
		database.db,
		{ kind: 'building_permit', caseId: permitCase.id, issuedBy: world.users.officer6.id, content: permitContent('مریم نمونه') },
		{ now: SUNDAY_MORNING, origin: ORIGIN, watermark: null }
	);
}

const event = (p: string, input: Parameters<typeof routeEvent>[2] = {}) => routeEvent(database, p, input);
const page = (code: string) => verifyPage.load(event(`/verify/${code}`, { params: { code } })) as Promise<{ document: Record<string, unknown> }>;
async function json(code: string) {
	const res = await verifyJson(event(`/verify/${code}.json`, { params: { code } }));
	return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	const file = (name: string, kind: string) => ({ kind, name, bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) });
	permitCase = await fileRequest(
		database.db,
		world.users.maryam,
		{ parcelId: world.parcel6, requestType: 'building_permit_new', documents: [file('deed.pdf', 'deed'), file('jpeg-photo.jpg', 'national_card')] },
		world.ctx({ sender: null })
	);
});

afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('issuing', () => {
	it('numbers by kind and Jalali year, and gives each an unguessable code', async () => {
		const a = await issuePermit();
		const b = await issuePermit();
		expect(a.number).toMatch(/^BP-1404-\d{6}$/); // 4 May 2025 is in 1404
		expect(Number(b.number.slice(-6))).toBe(Number(a.number.slice(-6)) + 1);
		expect(a.verificationCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
		expect(a.verificationCode).not.toBe(b.verificationCode);
		expect(a.verifyUrl).toBe(`${ORIGIN}/verify/${a.verificationCode}`);
	});

	it("prints a QR code that opens the document's verify URL", async () => {
		const issued = await issuePermit();
		expect(footerQr(issued.pdf)).toBe(`${ORIGIN}/verify/${issued.verificationCode}`);
	});

	it('refuses any change to what was issued, and any delete (only the status may change)', async () => {
		const issued = await issuePermit();
		await expect(sql`update issued_documents set number = 'BP-1404-999999' where id = ${issued.id}`.execute(database.db)).rejects.toThrow(/only the status/);
		await expect(sql`delete from issued_documents where id = ${issued.id}`.execute(database.db)).rejects.toThrow(/append-only/);
	});
});

describe('public verification', () => {
	it('shows a freshly issued permit as valid: kind, number, renovation code, issue date', async () => {
		const issued = await issuePermit();
		const { document } = await page(issued.verificationCode);
		expect(document).toMatchObject({ valid: true, status: 'valid', kind: 'building_permit', number: issued.number, renovation_code: '6-101-1', issued_on: '2025-05-04' });
		const { status, body } = await json(issued.verificationCode.toLowerCase()); // a code typed in lower case still verifies
		expect(status).toBe(200);
		expect(body).toEqual(document);
	});

	it('shows a revoked permit as revoked, with no personal data and not the reason', async () => {
		const issued = await issuePermit();
		await changeIssuedStatus(database.db, world.users.officer6, issued.id, { to: 'revoked', reason: 'ابطال به درخواست مریم نمونه' }, SUNDAY_MORNING);
		const { body } = await json(issued.verificationCode);
		expect(body).toMatchObject({ valid: false, status: 'revoked', status_changed_on: '2025-05-04' });
		const text = JSON.stringify(body) + JSON.stringify((await page(issued.verificationCode)).document);
		expect(text).not.toMatch(/مریم|ابطال|09120000001|0010000011/);
		expect(Object.keys(body).sort()).toEqual(['issued_on', 'kind', 'number', 'renovation_code', 'status', 'status_changed_on', 'superseded_by', 'valid']);
	});

	it('answers a forged or unknown code with a 404 page and { valid: false }', async () => {
		for (const code of ['ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', 'K7Q2-9XF4', '<script>']) {
			const err = await thrown(() => page(code));
			expect(isHttpError(err) && err.status).toBe(404);
			expect((err as { body: { code: string; message: string } }).body).toMatchObject({ code: 'document_not_issued', message: expect.stringContaining('صادر نکرده') });
			expect(await json(code)).toEqual({ status: 404, body: { valid: false, status: 'not_issued' } });
		}
	});

	it('shows suspension live, reinstatement, and supersession pointing at the replacement', async () => {
		const old = await issuePermit();
		await changeIssuedStatus(database.db, world.users.officer6, old.id, { to: 'suspended', reason: 'بررسی شکایت' }, SUNDAY_MORNING);
		expect((await json(old.verificationCode)).body.status).toBe('suspended');
		await changeIssuedStatus(database.db, world.users.officer6, old.id, { to: 'valid', reason: 'شکایت رد شد' }, SUNDAY_MORNING);
		const amended = await issuePermit();
		await supersedeIssuedDocument(database.db, world.users.officer6, old.id, amended.id, 'پروانهٔ اصلاحی', SUNDAY_MORNING);
		expect((await json(old.verificationCode)).body).toMatchObject({ valid: false, status: 'superseded', superseded_by: { number: amended.number, code: amended.verificationCode } });
		const history = await issuedDocumentHistory(database.db, old.id);
		expect(history.map((h) => [h.from_status, h.to_status])).toEqual([[null, 'valid'], ['valid', 'suspended'], ['suspended', 'valid'], ['valid', 'superseded']]);
		expect(history.every((h) => h.from_status === null || h.actor_user_id === world.users.officer6.id)).toBe(true);
	});

	it('refuses a status change without a reason, from the final states, or by anyone but staff of the case', async () => {
		const issued = await issuePermit();
		await expect(changeIssuedStatus(database.db, world.users.officer6, issued.id, { to: 'revoked', reason: '  ' })).rejects.toMatchObject({ code: 'status_reason_required' });
		await expect(changeIssuedStatus(database.db, world.users.maryam, issued.id, { to: 'revoked', reason: 'x' })).rejects.toMatchObject({ code: 'issued_document_staff_only' });
		await expect(changeIssuedStatus(database.db, world.users.officer7, issued.id, { to: 'revoked', reason: 'x' })).rejects.toMatchObject({ status: 404 });
		await changeIssuedStatus(database.db, world.users.officer6, issued.id, { to: 'revoked', reason: 'x' });
		await expect(changeIssuedStatus(database.db, world.users.officer6, issued.id, { to: 'valid', reason: 'x' })).rejects.toMatchObject({ code: 'bad_status_change' });
		expect((await json(issued.verificationCode)).body.status).toBe('revoked');
	});
});

describe('the PDF download', () => {
	it('serves the same bytes that were issued to those who see the case, 404 to others, sign-in to visitors', async () => {
		const issued = await issuePermit();
		const get = (user: CaseWorld['users'][keyof CaseWorld['users']] | null) =>
			downloadIssued(event(`/documents/issued/${issued.id}.pdf`, { user, params: { id: String(issued.id) } }));
		for (const user of [world.users.maryam, world.users.officer6]) {
			const res = await get(user);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			expect(Buffer.from(await res.arrayBuffer()).equals(issued.pdf)).toBe(true);
		}
		for (const user of [world.users.ali, world.users.officer7]) {
			const err = await thrown(() => get(user));
			expect(isHttpError(err) && err.status).toBe(404);
		}
		expect(isRedirect(await thrown(() => get(null)))).toBe(true);
	});
});
