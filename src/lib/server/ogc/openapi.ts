import { allCollections, type Collection } from './catalogue';
import { propertiesSchema } from './feature-schema';
import { MEDIA } from './links';
import { DEFAULT_LIMIT, MAX_LIMIT } from './query';
import { API_TITLE, COUNT_CAP, type OgcContext } from './ogc.service';

/**
 * The API definition (`/ogc/api`, OpenAPI 3.0), generated from the catalogue: one explicit path per
 * collection, so GDAL and QGIS read each one's parameters (`limit`'s default and maximum, `bbox`,
 * `after`, `f`) and its feature properties. Every parameter the server accepts is declared here;
 * any other is refused with a 400.
 */

type Json = Record<string, unknown>;

const ref = (kind: 'parameters' | 'schemas' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const content = (type: string, schema: Json) => ({ content: { [type]: { schema } } });

const PARAMETERS = {
	// `f` and `after` carry no `style`/`explode`: QGIS takes every query parameter that declares
	// `style: form, explode: false` (bar bbox, limit, datetime, crs, filter…) for a property filter.
	f: {
		name: 'f',
		in: 'query',
		required: false,
		description: 'The encoding of the answer; JSON (GeoJSON for features) is the only one.',
		schema: { type: 'string', enum: ['json'] }
	},
	limit: {
		name: 'limit',
		in: 'query',
		required: false,
		style: 'form',
		explode: false,
		description: `How many features a page holds at most. A larger value is served as ${MAX_LIMIT}.`,
		schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }
	},
	bbox: {
		name: 'bbox',
		in: 'query',
		required: false,
		style: 'form',
		explode: false,
		description:
			'Only features whose geometry meets this box: west,south,east,north in CRS84 degrees (six numbers: with the lowest and highest heights, which are ignored).',
		schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } }
	},
	after: {
		name: 'after',
		in: 'query',
		required: false,
		description: 'Paging: only features with a larger id than this one, the last of the previous page. Follow the `next` link rather than writing it.',
		schema: { type: 'integer', minimum: 1 }
	},
	featureId: {
		name: 'featureId',
		in: 'path',
		required: true,
		description: 'The id of a feature.',
		schema: { type: 'integer', minimum: 1 }
	}
};

const LINK = {
	type: 'object',
	required: ['href', 'rel'],
	properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } }
};

const SCHEMAS: Json = {
	link: LINK,
	links: { type: 'array', items: ref('schemas', 'link') },
	landingPage: {
		type: 'object',
		required: ['links'],
		properties: { title: { type: 'string' }, description: { type: 'string' }, links: ref('schemas', 'links') }
	},
	confClasses: {
		type: 'object',
		required: ['conformsTo'],
		properties: { conformsTo: { type: 'array', items: { type: 'string' } } }
	},
	collection: {
		type: 'object',
		required: ['id', 'links'],
		properties: {
			id: { type: 'string' },
			title: { type: 'string' },
			description: { type: 'string' },
			itemType: { type: 'string' },
			crs: { type: 'array', items: { type: 'string' } },
			extent: {
				type: 'object',
				properties: {
					spatial: {
						type: 'object',
						properties: {
							bbox: { type: 'array', items: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } } },
							crs: { type: 'string' }
						}
					}
				}
			},
			links: ref('schemas', 'links')
		}
	},
	collections: {
		type: 'object',
		required: ['links', 'collections'],
		properties: { links: ref('schemas', 'links'), collections: { type: 'array', items: ref('schemas', 'collection') } }
	},
	geometryGeoJSON: {
		type: 'object',
		nullable: true,
		required: ['type'],
		properties: { type: { type: 'string' }, coordinates: { type: 'array', items: {} } }
	},
	error: {
		type: 'object',
		required: ['error'],
		description: 'A refusal: a stable code and a message naming the problem (Persian, or English with the lang=en cookie).',
		properties: {
			error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } }
		}
	}
};

