import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readSource } from './index';

const FIXTURES = path.resolve(import.meta.dirname, '../../../tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-limits-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeZip(name: string, members: Record<string, Uint8Array>): string {
	const file = path.join(tmp, name);
	fs.writeFileSync(file, zipSync(members, { level: 9 }));
	return file;
}

describe('import size caps', () => {
	it('refuses an overlapping zip bomb from its directory, before unpacking, naming the sizes', async () => {
		const started = performance.now();
		const read = readSource(fixture('zip-bomb.zip'));
		await expect(read).rejects.toMatchObject({ code: 'import_zip_too_large' });
		await expect(read).rejects.toThrow(/unpacks to 1\.3 GiB .*limits are 1\.0 GiB in all/);
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('refuses a .zip whose members unpack past the cap, in both languages', async () => {
		const file = writeZip('zeros.zip', { 'zeros.shp': new Uint8Array(16 * 1024 * 1024) });
		expect(fs.statSync(file).size).toBeLessThan(100_000);
		const read = readSource(file, { limits: { maxUnzippedBytes: 8 * 1024 * 1024 } });
		await expect(read).rejects.toMatchObject({ code: 'import_zip_too_large', messages: { fa: expect.stringContaining('«zeros.shp»') } });
	});

	it('refuses a single member past the per-file cap even when the total would fit', async () => {
		const file = writeZip('one-big.zip', { 'big.shp': new Uint8Array(4 * 1024 * 1024) });
		await expect(readSource(file, { limits: { maxFileBytes: 1024 * 1024 } })).rejects.toMatchObject({ code: 'import_zip_too_large' });
	});

	it('cuts a member whose header understates its size, so the shapefile is reported broken', async () => {
		const zip = new Uint8Array(fs.readFileSync(fixture('parcels-lcc-usft.zip')));
		const view = new DataView(zip.buffer);
		for (let at = 0; at < zip.length - 46; at++) {
			if (view.getUint32(at, true) !== 0x02014b50) continue;
			const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + view.getUint16(at + 28, true)));
			if (name.endsWith('.shp')) view.setUint32(at + 24, 120, true);
		}
		const file = path.join(tmp, 'understated.zip');
		fs.writeFileSync(file, zip);
		await expect(readSource(file)).rejects.toMatchObject({ code: 'import_broken_shapefile' });
	});

	it('refuses a file over the size cap before reading it, and a shapefile whose .dbf is', async () => {
		await expect(readSource(fixture('districts.geojson'), { limits: { maxFileBytes: 512 } })).rejects.toMatchObject({
			code: 'import_file_too_large',
			messages: { en: expect.stringMatching(/"districts\.geojson" is \d+ KiB; files over 1 KiB cannot be imported/) }
		});
		const shp = fixture('parcels-lcc-usft.shp');
		const dbf = fs.statSync(fixture('parcels-lcc-usft.dbf')).size;
		await expect(readSource(shp, { limits: { maxFileBytes: dbf - 1 } })).rejects.toMatchObject({ code: 'import_file_too_large' });
	});

	it('still reads ordinary files with the default caps', async () => {
		expect((await readSource(fixture('parcels-lcc-usft.zip'))).features.length).toBeGreaterThan(0);
		expect((await readSource(fixture('districts.geojson'))).features.length).toBeGreaterThan(0);
	});
});
