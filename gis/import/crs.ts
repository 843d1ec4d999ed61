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
	return { label, definition, geographic: projection.projName === 'longlat' };
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
