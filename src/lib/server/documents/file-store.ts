import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { createHash, randomBytes } from 'node:crypto';

/**
 * Document bytes live outside the database, content-addressed by SHA-256: the same file uploaded
 * twice is stored once, and a stored file is never overwritten (its name is its content).
 */
export class FileStore {
	constructor(readonly root: string) {}

	static keyFor(sha256: string): string {
		return `sha256/${sha256.slice(0, 2)}/${sha256}`;
	}

	private pathOf(key: string): string {
		if (!/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`Not a storage key: ${key}`);
		return path.join(this.root, key);
	}

	/** Stores the bytes; `created` is false when the same content was already there. */
	async put(bytes: Uint8Array): Promise<{ sha256: string; key: string; created: boolean }> {
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		const key = FileStore.keyFor(sha256);
		const target = this.pathOf(key);
		try {
			await fs.access(target);
			// renewed, so the sweep of unreferenced files (file-sweep.ts) leaves it to this upload
			const now = new Date();
			await fs.utimes(target, now, now);
			return { sha256, key, created: false };
		} catch {
			// not stored yet
		}
		await fs.mkdir(path.dirname(target), { recursive: true });
		// Written beside the target and renamed: a reader never sees half a file.
		const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
		await fs.writeFile(temp, bytes, { flag: 'wx' });
		await fs.rename(temp, target);
		return { sha256, key, created: true };
	}

	/**
	 * Keeps a file streamed to disk (./streamed-upload.ts) under its SHA-256 by renaming it into
	 * place (no copy, nothing read into memory); `created` is false when the same content was already
	 * there (the staged file is then removed, and the stored one renewed as in `put`).
	 */
	async putStaged(staged: { path: string; sha256: string }): Promise<{ sha256: string; key: string; created: boolean }> {
		const key = FileStore.keyFor(staged.sha256);
		const target = this.pathOf(key);
		try {
			await fs.access(target);
			const now = new Date();
			await fs.utimes(target, now, now);
			await fs.rm(staged.path, { force: true });
			return { sha256: staged.sha256, key, created: false };
		} catch {
			// not stored yet
		}
		await fs.mkdir(path.dirname(target), { recursive: true });
		await fs.rename(staged.path, target);
		return { sha256: staged.sha256, key, created: true };
	}

	/** The bytes under `key`, checked against their SHA-256 so a damaged file is never served as the document. */
	async get(key: string, sha256: string): Promise<Buffer> {
		const bytes = await fs.readFile(this.pathOf(key));
		const actual = createHash('sha256').update(bytes).digest('hex');
		if (actual !== sha256) throw new Error(`Stored file ${key} does not match its SHA-256`);
		return bytes;
	}

	async remove(key: string): Promise<void> {
		await fs.rm(this.pathOf(key), { force: true });
	}
}

/** The server's file store: `PELAK_FILES_DIR`, by default `files/` beside the embedded data dir (`.data/files`). */
export function defaultFileStore(env: NodeJS.ProcessEnv = process.env): FileStore {
	return new FileStore(loadConfig(env).filesDir);
}
