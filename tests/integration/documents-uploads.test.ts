import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, caseTableCounts, fixture, type CaseWorld } from '../factories/case-world';
import { actOnCase, answerTask, fileRequest, type CaseView } from '../../src/lib/server/cases';
import { checkUpload, MAX_DOCUMENT_BYTES, readDocument } from '../../src/lib/server/documents';
import { BadInputError, DomainError } from '../../src/lib/server/errors';

let database: TestDatabase;
let world: CaseWorld;
let filed: CaseView;
const base = () => [fixture('deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')];

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	filed = await fileRequest(
		database.db,
		world.users.maryam,
		{ parcelId: world.parcel6, requestType: 'building_permit_new', documents: base() },
		world.ctx({ sender: null })
	);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

async function refusedUpload(documents: ReturnType<typeof fixture>[], code: string): Promise<DomainError> {
	const before = await caseTableCounts(database.db);
	const error = await fileRequest(
		database.db,
		world.users.ali,
		{ parcelId: world.parcel7, requestType: 'building_permit_new', documents },
		world.ctx({ sender: null })
	).then(
		() => null,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(BadInputError);
	expect((error as DomainError).code).toBe(code);
	expect(await caseTableCounts(database.db)).toEqual(before);
	return error as DomainError;
}

describe('uploads are checked before anything is stored', () => {
	it('refuses a file over 30 MB, naming its size and the limit in Persian and English', async () => {
		const big = { kind: 'engineering_drawings', name: 'plans.pdf', bytes: new Uint8Array(MAX_DOCUMENT_BYTES + 512 * 1024) };
		big.bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
		const error = await refusedUpload([...base(), big], 'document_too_large');
		expect(error.messages.en).toBe('The file "plans.pdf" is 30.5 MB; each file may be at most 30 MB.');
		expect(error.messages.fa).toContain('۳۰٫۵ مگابایت');
		expect(error.messages.fa).toContain('۳۰ مگابایت');
		// exactly at the limit is accepted by the check
		const atLimit = new Uint8Array(MAX_DOCUMENT_BYTES);
		atLimit.set(new TextEncoder().encode('%PDF-1.7\n'));
		expect(checkUpload({ kind: 'deed', name: 'd.pdf', bytes: atLimit }).mediaType).toBe('application/pdf');
	});

	it('refuses an empty file', async () => {
		const error = await refusedUpload([...base(), fixture('empty.pdf', 'sale_agreement')], 'document_empty');
		expect(error.messages.fa).toContain('خالی');
	});

	it('refuses content that is none of the accepted types, whatever its name says', async () => {
		await refusedUpload([...base(), fixture('not-a-document.pdf', 'sale_agreement')], 'document_type_unsupported');
	});

	it('refuses a type the kind does not accept: a photo as drawings, a DWG as a deed', async () => {
		await refusedUpload([...base(), fixture('site-photo.png', 'engineering_drawings', 'plan.dwg')], 'document_type_not_accepted');
		await refusedUpload([fixture('site-plan.dwg', 'deed'), fixture('jpeg-photo.jpg', 'national_card')], 'document_type_not_accepted');
		await refusedUpload([...base(), fixture('deed.pdf', 'not_a_kind')], 'document_kind_unknown');
	});

	it('refuses a forged name where the kind needs a PDF (PNG bytes called calc.pdf as structural calculations)', async () => {
		const error = await refusedUpload([...base(), fixture('forged-deed.pdf', 'structural_calculations', 'calc.pdf')], 'document_type_not_accepted');
		expect(error.messages.en).toContain('really a PNG image');
	});

	it('stores a forged name as what its bytes are when the kind accepts that (a scanned deed called .pdf kept as PNG)', async () => {
		const view = await fileRequest(
			database.db,
			world.users.ali,
			{ parcelId: world.parcel7, requestType: 'building_permit_new', documents: [fixture('forged-deed.pdf', 'deed'), fixture('jpeg-photo.jpg', 'national_card')] },
			world.ctx({ sender: null })
		);
		const deed = view.documents.find((d) => d.kind === 'deed')!;
		expect(deed).toMatchObject({ originalName: 'forged-deed.pdf', mediaType: 'image/png', version: 1 });
	});

	it('accepts DXF and DWG drawings by content', () => {
		expect(checkUpload(fixture('site-plan.dxf', 'engineering_drawings', 'plan.txt')).mediaType).toBe('image/vnd.dxf');
		expect(checkUpload(fixture('site-plan.dwg', 'engineering_drawings', 'plan')).mediaType).toBe('image/vnd.dwg');
	});
});

describe('storage: outside the database, by SHA-256, versions kept', () => {
	it('writes the bytes under their SHA-256 in the files dir and records the hash', async () => {
		const deed = filed.documents.find((d) => d.kind === 'deed')!;
		const bytes = fs.readFileSync(path.join(world.filesDir, 'sha256', deed.sha256.slice(0, 2), deed.sha256));
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(deed.sha256);
		expect(deed.sizeBytes).toBe(bytes.length);
	});

	it('keeps every version: a new file of a kind supersedes the old one, which stays readable', async () => {
		const { db } = database;
		const { officer6, maryam } = world.users;
		await actOnCase(
			db,
			officer6,
			filed.id,
			{ type: 'request_document', stepId: 'district_review', kinds: ['deed'], reason: 'تصویر سند خوانا نیست.' },
			{},
			world.ctx({ sender: null })
		);
		const task = (await db.selectFrom('case_tasks').select('id').where('case_id', '=', filed.id).executeTakeFirstOrThrow()).id;
		const second = fixture('site-photo.png', 'deed', 'deed-scan.png');
		const view = await answerTask(db, maryam, task, { documents: [second] }, world.ctx({ sender: null }));
		const deeds = view.documents.filter((d) => d.kind === 'deed').sort((a, b) => a.version - b.version);
		expect(deeds.map((d) => [d.version, d.mediaType])).toEqual([
			[1, 'application/pdf'],
			[2, 'image/png']
		]);
		expect(deeds[0].supersededBy).toBe(deeds[1].id);
		expect(deeds[1].supersededBy).toBeNull();
		const old = await readDocument(db, maryam, deeds[0].id, { files: world.files });
		expect(old.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	it('refuses an answer that leaves out a requested document, changing nothing', async () => {
		const { db } = database;
		await actOnCase(
			db,
			world.users.officer6,
			filed.id,
			{ type: 'request_document', stepId: 'district_review', kinds: ['site_photos'], reason: 'عکس ملک' },
			{},
			world.ctx({ sender: null })
		);
		const task = (await db.selectFrom('case_tasks').select('id').where('status', '=', 'open').where('case_id', '=', filed.id).executeTakeFirstOrThrow()).id;
		const before = await caseTableCounts(db);
		await expect(answerTask(db, world.users.maryam, task, { documents: [fixture('deed.pdf', 'sale_agreement')] }, world.ctx({ sender: null }))).rejects.toMatchObject({
			status: 400,
			code: 'documents_missing'
		});
		expect(await caseTableCounts(db)).toEqual(before);
		// another citizen cannot even find the task
		await expect(answerTask(db, world.users.ali, task, { documents: [fixture('site-photo.png', 'site_photos')] }, world.ctx({ sender: null }))).rejects.toMatchObject({ status: 404 });
		expect(await caseTableCounts(db)).toEqual(before);
	});
});

describe('readDocument: only for those allowed to see the case', () => {
	it('serves the applicant and the district officer, and answers 404 to everyone else', async () => {
		const { db } = database;
		const id = filed.documents[0].id;
		expect((await readDocument(db, world.users.maryam, id, { files: world.files })).document.id).toBe(id);
		expect((await readDocument(db, world.users.officer6, id, { files: world.files })).bytes.length).toBeGreaterThan(0);
		for (const outsider of [world.users.ali, world.users.officer7, world.users.heritage, world.users.engineer]) {
			await expect(readDocument(db, outsider, id, { files: world.files })).rejects.toMatchObject({ status: 404, code: 'document_not_found' });
		}
		await expect(readDocument(db, world.users.maryam, 987654, { files: world.files })).rejects.toMatchObject({ status: 404, code: 'document_not_found' });
	});

	it('refuses to serve a file whose bytes no longer match their SHA-256', async () => {
		const { db } = database;
		const doc = filed.documents.find((d) => d.kind === 'national_card')!;
		const file = path.join(world.filesDir, 'sha256', doc.sha256.slice(0, 2), doc.sha256);
		const original = fs.readFileSync(file);
		fs.writeFileSync(file, Buffer.concat([original, Buffer.from('tampered')]));
		try {
			await expect(readDocument(db, world.users.maryam, doc.id, { files: world.files })).rejects.toThrow(/SHA-256/);
		} finally {
			fs.writeFileSync(file, original);
		}
	});
});
