import proj4 from 'proj4';
import { ImportError, reasonOf } from './import-error';

/** A CRS as a file or the user names it: an EPSG code, a proj string, or WKT (.prj, GeoPackage). */
export type CrsRef = { kind: 'epsg'; code: number } | { kind: 'proj'; text: string } | { kind: 'wkt'; text: string };

export interface ResolvedCrs {
	/** What the report prints: "EPSG:32639", the proj string, or the WKT's name. */
	label: string;
	/** Definition proj4 understands. */
	definition: string;
	/** Longitude/latitude in degrees rather than projected metres or feet. */
	geographic: boolean;
	/**
	 * Set when the definition names a datum on a non-WGS84 ellipsoid with no shift to WGS84 (no
	 * TOWGS84, a datum proj4 does not know): read as is, the data would land 100–300 m off.
	 */
	noDatumShift?: { datum: string; ellipsoid: string };
}

/** Looks up an EPSG code's proj4 definition (PostGIS's spatial_ref_sys knows thousands). */
export type EpsgLookup = (code: number) => Promise<string | null>;

export const WGS84: ResolvedCrs = { label: 'EPSG:4326 (WGS84)', definition: '+proj=longlat +datum=WGS84 +no_defs', geographic: true };

/**
 * Reads a CRS name as users and files write it: `EPSG:32639`, `epsg:3857`, `32639`,
 * `urn:ogc:def:crs:EPSG::32639`, `urn:ogc:def:crs:OGC:1.3:CRS84`, a proj string or WKT.
 * Returns null for text that is none of these.
 */
export function parseCrsName(text: string): CrsRef | null {
	const t = text.trim();
	if (/^(urn:ogc:def:crs:OGC:[\d.]*:)?CRS84$/i.test(t)) return { kind: 'epsg', code: 4326 };
	const epsg = /^(?:EPSG:+|urn:ogc:def:crs:EPSG:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/)?(\d{4,6})$/i.exec(t);
	if (epsg) return { kind: 'epsg', code: Number(epsg[1]) };
	if (t.startsWith('+')) return { kind: 'proj', text: t };
	if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|COMPD_CS|BOUNDCRS)\[/i.test(t)) return { kind: 'wkt', text: t };
	return null;
}

export async function resolveCrs(ref: CrsRef, lookup: EpsgLookup): Promise<ResolvedCrs> {
	if (ref.kind === 'epsg') {
		if (ref.code === 4326) return WGS84;
		const definition = await lookup(ref.code);
		if (!definition) {
			throw new ImportError('import_unknown_crs', {
				fa: `سامانهٔ مختصات EPSG:${ref.code} شناخته نیست؛ آن را به صورت رشتهٔ proj با ‎--srs بدهید.`,
				en: `EPSG:${ref.code} is not a known CRS; pass it as a proj string with --srs.`
			});
		}
		return checked(`EPSG:${ref.code}`, definition);
	}
	if (ref.kind === 'proj') return checked(ref.text, ref.text);
	const name = /^\w+\["([^"]*)"/.exec(ref.text)?.[1];
	return checked(name && name !== 'unknown' ? name : ref.text.slice(0, 60), ref.text);
}

function checked(label: string, definition: string): ResolvedCrs {
	let projection: proj4.ProjectionDefinition & { projName?: string };
	try {
		projection = new proj4.Proj(definition) as never;
		// proj4 accepts some garbage quietly, leaving no projection behind
		if (!projection.projName) throw new Error('no projection in the definition');
	} catch (err) {
		throw new ImportError(
			'import_unreadable_crs',
			{
				fa: `تعریف سامانهٔ مختصات خوانا نیست (${reasonOf(err)}). فایل ‎.prj را بررسی کنید یا ‎--srs بدهید.`,
				en: `The CRS definition cannot be read (${reasonOf(err)}). Check the .prj or pass --srs.`
			},
			{ cause: err }
		);
	}
	const resolved: ResolvedCrs = { label, definition, geographic: projection.projName === 'longlat' };
	const p = projection as unknown as { datum?: { datum_type?: number }; datumCode?: string; ellps?: string; a?: number };
	if (p.datum?.datum_type === PJD_NODATUM && p.a !== undefined && Math.abs(p.a - 6378137) > 0.5) {
		resolved.noDatumShift = { datum: p.datumCode || 'unnamed', ellipsoid: p.ellps || `a=${p.a}` };
	}
	return resolved;
}

