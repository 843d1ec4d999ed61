/**
 * The OGC API as GDAL's OAPIF driver (the one QGIS's processing tools and ogr2ogr use) reads it,
 * against the built server with a fresh sample city: the layers and their field types, counts that
 * agree with the API, and small pages followed through `next` links so that every feature arrives
 * exactly once with its Persian text intact. Needs `ogrinfo`/`ogr2ogr` (Debian `gdal-bin`, which
 * CI installs); without them, and outside CI, the file is skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { COLLECTIONS, COLLECTION_IDS } from '../../src/lib/server/ogc/catalogue';
import { startSmallCity } from './sample-server';
import type { RunningServer } from './server';

const gdalInstalled = spawnSync('ogrinfo', ['--version']).status === 0;

let server: RunningServer;
let dir: string;

beforeAll(async () => {
	if (!gdalInstalled && !process.env.CI) return;
	// the small sample city (2,000 parcels: enough parcels for many pages), a copy of this run's first start
	server = await startSmallCity();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pelak-ogc-gdal-'));
});

afterAll(async () => {
	await server?.stop();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const oapif = () => `OAPIF:${server.url}/ogc`;

/** Runs a GDAL tool; with `debug`, GDAL's HTTP log (CPL_DEBUG) comes back too. */
function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[], debug = false): string {
	const result = spawnSync(tool, args, { encoding: 'utf8', env: { ...process.env, ...(debug && { CPL_DEBUG: 'ON' }) }, timeout: 120_000 });
	if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return `${result.stdout}\n${result.stderr}`;
}

/** A collection read with ogr2ogr into GeoJSON (FIDs kept as ids), and GDAL's request log. */
function copyWithGdal(collection: string, extra: string[]): { features: FeatureCollection['features']; log: string } {
	const out = path.join(dir, `${collection}-${Date.now()}.geojson`);
	const log = gdal('ogr2ogr', ['-f', 'GeoJSON', '-preserve_fid', out, oapif(), collection, ...extra], true);
	return { features: (JSON.parse(fs.readFileSync(out, 'utf8')) as FeatureCollection).features, log };
}

/** The same collection straight from the API, in one page. */
async function fromApi(collection: string, query = ''): Promise<FeatureCollection & { numberMatched: number }> {
	const response = await fetch(`${server.url}/ogc/collections/${collection}/items?limit=10000${query}`);
	expect(response.status).toBe(200);
	return (await response.json()) as FeatureCollection & { numberMatched: number };
}

describe.skipIf(!gdalInstalled && !process.env.CI)('GDAL’s OAPIF driver reads the OGC API', () => {
	it('lists every collection with its Persian title and geometry type', () => {
		const listing = gdal('ogrinfo', ['-ro', '-so', oapif()]);
		const layers = [...listing.matchAll(/^\d+: (\w+) \(title: (.+)\) \((.+)\)$/gm)].map(([, name, title, type]) => ({ name, title, type }));
		expect(layers.map((l) => l.name)).toEqual(COLLECTION_IDS);
		for (const { name, title, type } of layers) {
			const spec = COLLECTIONS[name as keyof typeof COLLECTIONS];
			expect(title).toBe(spec.title.fa);
			expect(type.replace(/ /g, '')).toBe(spec.geometryType);
		}
	});

	it('counts each layer as the API does and types its fields from the schema', async () => {
		const summary = gdal('ogrinfo', ['-ro', '-al', '-so', oapif()]);
		for (const id of ['districts', 'parcels', 'streets']) {
			const section = summary.split(/^Layer name: /m).find((s) => s.startsWith(`${id}\n`))!;
			expect(section, id).toBeDefined();
			expect(Number(/^Feature Count: (\d+)$/m.exec(section)?.[1]), id).toBe((await fromApi(id)).numberMatched);
		}
		const streets = summary.split(/^Layer name: /m).find((s) => s.startsWith('streets\n'))!;
		expect(streets).toMatch(/^width_m: Real/m);
		expect(streets).toMatch(/^name_fa: String/m);
		const parcels = summary.split(/^Layer name: /m).find((s) => s.startsWith('parcels\n'))!;
		expect(parcels).toMatch(/^area_m2: Real/m);
		expect(parcels).not.toMatch(/postal|address|registration/);
	});

	it('copies the districts three at a time: every district once, Persian names intact', async () => {
		const { features, log } = copyWithGdal('districts', ['-oo', 'PAGE_SIZE=3']);
		const api = await fromApi('districts');
		expect(api.features.length).toBeGreaterThan(6);
		const pages = log.match(/Fetch\(\S+\/collections\/districts\/items\?limit=3&after=\d+\)/g) ?? [];
		expect(pages.length).toBe(Math.ceil(api.features.length / 3) - 1);
		expect(features.map((f) => f.id)).toEqual(api.features.map((f) => f.id));
		expect(features.map((f) => f.properties!.name_fa)).toEqual(api.features.map((f) => f.properties!.name_fa));
		expect(features[0].properties!.name_fa).toMatch(/^منطقه [۰-۹]+$/);
	});

	it('copies every parcel once through pages of 97', async () => {
		const { features } = copyWithGdal('parcels', ['-oo', 'PAGE_SIZE=97']);
		const api = await fromApi('parcels');
		const ids = features.map((f) => f.id as number);
		expect(ids.length).toBe(api.numberMatched);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(api.features.map((f) => f.id));
	});

	it('sends a spatial filter as bbox and gets the same parcels the API gives for it', async () => {
		const [west, south, east, north] = [51.67, 32.65, 51.676, 32.656];
		const { features, log } = copyWithGdal('parcels', ['-oo', 'PAGE_SIZE=40', '-spat', `${west}`, `${south}`, `${east}`, `${north}`]);
		expect(log).toMatch(/items\?limit=40&bbox=51\.6/);
		const api = await fromApi('parcels', `&bbox=${west},${south},${east},${north}`);
		expect(api.numberMatched).toBeGreaterThan(40);
		expect(features.map((f) => f.id)).toEqual(api.features.map((f) => f.id));
	});

	it('fetches one feature by id', () => {
		const one = execFileSync('ogrinfo', ['-ro', '-q', oapif(), 'districts', '-fid', '2'], { encoding: 'utf8' });
		expect(one).toMatch(/OGRFeature\(districts\):2/);
		expect(one).toMatch(/name_fa \(String\) = منطقه ۲/);
	});
});
