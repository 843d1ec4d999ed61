import type { Lang } from '../../i18n/lang';
import type { Collection, PropertyType } from './catalogue';
import type { OgcUrls } from './links';

/**
 * The shape of a collection's features as JSON Schema, from the catalogue. Served at
 * `/collections/{id}/schema` (rel `describedby`, as OGC API – Features Part 5 does) so clients type
 * the fields from it rather than guess from the first page: GDAL would otherwise make `width_m` an
 * Integer field when the first page happens to hold only whole widths, and cut 12.5 to 12 later on.
 * Every property may be null. The OpenAPI document reuses {@link propertiesSchema}.
 */

type Schema = Record<string, unknown>;

function propertySchema(type: PropertyType): Schema {
	return type === 'date' ? { type: 'string', format: 'date' } : { type };
}

/**
 * The `properties` member: one single-typed schema per property. `openapi` marks them `nullable`
 * (OpenAPI 3.0); plain JSON Schema keeps one `type`, which is what GDAL reads.
 */
export function propertiesSchema(c: Collection, dialect: 'json-schema' | 'openapi'): Schema {
	const properties = Object.fromEntries(
		Object.entries(c.properties).map(([name, p]) => [name, dialect === 'openapi' ? { ...propertySchema(p.type), nullable: true } : propertySchema(p.type)])
	);
	return { type: 'object', properties, additionalProperties: false };
}

export function featureJsonSchema(c: Collection, urls: OgcUrls, lang: Lang): Schema {
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		$id: urls.schema(c.id),
		title: c.title[lang],
		description: c.description[lang],
		type: 'object',
		required: ['type', 'id', 'geometry', 'properties'],
		properties: {
			type: { type: 'string', enum: ['Feature'] },
			id: { type: 'integer' },
			geometry: {
				type: 'object',
				description: `GeoJSON ${c.geometryType} in CRS84 (longitude, latitude), or null`,
				properties: { type: { type: 'string', enum: [c.geometryType] } }
			},
			properties: propertiesSchema(c, 'json-schema')
		}
	};
}
