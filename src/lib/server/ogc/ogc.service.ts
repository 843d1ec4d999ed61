import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Lang } from '../../i18n/lang';
import { positiveInt } from '../../schemas/id';
import { NotFoundError } from '../errors';
import { storageSrid } from '../spatial';
import { utmAreaOfUse } from '../parcels/area-of-use';
import { allCollections, COLLECTION_IDS, findCollection, type Collection } from './catalogue';
import { featureJsonSchema } from './feature-schema';
import { link, MEDIA, type Link, type OgcUrls } from './links';
import { countItems, selectExtent, selectItem, selectItems, type Extent, type FeatureRow } from './ogc.repository';
import type { Bbox, ItemsQuery } from './query';

/**
 * The documents of the OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the catalogue.
 * Pure reading: every answer is public data, the same for everyone.
 */

export interface OgcContext {
	db: Kysely<DB>;
	urls: OgcUrls;
	lang: Lang;
}

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const CONFORMANCE = [
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30'
];

/**
 * `numberMatched` is exact or absent (`/req/core/fc-numberMatched`). It is counted on the first page
 * only (later pages are reached through `next` and would count the same), and only up to this many
 * features; above that it is left out. Measured on a million parcels (PostgreSQL, two busy cores):
 * counting to the cap takes about 0.1 s without a bbox and 0.5–0.8 s for a bbox over the whole city.
 */
export const COUNT_CAP = 100_000;

export const API_TITLE = { fa: 'پلاک: لایه‌های عمومی شهر', en: 'Pelak: the city’s public layers' };
const API_DESCRIPTION = {
	fa: 'لایه‌های عمومی شهر (نقشهٔ پلاک‌ها، طرح تفصیلی، معابر و تعریض آن‌ها و…) به استاندارد OGC API – Features، در CRS84؛ بدون هیچ دادهٔ شخصی.',
	en: 'The city’s public layers (parcels, the detailed plan, streets and their widening, …) as OGC API – Features, in CRS84; no personal data.'
};

export function collectionOrThrow(id: string): Collection {
	const collection = findCollection(id);
	if (!collection) {
		const list = COLLECTION_IDS.join(', ');
		throw new NotFoundError('collection_not_found', {
			fa: `مجموعه‌ای به نام «${id}» نیست؛ مجموعه‌ها: ${list}.`,
			en: `There is no collection "${id}"; the collections are: ${list}.`
		});
	}
	return collection;
}

export function landingPage({ urls, lang }: OgcContext) {
	return {
		title: API_TITLE[lang],
		description: API_DESCRIPTION[lang],
		links: [
			link(urls.root, 'self', MEDIA.json, 'this document'),
			link(urls.api(), 'service-desc', MEDIA.openapi, 'the API definition (OpenAPI 3.0)'),
			link(urls.conformance(), 'conformance', MEDIA.json, 'OGC API conformance classes implemented by this server'),
			link(urls.collections(), 'data', MEDIA.json, 'the collections')
		]
	};
}

export function conformance() {
	return { conformsTo: CONFORMANCE };
}

// Extents change only with imports: kept a few minutes per database and collection.
const EXTENT_TTL_MS = 5 * 60_000;
const extents = new WeakMap<object, Map<string, { at: number; bbox: Promise<Extent | null> }>>();

function extentOf(db: Kysely<DB>, c: Collection): Promise<Extent | null> {
	let perDb = extents.get(db);
	if (!perDb) extents.set(db, (perDb = new Map()));
	const cached = perDb.get(c.id);
	if (cached && Date.now() - cached.at < EXTENT_TTL_MS) return cached.bbox;
	const bbox = storageSrid(db).then((srid) => selectExtent(db, c, srid));
	bbox.catch(() => perDb.delete(c.id));
	perDb.set(c.id, { at: Date.now(), bbox });
	return bbox;
}

async function collectionEntry({ db, urls, lang }: OgcContext, c: Collection) {
	const bbox = await extentOf(db, c);
	return {
		id: c.id,
		title: c.title[lang],
		description: c.description[lang],
		itemType: 'feature',
		crs: [CRS84],
		...(bbox && { extent: { spatial: { bbox: [bbox], crs: CRS84 } } }),
		links: [
			link(urls.collection(c.id), 'self', MEDIA.json, c.title[lang]),
			link(urls.items(c.id), 'items', MEDIA.geojson, c.title[lang]),
			link(urls.schema(c.id), 'describedby', MEDIA.jsonSchema, 'the schema of the features'),
			// the same link for GDAL 3.6 (Debian bookworm), which matches `describedBy` exactly; relation
			// types are case-insensitive (RFC 8288 §2.1.1) and later GDALs read either
			link(urls.schema(c.id), 'describedBy', MEDIA.jsonSchema, 'the schema of the features')
		]
	};
}

