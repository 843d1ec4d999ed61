import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import type { Geometry } from 'geojson';
import { parseCrsName } from '../crs';
import { ImportError, reasonOf } from '../import-error';
import { checkFileSize, checkUnzippedSize, importLimits } from './limits';
import { fieldsOf, type ReadOptions, type SourceData, type SourceFeature } from './source';

/** The parts of one shapefile, as bytes. */
interface ShapefileParts {
	name: string;
	shp: Uint8Array;
	dbf?: Uint8Array;
	prj?: string;
	cpg?: string;
}

/** A .shp on disk with its .dbf/.prj/.cpg siblings (any letter case). */
export async function readShapefile(file: string, options: ReadOptions = {}): Promise<SourceData> {
	const dir = path.dirname(file);
	const base = path.basename(file, path.extname(file));
	const siblings = new Map(fs.readdirSync(dir).map((f) => [f.toLowerCase(), path.join(dir, f)]));
	const sibling = (ext: string) => siblings.get(`${base.toLowerCase()}.${ext}`);
	const limits = importLimits(options.limits);
	const read = (ext: string) => {
		const p = sibling(ext);
		if (p) checkFileSize(p, limits);
		return p ? new Uint8Array(fs.readFileSync(p)) : undefined;
	};
	return readParts(
		{
			name: base,
			shp: new Uint8Array(fs.readFileSync(file)),
			dbf: read('dbf'),
			prj: sibling('prj') && fs.readFileSync(sibling('prj')!, 'utf8'),
			cpg: sibling('cpg') && fs.readFileSync(sibling('cpg')!, 'utf8')
		},
		options
	);
}

/** The members of a zipped shapefile that are read; anything else in the .zip is never unpacked. */
const isShapefilePart = (name: string) => /\.(shp|dbf|prj|cpg)$/i.test(name) && !name.startsWith('__MACOSX/');

/**
 * A .zip holding a shapefile (the first, or the one `--table` names). Its directory is read first
 * and a .zip that would unpack past the size caps is refused before anything is unpacked.
 */
export async function readZippedShapefile(file: string, options: ReadOptions = {}): Promise<SourceData> {
	let entries: Record<string, Uint8Array>;
	try {
		const zip = new Uint8Array(fs.readFileSync(file));
		const members: { name: string; originalSize: number }[] = [];
		unzipSync(zip, {
			filter: (m) => {
				if (isShapefilePart(m.name)) members.push(m);
				return false; // only listed here
			}
		});
		checkUnzippedSize(file, members, importLimits(options.limits));
		entries = unzipSync(zip, { filter: (m) => isShapefilePart(m.name) });
	} catch (err) {
		if (err instanceof ImportError) throw err;
		throw new ImportError('import_broken_zip', {
			fa: `فایل zip خراب است (${reasonOf(err)}).`,
			en: `The .zip file is broken (${reasonOf(err)}).`
		});
	}
	const byName = new Map(Object.entries(entries).map(([name, bytes]) => [name.toLowerCase(), bytes]));
	const shps = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.shp'));
	if (shps.length === 0) {
		throw new ImportError('import_zip_without_shapefile', {
			fa: 'در فایل zip هیچ shapefile (‎.shp) نیست.',
			en: 'The .zip holds no shapefile (.shp).'
		});
	}
	const wanted = options.table
		? shps.find((n) => path.basename(n, path.extname(n)).toLowerCase() === options.table!.toLowerCase())
		: shps[0];
	if (!wanted) {
		throw new ImportError('import_unknown_table', {
			fa: `در فایل zip لایه‌ای به نام «${options.table}» نیست؛ لایه‌ها: ${shps.join('، ')}`,
			en: `The .zip has no layer "${options.table}"; it has: ${shps.join(', ')}`
		});
	}
	const stem = wanted.slice(0, -4).toLowerCase();
	const text = (ext: string) => {
		const bytes = byName.get(`${stem}.${ext}`);
		return bytes && new TextDecoder().decode(bytes);
	};
	const data = await readParts(
		{ name: path.basename(wanted), shp: entries[wanted], dbf: byName.get(`${stem}.dbf`), prj: text('prj'), cpg: text('cpg') },
		options
	);
	if (shps.length > 1) data.notes.push(`zip holds ${shps.length} shapefiles; read ${wanted} (choose with --table)`);
	return data;
}

