import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { packageBundle, withoutEntries } from './postgis-bundle';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-tar-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What `tar` itself reads from an archive: the entries' paths, and a file's content. */
function listing(archive: Buffer): string[] {
	const file = path.join(work, `list-${Math.random().toString(36).slice(2)}.tar`);
	fs.writeFileSync(file, archive);
	return execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
}

function contentOf(archive: Buffer, entry: string): string {
	const file = path.join(work, `read-${Math.random().toString(36).slice(2)}.tar`);
	fs.writeFileSync(file, archive);
	return execFileSync('tar', ['-xOf', file, entry], { encoding: 'utf8' });
}

describe('withoutEntries', () => {
	for (const format of ['gnu', 'posix', 'ustar']) {
		it(`leaves out the entries asked for and keeps the rest intact (${format} tar)`, () => {
			const root = path.join(work, `tree-${format}`);
			const deep = path.join('lib', 'a'.repeat(60), 'b'.repeat(30)); // with the file name, past ustar's 100-byte name field
			fs.mkdirSync(path.join(root, deep), { recursive: true });
			fs.mkdirSync(path.join(root, 'share'), { recursive: true });
			fs.writeFileSync(path.join(root, 'lib', 'postgis-3.so'), 'kept library');
			fs.writeFileSync(path.join(root, 'lib', 'postgis_raster-3.so'), Buffer.alloc(1500, 7)); // more than one block
			fs.writeFileSync(path.join(root, deep, 'postgis_topology--3.6.2--ANY-with-a-long-name.sql'), 'left out');
			fs.writeFileSync(path.join(root, deep, 'postgis--3.6.2--ANY-with-a-long-name.sql'), 'kept, long name');
			fs.writeFileSync(path.join(root, 'share', 'نام.txt'), 'پلاک');
			fs.symlinkSync('postgis-3.so', path.join(root, 'lib', 'postgis--3.5.0--ANY.so'));
			const archive = path.join(work, `${format}.tar`);
			execFileSync('tar', ['--format', format, '-cf', archive, '-C', root, '.']);
			const original = fs.readFileSync(archive);
			const all = listing(original);

			const lean = withoutEntries(original, (entry) => /raster|topology/.test(entry));

			const kept = listing(lean);
			expect(kept).toEqual(all.filter((entry) => !/raster|topology/.test(entry)));
			expect(kept.some((entry) => entry.endsWith('postgis--3.6.2--ANY-with-a-long-name.sql'))).toBe(true);
			expect(contentOf(lean, './lib/postgis-3.so')).toBe('kept library');
			expect(contentOf(lean, './share/نام.txt')).toBe('پلاک');
			expect(lean.length).toBeLessThan(original.length);
		});
	}

	it('names the problem in a truncated archive', () => {
		const archive = path.join(work, 'one.tar');
		fs.writeFileSync(path.join(work, 'one.txt'), Buffer.alloc(4000, 1));
		execFileSync('tar', ['-cf', archive, '-C', work, 'one.txt']);
		const whole = fs.readFileSync(archive);
		expect(() => withoutEntries(whole.subarray(0, 1024), () => false)).toThrow(/Truncated tar entry at byte 0/);
	});

	it("keeps PostGIS itself and leaves out raster, topology and the geocoder of the installed package's bundle", async () => {
		const { embeddedPostgis } = await import('./postgis-bundle');
		const extension = await embeddedPostgis();
		const result = await extension.setup({} as never, { PGLITE_ENV: {} } as never);
		const bundle = result.bundlePath!;
		expect(bundle.pathname).not.toBe(new URL(`file://${packageBundle()}`).pathname);
		const entries = listing(gunzipSync(fs.readFileSync(bundle)));
		expect(entries).toContain('lib/postgresql/postgis-3.so');
		expect(entries).toContain('share/postgresql/extension/postgis.control');
		expect(entries).toContain('share/proj/proj.db');
		expect(entries.filter((e) => /raster|topology|tiger/.test(e))).toEqual([]);
	});
});
