/**
 * The parcel lookup: what applies to a parcel (zoning, overlays, setback, capacity, cases), the
 * parcel under a map click, and search by the ids citizens know. Routes call these; the database
 * is reached only through parcel.repository.
 */
import type { ParcelDetail, SearchHit } from '../../api/parcel';
import { computeCapacity, netAreaAfterWidening, roundArea } from '../../domain/capacity';
import { searchKey, searchWords, toLatinDigits, toPersianDigits } from '../../domain/text';
import { BadInputError, NotFoundError } from '../errors';
import { zoneRulesInForce, type RulesInForce } from '../rules';
import { contains, utmAreaOfUse } from './area-of-use';
import { findParcelDetail, searchParcelRows, searchStreetRows, storageSrid, type ParcelDetailRow, type Queryable, type SearchMatcher } from './parcel.repository';
import { ruleBookInfo, zoningInfo } from './zoning-rules';

/** Zones covering less of the parcel than this are digitising noise, not a second zone. */
const OTHER_ZONE_MIN_SHARE_PCT = 1;

/**
 * The full detail of a parcel by id.
 * @throws NotFoundError (404, `parcel_not_found`) when there is no such parcel.
 */
export async function getParcelDetail(db: Queryable, id: number): Promise<ParcelDetail> {
	const row = await findParcelDetail(db, { id });
	if (!row) {
		throw new NotFoundError('parcel_not_found', {
			fa: toPersianDigits(`پلاکی با شناسهٔ ${id} پیدا نشد.`),
			en: `No parcel has id ${id}.`
		});
	}
	return withRules(db, row);
}

/**
 * The parcel under a WGS84 point (a click on the map).
 * @throws BadInputError (400, `outside_city_area`) when the point is outside the storage CRS's area of use.
 * @throws NotFoundError (404, `no_parcel_at_point`) when no parcel is there (a street, open land).
 */
export async function findParcelAt(db: Queryable, lon: number, lat: number): Promise<ParcelDetail> {
	const srid = await storageSrid(db);
	const area = utmAreaOfUse(srid);
	if (area && !contains(area, lon, lat)) {
		throw new BadInputError('outside_city_area', {
			fa: toPersianDigits(`نقطهٔ (${lon}، ${lat}) بیرون از محدودهٔ شهر است: دستگاه مختصات شهر، ${area.name}، فقط طول جغرافیایی ${area.west} تا ${area.east} درجه و عرض ${area.south} تا ${area.north} درجه را پوشش می‌دهد.`),
			en: `The point (${lon}, ${lat}) is outside the city's area: the city's CRS, ${area.name}, covers only longitudes ${area.west}° to ${area.east}° and latitudes ${area.south}° to ${area.north}°.`
		});
	}
	const row = await findParcelDetail(db, { lon, lat, srid });
	if (!row) {
		throw new NotFoundError('no_parcel_at_point', {
			fa: toPersianDigits(`در نقطهٔ (${lon}، ${lat}) پلاکی نیست.`),
			en: `There is no parcel at (${lon}, ${lat}).`
		});
	}
	return withRules(db, row);
}

/** The detail with its zones' rules from the book in force today. */
async function withRules(db: Queryable, row: ParcelDetailRow): Promise<ParcelDetail> {
	return toParcelDetail(row, await zoneRulesInForce(db, row.zones.map((z) => z.code)));
}

/**
 * How a search text can match, best first: exact ids, then a plate's main number, then prefixes,
 * then the start of an address, then words of an address. Persian digits are read as digits; a postal code may be typed
 * with a dash or spaces; a plate as main/sub.
 *
 * @example searchMatchers('۱۲۳۴/۵۶') // [{ field: 'renovation_code', exact: '1234/56' }, { field: 'registration_plate', exact: '1234/56' }, ...]
 */