const RESPONSES = {
	InvalidParameter: { description: 'An unknown, repeated or malformed query parameter.', ...content(MEDIA.json, ref('schemas', 'error')) },
	NotFound: { description: 'No such collection or feature.', ...content(MEDIA.json, ref('schemas', 'error')) }
};

function operation(operationId: string, summary: string, parameters: string[], ok: Json, notFound = false) {
	return {
		get: {
			operationId,
			summary,
			parameters: parameters.map((p) => ref('parameters', p)),
			responses: {
				200: { description: summary, ...ok },
				400: ref('responses', 'InvalidParameter'),
				...(notFound && { 404: ref('responses', 'NotFound') })
			}
		}
	};
}

function featureSchema(c: Collection): Json {
	return {
		type: 'object',
		required: ['type', 'id', 'geometry', 'properties'],
		properties: {
			type: { type: 'string', enum: ['Feature'] },
			id: { type: 'integer' },
			geometry: ref('schemas', 'geometryGeoJSON'),
			properties: propertiesSchema(c, 'openapi'),
			links: ref('schemas', 'links')
		}
	};
}

function featureCollectionSchema(c: Collection): Json {
	return {
		type: 'object',
		required: ['type', 'features', 'numberReturned', 'timeStamp', 'links'],
		properties: {
			type: { type: 'string', enum: ['FeatureCollection'] },
			features: { type: 'array', items: ref('schemas', `${c.id}.feature`) },
			numberMatched: { type: 'integer', minimum: 0, description: `Exact; given on the first page when at most ${COUNT_CAP} features match.` },
			numberReturned: { type: 'integer', minimum: 0 },
			timeStamp: { type: 'string', format: 'date-time' },
			links: ref('schemas', 'links')
		}
	};
}

function collectionPaths(c: Collection): Json {
	const name = c.title.en;
	return {
		[`/collections/${c.id}`]: operation(`describe.${c.id}`, `${name}: the collection`, ['f'], content(MEDIA.json, ref('schemas', 'collection')), true),
		[`/collections/${c.id}/items`]: operation(
			`items.${c.id}`,
			`${name}: a page of features`,
			['bbox', 'limit', 'after', 'f'],
			content(MEDIA.geojson, ref('schemas', `${c.id}.featureCollection`)),
			true
		),
		[`/collections/${c.id}/items/{featureId}`]: operation(
			`item.${c.id}`,
			`${name}: one feature`,
			['featureId', 'f'],
			content(MEDIA.geojson, ref('schemas', `${c.id}.feature`)),
			true
		),
		[`/collections/${c.id}/schema`]: operation(`schema.${c.id}`, `${name}: the schema of the features`, ['f'], content(MEDIA.jsonSchema, { type: 'object' }), true)
	};
}

export function openApiDocument({ urls, lang }: Pick<OgcContext, 'urls' | 'lang'>): Json {
	const collections = allCollections();
	return {
		openapi: '3.0.3',
		info: {
			title: API_TITLE[lang],
			version: '1.0.0',
			description: 'OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the city’s public layers, in CRS84.'
		},
		servers: [{ url: urls.root }],
		paths: {
			'/': operation('landingPage', 'The landing page', ['f'], content(MEDIA.json, ref('schemas', 'landingPage'))),
			'/conformance': operation('conformance', 'The conformance classes', ['f'], content(MEDIA.json, ref('schemas', 'confClasses'))),
			'/api': operation('api', 'This API definition', ['f'], content(MEDIA.openapi, { type: 'object' })),
			'/collections': operation('collections', 'The collections', ['f'], content(MEDIA.json, ref('schemas', 'collections'))),
			...Object.assign({}, ...collections.map(collectionPaths))
		},
		components: {
			parameters: PARAMETERS,
			schemas: {
				...SCHEMAS,
				...Object.fromEntries(
					collections.flatMap((c) => [
						[`${c.id}.feature`, featureSchema(c)],
						[`${c.id}.featureCollection`, featureCollectionSchema(c)]
					])
				)
			},
			responses: RESPONSES
		}
	};
}