export async function collectionsDocument(context: OgcContext) {
	const collections = [];
	for (const c of allCollections()) collections.push(await collectionEntry(context, c));
	return {
		links: [link(context.urls.collections(), 'self', MEDIA.json, 'the collections')],
		collections
	};
}

export function collectionDocument(context: OgcContext, id: string) {
	return collectionEntry(context, collectionOrThrow(id));
}

export function schemaDocument({ urls, lang }: OgcContext, id: string) {
	return featureJsonSchema(collectionOrThrow(id), urls, lang);
}

function feature(row: FeatureRow) {
	return { type: 'Feature' as const, id: row.id, geometry: row.geometry, properties: row.properties };
}

/**
 * The part of a box where the storage CRS gives meaningful positions (a UTM zone's 6° band, widened by
 * a degree either side; short of the poles for other CRSs), or null when there is none: a box is cut
 * to it before it is transformed, since the whole world taken into UTM 39N folds onto one line. The
 * city's data all lies inside it.
 */
function usableBbox(bbox: Bbox, srid: number): Bbox | null {
	const area = utmAreaOfUse(srid) ?? { west: -180, south: -85, east: 180, north: 85 };
	const cut = {
		west: Math.max(bbox.west, area.west - 1),
		east: Math.min(bbox.east, area.east + 1),
		south: Math.max(bbox.south, area.south - 1),
		north: Math.min(bbox.north, area.north + 1)
	};
	return cut.west <= cut.east && cut.south <= cut.north ? cut : null;
}

export async function itemsDocument({ db, urls, lang }: OgcContext, id: string, query: ItemsQuery) {
	const c = collectionOrThrow(id);
	const srid = await storageSrid(db);
	const bbox = query.bbox && usableBbox(query.bbox, srid);
	const outsideTheCity = query.bbox !== null && bbox === null;
	// one more than the page: whether there is a next page, without an empty last one
	const rows = outsideTheCity ? [] : await selectItems(db, c, { bbox, after: query.after, limit: query.limit + 1 }, srid);
	const more = rows.length > query.limit;
	const page = more ? rows.slice(0, query.limit) : rows;

	let numberMatched: number | null = null;
	if (query.after === null) {
		numberMatched = more ? await countItems(db, c, bbox, srid, COUNT_CAP) : page.length;
	}

	const bboxText = query.bbox && [query.bbox.west, query.bbox.south, query.bbox.east, query.bbox.north].join(',');
	const pageUrl = (after: number | null) => urls.items(c.id, { bbox: bboxText, limit: query.limit, after, f: query.format });
	const links: Link[] = [
		link(pageUrl(query.after), 'self', MEDIA.geojson, 'this page'),
		link(urls.collection(c.id), 'collection', MEDIA.json, c.title[lang])
	];
	if (more) links.push(link(pageUrl(page[page.length - 1].id), 'next', MEDIA.geojson, 'the next page'));
	return {
		type: 'FeatureCollection' as const,
		features: page.map(feature),
		...(numberMatched !== null && { numberMatched }),
		numberReturned: page.length,
		timeStamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		links
	};
}

/** One feature; an id that is not a whole number names no feature, so it is a 404 like a missing one. */
export async function itemDocument({ db, urls, lang }: OgcContext, id: string, featureId: string) {
	const c = collectionOrThrow(id);
	const fid = positiveInt(featureId);
	const row = fid === null ? null : await selectItem(db, c, fid);
	if (!row) {
		throw new NotFoundError('feature_not_found', {
			fa: `عارضه‌ای با شناسهٔ «${featureId}» در مجموعهٔ «${c.id}» نیست.`,
			en: `There is no feature with id "${featureId}" in the collection "${c.id}".`
		});
	}
	return {
		...feature(row),
		links: [link(urls.item(c.id, row.id), 'self', MEDIA.geojson, 'this feature'), link(urls.collection(c.id), 'collection', MEDIA.json, c.title[lang])]
	};
}