export function searchMatchers(q: string): SearchMatcher[] {
	const text = toLatinDigits(q).trim().replace(/\s+/g, ' ');
	const matchers: SearchMatcher[] = [{ field: 'renovation_code', exact: text }];

	// Plates are written main/sub; Persian keyboards also give the Arabic decimal separator.
	const plate = /^(\d+)\s*[/\\٫⁄]\s*(\d+)$/.exec(text);
	if (plate) matchers.push({ field: 'registration_plate', exact: `${plate[1]}/${plate[2]}` });

	const compact = text.replace(/[\s-]/g, '');
	const digits = /^\d+$/.test(compact) ? compact : null;
	if (digits?.length === 10) matchers.push({ field: 'postal_code', exact: digits });
	if (/^\d+$/.test(text)) matchers.push({ field: 'registration_plate', main: text });

	matchers.push({ field: 'renovation_code', prefix: text });
	if (digits && digits.length < 10) matchers.push({ field: 'postal_code', prefix: digits });

	const key = searchKey(text);
	if (key.length >= 2) matchers.push({ field: 'address', keyPrefix: key });
	const words = searchWords(text);
	if (words.length > 0 && key.length >= 2) matchers.push({ field: 'address', wordPrefixes: words });
	return matchers;
}

/**
 * Parcels matching a search text by renovation code, registration plate, postal code or address,
 * and streets by name, at most `limit`, best match first: exact codes and code prefixes, then the
 * streets whose name has words starting with the typed words (the names printed on the map:
 * «کاوه», «خیابان نظر», «Kaveh»), then parcel addresses. Two indexed queries.
 */
export async function searchParcels(db: Queryable, q: string, limit: number): Promise<SearchHit[]> {
	const words = searchWords(toLatinDigits(q));
	const rows = await searchParcelRows(db, searchMatchers(q), limit);
	const streets = searchKey(q).length >= 2 ? await searchStreetRows(db, words, limit) : [];
	const box = (r: { west: number; south: number; east: number; north: number }): SearchHit['bbox'] => [r.west, r.south, r.east, r.north];
	const parcels = rows.map((r): SearchHit => ({ id: r.id, label: r.label, matched: r.matched, renovation_code: r.renovation_code, block: r.block_code, centroid: [r.centroid_lon, r.centroid_lat], bbox: box(r) }));
	const streetHits = streets.map((r): SearchHit => ({ id: r.id, label: r.label, matched: 'street', centroid: [r.centroid_lon, r.centroid_lat], bbox: box(r), geometry: r.geometry }));
	const byCode = parcels.filter((h) => h.matched !== 'address');
	return [...byCode, ...streetHits, ...parcels.filter((h) => h.matched === 'address')].slice(0, limit);
}

function toParcelDetail(row: ParcelDetailRow, inForce: RulesInForce | null): ParcelDetail {
	const [main, ...others] = row.zones;
	const permitted = row.buildings.reduce((sum, b) => sum + Number(b.permitted_floor_area_m2), 0);
	const zoning = main ? zoningInfo(main, inForce) : null;
	const capacity = computeCapacity({
		area_m2: row.area_m2,
		setback_area_m2: row.setback_area_m2,
		zone: zoning,
		overlays: row.overlays,
		permitted_floor_area_m2: permitted
	});
	return {
		id: row.id,
		renovation_code: row.renovation_code,
		registration_plate: row.registration_plate,
		plate_main: row.plate_main,
		plate_sub: row.plate_sub,
		registry_section: row.registry_section,
		postal_code: row.postal_code,
		address: row.address,
		district: row.district,
		block_code: row.block_code,
		area_m2: roundArea(row.area_m2),
		net_area_m2: roundArea(netAreaAfterWidening(row.area_m2, row.setback_area_m2)),
		zoning,
		other_zones: others.filter((z) => z.share_pct >= OTHER_ZONE_MIN_SHARE_PCT).map((z) => zoningInfo(z, inForce)),
		rule_book: ruleBookInfo(inForce),
		overlays: row.overlays,
		setback: {
			area_m2: roundArea(row.setback_area_m2),
			geometry: row.setback_geometry,
			streets: row.setback_streets
		},
		capacity,
		buildings: row.buildings,
		open_cases: row.open_cases.map((c) => ({ ...c, opened_at: new Date(c.opened_at).toISOString() })),
		centroid: [row.centroid_lon, row.centroid_lat],
		bbox: [row.west, row.south, row.east, row.north],
		geometry: row.geometry
	};
}