/** proj4's datum type for "no datum shift known" (proj4/lib/constants/values). */
const PJD_NODATUM = 5;

/** A row of PostGIS's spatial_ref_sys: an EPSG code and its proj4 definition. */
export interface EpsgDefinition {
	code: number;
	proj4text: string;
	/** OGC WKT, for the datum's and geographic CRS's names. */
	srtext?: string | null;
}

/** "D_FD_1958", "GCS_FD_1958", "FD58" → "fd58"; "D_European_1950", "European_Datum_1950" → "european50". */
export function datumKey(name: string): string {
	return name
		.toLowerCase()
		.replace(/^(d|gcs)_/, '')
		.replace(/datum/g, '')
		.replace(/[^a-z0-9]/g, '')
		.replace(/(1[89]|20)(\d\d)/g, '$2');
}

/** The datum and geographic CRS names of an OGC WKT, as datum keys. */
function datumKeys(wkt: string | null | undefined): string[] {
	if (!wkt) return [];
	return [...wkt.matchAll(/(?:DATUM|GEOGCS)\["([^"]+)"/g)].map((m) => datumKey(m[1]));
}

const TOWGS84 = /\s*\+towgs84=(\S+)/;

const ellipsoid = (p: proj4.ProjectionDefinition) => p as unknown as { a: number; es: number };

/**
 * Finds the EPSG systems a datum-less definition (an ESRI .prj names its datum but not its shift to
 * WGS84) is the projection of: the candidates, stripped of their +towgs84, must put two points of the
 * data (`sample`, in the definition's units) where the definition does. The caller takes the match when
 * all matches shift the datum the same way.
 */
export function sameProjection(crs: ResolvedCrs, sample: [number, number], candidates: EpsgDefinition[]): { code: number; name: string; towgs84: string; sameDatumName: boolean }[] {
	const from = new proj4.Proj(crs.definition);
	const step = crs.geographic ? 0.05 : 5000;
	const tolerance = crs.geographic ? 1e-6 : 0.5;
	const points = [sample, [sample[0] + step, sample[1] + step]];
	const matches: { code: number; name: string; towgs84: string; sameDatumName: boolean }[] = [];
	const named = crs.noDatumShift ? datumKey(crs.noDatumShift.datum) : null;
	for (const c of candidates) {
		const towgs84 = TOWGS84.exec(c.proj4text)?.[1];
		if (!towgs84 || /\+(nadgrids|datum)=/.test(c.proj4text)) continue;
		if (c.proj4text.includes('+proj=longlat') !== crs.geographic) continue;
		try {
			const to = new proj4.Proj(c.proj4text.replace(TOWGS84, ''));
			// the same ellipsoid (Clarke 1880 (RGS) and clrk80 differ in the 7th digit of the flattening)
			if (!(Math.abs(ellipsoid(to).a - ellipsoid(from).a) < 1 && Math.abs(ellipsoid(to).es - ellipsoid(from).es) < 1e-6)) continue;
			const converter = proj4(from, to);
			const same = points.every((pt) => {
				const out = converter.forward([pt[0], pt[1]]);
				return Math.abs(out[0] - pt[0]) < tolerance && Math.abs(out[1] - pt[1]) < tolerance;
			});
			if (same) matches.push({ code: c.code, name: /^\w+\["([^"]*)"/.exec(c.srtext ?? '')?.[1] ?? '', towgs84, sameDatumName: named !== null && datumKeys(c.srtext).includes(named) });
		} catch {
			// a definition proj4 cannot use is no candidate
		}
	}
	return matches;
}

/** Transforms one coordinate pair between two resolved CRSs. */
export function transformer(from: ResolvedCrs, to: ResolvedCrs): (xy: number[]) => [number, number] {
	if (from.definition === to.definition) return (xy) => [xy[0], xy[1]];
	const converter = proj4(from.definition, to.definition);
	return (xy) => {
		const out = converter.forward([xy[0], xy[1]]);
		return [out[0], out[1]];
	};
}