async function readParts(parts: ShapefileParts, options: ReadOptions): Promise<SourceData> {
	checkShpHeader(parts);
	// the .dbf holds every attribute (codes, names): without it a layer would load as bare shapes, and a
	// --replace would swap a city's coded parcels for uncoded ones
	if (!parts.dbf) {
		throw new ImportError('import_shapefile_without_dbf', {
			fa: `فایل ‎.dbf همراه shapefile «${parts.name}» نیست؛ ویژگی‌ها (کدها، نام‌ها) در آن است و بدون آن چیزی وارد نمی‌شود. فایل‌های ‎.shp، ‎.shx، ‎.dbf و ‎.prj را با هم (یا در یک zip) بدهید.`,
			en: `The shapefile "${parts.name}" has no .dbf: its attributes (codes, names) are in it, so nothing is imported without it. Give the .shp, .shx, .dbf and .prj together (or zipped together).`
		});
	}
	const notes: string[] = [];
	const encoding = options.encoding ?? encodingOf(parts, notes);
	const features: SourceFeature[] = [];
	try {
		const source = await shapefile.open(parts.shp, parts.dbf, { encoding });
		for (let r = await source.read(); !r.done; r = await source.read()) {
			features.push({ geometry: (r.value.geometry as Geometry | null) ?? null, properties: { ...(r.value.properties ?? {}) } });
		}
	} catch (err) {
		throw broken(parts.name, reasonOf(err));
	}
	const expected = dbfRecordCount(parts.dbf);
	if (expected !== null && expected !== features.length) {
		throw broken(parts.name, `.shp has ${features.length} shapes but .dbf has ${expected} records`);
	}
	let crs = null;
	let crsError: Error | undefined;
	if (parts.prj?.trim()) {
		crs = parseCrsName(parts.prj);
		if (!crs) {
			crsError = new ImportError('import_unreadable_prj', {
				fa: `فایل ‎.prj خوانا نیست: «${parts.prj.trim().slice(0, 80)}». سامانهٔ مختصات را با ‎--srs بدهید.`,
				en: `The .prj cannot be read: "${parts.prj.trim().slice(0, 80)}". Pass the CRS with --srs.`
			});
		}
	}
	const fields = fieldsOf(features);
	const cut = fields.filter((f) => f.includes('\uFFFD'));
	if (cut.length) {
		// a .dbf field name holds 10 bytes: a UTF-8 Persian name is cut in the middle of a letter
		const rename = new Map(cut.map((f) => [f, f.replace(/\uFFFD+$/, '').replaceAll('\uFFFD', '')]));
		if (new Set([...fields.filter((f) => !rename.has(f)), ...rename.values()]).size === fields.length) {
			for (const f of features) {
				for (const [from, to] of rename) {
					if (from in f.properties) {
						f.properties[to] = f.properties[from];
						delete f.properties[from];
					}
				}
			}
			notes.push(`field names cut in the middle of a letter by the .dbf's 10-byte limit, read as ${[...rename.values()].map((n) => `"${n}"`).join(', ')} (use them in --map)`);
		}
	}
	return { format: 'Shapefile', features, fields: fieldsOf(features), crs, crsError, notes };
}

function broken(name: string, reason: string) {
	return new ImportError('import_broken_shapefile', {
		fa: `shapefile «${name}» خراب یا ناقص است (${reason}).`,
		en: `The shapefile "${name}" is broken or incomplete (${reason}).`
	});
}

/** The main file header says how long the file should be: a truncated copy is caught before reading. */
function checkShpHeader(parts: ShapefileParts) {
	const { shp } = parts;
	if (shp.length < 100) throw broken(parts.name, 'shorter than the 100-byte header');
	const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
	if (view.getInt32(0, false) !== 9994) throw broken(parts.name, 'not a .shp file (bad file code)');
	const declared = view.getInt32(24, false) * 2;
	if (declared !== shp.length) throw broken(parts.name, `the header says ${declared} bytes, the file has ${shp.length}`);
}

function dbfRecordCount(dbf: Uint8Array): number | null {
	if (dbf.length < 32) return null;
	return new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint32(4, true);
}

/**
 * The .dbf's text encoding: the .cpg when there is one; otherwise UTF-8 if the records decode as
 * UTF-8, else windows-1256 (Arabic script, how most older Iranian GIS files were written).
 */
function encodingOf(parts: ShapefileParts, notes: string[]): string {
	const cpg = parts.cpg?.trim();
	if (cpg) {
		const label = cpgLabel(cpg);
		try {
			new TextDecoder(label);
			return label;
		} catch {
			notes.push(`unknown .cpg encoding "${cpg}", read as UTF-8`);
			return 'utf-8';
		}
	}
	if (!parts.dbf) return 'utf-8';
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(parts.dbf.subarray(32));
		return 'utf-8';
	} catch {
		notes.push('no .cpg and the .dbf is not UTF-8: read as windows-1256 (use --encoding to choose)');
		return 'windows-1256';
	}
}

/** .cpg files say "UTF-8", "1256", "CP1256", "ANSI 1256", "65001"... */
function cpgLabel(cpg: string): string {
	const t = cpg.toLowerCase().replace(/^ansi\s*/, '');
	if (t === '65001' || t === 'utf8') return 'utf-8';
	const codePage = /^(?:cp|windows-?)?(\d{3,4})$/.exec(t);
	if (codePage) return codePage[1].length === 4 ? `windows-${codePage[1]}` : `ibm${codePage[1]}`;
	const iso = /^iso-?8859-?(\d+)$/.exec(t);
	if (iso) return `iso-8859-${iso[1]}`;
	return t;
}
