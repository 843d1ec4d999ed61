import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';

/**
 * PostGIS for the embedded database, without the parts Pelak never loads.
 *
 * `@electric-sql/pglite-postgis` ships one bundle with PostGIS, PostGIS raster and topology (three
 * WebAssembly libraries of ~16 MB each) and the tiger geocoder. PGlite unpacks the bundle and
 * compiles every library in it each time a database opens, although only `postgis-3.so` is ever
 * used here: two thirds of the extension's cost at every start of the server, every backup
 * restore and every test file. This keeps a copy of the bundle without raster, topology and the
 * geocoder (and without the scripts that convert pre-extension installs), made once from the
 * installed package and reused while that package stays the same. Where no copy can be written
 * (a read-only install and temporary directory), the package's own bundle is used as it is.
 */

/** Entries of the bundle the embedded database does without. */
const LEFT_OUT = /postgis_(raster|topology|tiger_geocoder|sfcgal)|rtpostgis|topology|address_standardizer|--unpackaged--/;

/** Raised when the bundle changes shape: copies made by an earlier rule are not reused. */
const RULE_VERSION = 1;

let leanBundle: Promise<URL | null> | undefined;

/** The PostGIS extension for `PGlite.create`, from the lean copy of its bundle when one can be had. */
export async function embeddedPostgis(): Promise<Extension> {
	const { postgis } = await import('@electric-sql/pglite-postgis');
	leanBundle ??= leanCopy().catch(() => null);
	const bundle = await leanBundle;
	if (!bundle) return postgis;
	return {
		name: postgis.name,
		async setup(pg, emscriptenOpts) {
			const original = await postgis.setup(pg, emscriptenOpts);
			return { ...original, bundlePath: bundle };
		}
	};
}

/** Where the package's bundle is. */
export function packageBundle(): string {
	const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis');
	return path.join(path.dirname(entry), 'postgis.tar.gz');
}

async function leanCopy(): Promise<URL> {
	const source = packageBundle();
	const stat = fs.statSync(source);
	const name = `postgis-lean-v${RULE_VERSION}-${stat.size}-${Math.round(stat.mtimeMs)}.tar.gz`;
	// beside the installed packages (node_modules/.cache, where build tools keep theirs), else the system's temporary directory
	const nodeModules = path.resolve(path.dirname(source), '..', '..', '..');
	const places = [path.join(nodeModules, '.cache', 'pelak'), path.join(os.tmpdir(), 'pelak-cache')];
	for (const dir of places) {
		const target = path.join(dir, name);
		if (fs.existsSync(target)) return new URL(`file://${target}`);
	}
	const lean = gzipSync(withoutEntries(gunzipSync(fs.readFileSync(source)), (entry) => LEFT_OUT.test(entry)), { level: 1 });
	for (const dir of places) {
		const target = path.join(dir, name);
		try {
			fs.mkdirSync(dir, { recursive: true });
			// written aside and renamed, so that two processes starting together never read half a file
			const partial = `${target}.${process.pid}.partial`;
			fs.writeFileSync(partial, lean);
			fs.renameSync(partial, target);
			return new URL(`file://${target}`);
		} catch {
			// not writable here: try the next place
		}
	}
	throw new Error('No writable place for the lean PostGIS bundle');
}

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
	const text = header.toString('utf8', start, start + length);
	const end = text.indexOf('\0');
	return end === -1 ? text : text.slice(0, end);
}

/**
 * A tar archive without the entries whose path `leaveOut` accepts. The kept entries are copied
 * byte for byte; extended headers (pax `x`, GNU long names `L`/`K`) go or stay with the entry
 * they describe, and the entry's name is read from them when they carry it.
 */
export function withoutEntries(tar: Buffer, leaveOut: (path: string) => boolean): Buffer {
	const kept: Buffer[] = [];
	let pending: Buffer[] = [];
	let longName: string | null = null;
	let offset = 0;
	while (offset + BLOCK <= tar.length) {
		const header = tar.subarray(offset, offset + BLOCK);
		if (header.every((byte) => byte === 0)) break;
		const size = parseInt(field(header, 124, 12).trim() || '0', 8);
		if (!Number.isFinite(size) || size < 0) throw new Error(`Unreadable tar entry size at byte ${offset}`);
		const length = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
		if (offset + length > tar.length) throw new Error(`Truncated tar entry at byte ${offset}`);
		const entry = tar.subarray(offset, offset + length);
		offset += length;
		const type = String.fromCharCode(header[156]);
		if (type === 'g') {
			kept.push(entry); // global pax header: applies to all that follows
			continue;
		}
		if (type === 'x' || type === 'L' || type === 'K') {
			const body = entry.toString('utf8', BLOCK, BLOCK + size);
			if (type === 'L') longName = body.replace(/\0+$/, '');
			if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body)?.[1] ?? longName;
			pending.push(entry);
			continue;
		}
		const ustar = field(header, 257, 6) === 'ustar'; // POSIX ustar keeps a name prefix; GNU tar uses those bytes otherwise
		const prefix = ustar ? field(header, 345, 155) : '';
		const name = longName ?? (prefix ? `${prefix}/` : '') + field(header, 0, 100);
		if (!leaveOut(name.replace(/^\.\//, ''))) kept.push(...pending, entry);
		pending = [];
		longName = null;
	}
	kept.push(Buffer.alloc(BLOCK * 2));
	return Buffer.concat(kept);
}
