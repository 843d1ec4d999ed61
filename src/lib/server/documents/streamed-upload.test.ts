import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from './file-store';
import { readStreamedForm, STAGING_DIR } from './streamed-upload';

let root: string;
let store: FileStore;
beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-stream-'));
	store = new FileStore(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A multipart request whose body arrives in pieces of `piece` bytes (boundaries split across them). */
async function multipart(form: FormData, piece = 7): Promise<Request> {
	const encoded = new Request('http://x/', { method: 'POST', body: form });
	const bytes = new Uint8Array(await encoded.arrayBuffer());
	let at = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (at >= bytes.length) return controller.close();
			controller.enqueue(bytes.slice(at, at + piece));
			at += piece;
		}
	});
	return new Request('http://x/', { method: 'POST', body, headers: { 'content-type': encoded.headers.get('content-type')! }, duplex: 'half' } as RequestInit);
}

const staged = () => (fs.existsSync(path.join(root, STAGING_DIR)) ? fs.readdirSync(path.join(root, STAGING_DIR)) : []);
const png = (n: number) => {
	const bytes = Buffer.alloc(n, 0x41);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
	// a delimiter-like run inside the content must not end the part
	Buffer.from('\r\n--not-the-boundary\r\n').copy(bytes, 100);
	return bytes;
};

describe('readStreamedForm: uploads to disk as they arrive', () => {
	it('writes each file part to a staging file with its size, SHA-256 and head; keeps the text fields', async () => {
		const one = png(50_000);
		const two = png(1234);
		const form = new FormData();
		form.set('stage', 'foundation');
		form.set('body', 'متن گزارش با نویسه‌های فارسی');
		form.append('photos', new File([one], 'one.png'));
		form.append('photos', new File([two], 'دو.png'));
		form.append('photos', new File([], '')); // an input left empty
		const read = await readStreamedForm(await multipart(form), store);
		expect(read.fields.get('stage')).toBe('foundation');
		expect(read.fields.get('body')).toBe('متن گزارش با نویسه‌های فارسی');
		expect(read.files.map((f) => [f.field, f.name, f.size])).toEqual([
			['photos', 'one.png', 50_000],
			['photos', 'دو.png', 1234]
		]);
		for (const [f, bytes] of [
			[read.files[0], one],
			[read.files[1], two]
		] as const) {
			expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
			expect(Buffer.compare(fs.readFileSync(f.path), bytes)).toBe(0);
			expect(Buffer.from(f.head).equals(bytes.subarray(0, 512))).toBe(true);
		}
		// kept by a rename into the store; discard removes only what was not kept
		const kept = await store.putStaged(read.files[0]);
		expect(kept.created).toBe(true);
		await read.discard();
		expect(staged()).toEqual([]);
		expect(fs.existsSync(path.join(root, kept.key))).toBe(true);
	});

	it('refuses a file over the limit as soon as it passes it, naming it, and leaves nothing staged', async () => {
		const form = new FormData();
		form.append('photos', new File([png(2000)], 'big.png'));
		const err = await readStreamedForm(await multipart(form, 256), store, { maxFileBytes: 1000 }).catch((e) => e);
		expect(err).toMatchObject({ status: 400, code: 'document_too_large' });
		expect(err.messages.en).toContain('"big.png"');
		expect(staged()).toEqual([]);
	});

	it('refuses a truncated body and too many files, leaving nothing staged', async () => {
		const form = new FormData();
		form.append('photos', new File([png(3000)], 'a.png'));
		const whole = new Uint8Array(await (await multipart(form)).arrayBuffer());
		const cut = new Request('http://x/', { method: 'POST', body: whole.slice(0, 2000), headers: { 'content-type': (await multipart(form)).headers.get('content-type')! } });
		await expect(readStreamedForm(cut, store)).rejects.toMatchObject({ code: 'upload_malformed' });
		form.append('photos', new File([png(10)], 'b.png'));
		await expect(readStreamedForm(await multipart(form), store, { maxFiles: 1 })).rejects.toMatchObject({ code: 'too_many_files' });
		expect(staged()).toEqual([]);
	});

	it('answers a body cut off by the client (its network dropped) as an interrupted upload, leaving nothing staged', async () => {
		const form = new FormData();
		form.append('photos', new File([png(5000)], 'a.png'));
		const whole = await multipart(form);
		const bytes = new Uint8Array(await whole.arrayBuffer());
		let sent = false;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent) return controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
				controller.enqueue(bytes.slice(0, 3000));
				sent = true;
			}
		});
		const cut = new Request('http://x/', { method: 'POST', body, headers: { 'content-type': whole.headers.get('content-type')! }, duplex: 'half' } as RequestInit);
		await expect(readStreamedForm(cut, store)).rejects.toMatchObject({ status: 400, code: 'upload_interrupted' });
		expect(staged()).toEqual([]);
	});

	it('reads a form without files (urlencoded), and refuses a body that is neither', async () => {
		const plain = new Request('http://x/', { method: 'POST', body: new URLSearchParams({ permitCaseId: '12', body: 'سلام' }) });
		const read = await readStreamedForm(plain, store);
		expect([read.fields.get('permitCaseId'), read.fields.get('body'), read.files.length]).toEqual(['12', 'سلام', 0]);
		const json = new Request('http://x/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		await expect(readStreamedForm(json, store)).rejects.toMatchObject({ code: 'upload_malformed' });
	});
});
