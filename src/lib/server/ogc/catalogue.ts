import { sql, type RawBuilder } from 'kysely';
import type { Bilingual } from '../../i18n/lang';
import type { DB } from '../db/schema';

/**
 * The public collections of the OGC API – Features (`/ogc`): which table each reads, and the
 * properties it publishes. The property lists are allow-lists: a column not named here never leaves
 * the server, so a column added to a table later stays private until someone adds it here on purpose.
 * Nothing about people is published (owners, national ids, mobiles, applicants, case contents).
 *
 * Adding a public layer is one entry:
 *
 *     street_surfaces: {
 *       table: 'street_surfaces',
 *       title: { fa: 'رویهٔ معابر', en: 'Street surfaces' },
 *       description: { fa: '…', en: '…' },
 *       geometryType: 'MultiPolygon',
 *       properties: { street_id: integer(), surface: text(), paved_on: date() }
 *     },
 *
 * Every collection is served in CRS84 (longitude, latitude), transformed from the storage CRS.
 */

export type PropertyType = 'string' | 'integer' | 'number' | 'date';

export interface PropertySpec {
	type: PropertyType;
	/** SQL over the collection's row `t`; by default the column of the property's name. */
	expression?: RawBuilder<unknown>;
}

export interface CollectionSpec {
	table: keyof DB & string;
	title: Bilingual;
	description: Bilingual;
	geometryType: 'MultiPolygon' | 'MultiLineString' | 'MultiPoint';
	/** The integer primary key (feature ids and the paging key); `id` unless said. */
	idColumn?: string;
	/** The geometry column, in the storage CRS; `geom` unless said. */
	geometryColumn?: string;
	properties: Record<string, PropertySpec>;
}

const text = (expression?: RawBuilder<unknown>): PropertySpec => ({ type: 'string', expression });
const integer = (expression?: RawBuilder<unknown>): PropertySpec => ({ type: 'integer', expression });
/** numeric and double columns, as float8 so both drivers give a JSON number. */
const number = (column?: string): PropertySpec => ({ type: 'number', expression: column ? sql`t.${sql.ref(column)}::float8` : undefined });
/** A date as `YYYY-MM-DD` (GeoJSON has no date type; JSON Schema's `format: date`). */
const date = (column: string): PropertySpec => ({ type: 'date', expression: sql`to_char(t.${sql.ref(column)}, 'YYYY-MM-DD')` });
/** The code of a referenced district or block (one primary-key look-up per feature). */
const codeOf = (table: 'districts' | 'blocks', column: string): PropertySpec =>
	text(sql`(select r.code from ${sql.table(table)} r where r.id = t.${sql.ref(column)})`);

/** The property kinds a catalogue entry is written with. */
export const property = { text, integer, number, date, codeOf };

export const COLLECTIONS = {
	districts: {
		table: 'districts',
		title: { fa: 'مناطق شهرداری', en: 'Municipal districts' },
		description: { fa: 'مرز مناطق شهرداری (منطقه).', en: 'Boundaries of the municipal districts.' },
		geometryType: 'MultiPolygon',
		properties: { code: text(), name_fa: text(), name_en: text() }
	},
	blocks: {
		table: 'blocks',
		title: { fa: 'بلوک‌های شهری', en: 'Urban blocks' },
		description: { fa: 'بلوک‌های شهری با کد منطقهٔ هر یک.', en: 'Urban blocks with the code of their district.' },
		geometryType: 'MultiPolygon',
		properties: { code: text(), district_code: codeOf('districts', 'district_id') }
	},
	// Parcels: the municipal id (renovation code), where it lies and its plane area. Left out on purpose:
	// the deeds-registry plate and section, the postal code and the address (one parcel at a time they are
	// shown on the map, but in bulk they are a property register to link owners to), and `attributes`
	// (whatever columns the source file had, owners' names included).
	parcels: {
		table: 'parcels',
		title: { fa: 'پلاک‌ها (قطعات)', en: 'Parcels' },
		description: {
			fa: 'قطعات زمین با کد نوسازی، کد منطقه و بلوک و مساحت (متر مربع، در سیستم مختصات تصویری شهر).',
			en: 'Land parcels with their renovation code, district and block codes and area (m², in the city’s projected CRS).'
		},
		geometryType: 'MultiPolygon',
		properties: {
			renovation_code: text(),
			district_code: codeOf('districts', 'district_id'),
			block_code: codeOf('blocks', 'block_id'),
			area_m2: { type: 'number', expression: sql`round(t.area_m2::numeric, 2)::float8` }
		}
	},
	zoning_zones: {
		table: 'zoning_zones',
		title: { fa: 'پهنه‌های طرح تفصیلی', en: 'Detailed-plan zones' },
		description: {
			fa: 'پهنه‌بندی طرح تفصیلی: کاربری، تراکم، سطح اشغال، حداکثر طبقات و ارتفاع.',
			en: 'Detailed-plan zoning: land use, density, occupancy, maximum floors and height.'
		},
		geometryType: 'MultiPolygon',
		properties: {
			code: text(),
			land_use: text(),
			density_pct: number('density_pct'),
			occupancy_pct: number('occupancy_pct'),
			max_floors: integer(),
			max_height_m: number('max_height_m'),
			description: text()
		}
	},
	streets: {
		table: 'streets',
		title: { fa: 'معابر', en: 'Streets' },
		description: { fa: 'محور معابر با عرض موجود و عرض طرح تعریض.', en: 'Street centre lines with their current and planned widths.' },
		geometryType: 'MultiLineString',
		properties: { name_fa: text(), name_en: text(), class: text(), width_m: number('width_m'), planned_width_m: number('planned_width_m') }
	},
	widening_lines: {
		table: 'widening_lines',
		title: { fa: 'برهای اصلاحی', en: 'Street widening lines' },
		description: { fa: 'برهای اصلاحی طرح تعریض، چنان که طرح ترسیم کرده است.', en: 'The widening lines as drawn by the plan.' },
		geometryType: 'MultiLineString',
		properties: { street_id: integer(), planned_width_m: number('planned_width_m') }
	},
	widening_corridors: {
		table: 'widening_corridors',
		title: { fa: 'محدودهٔ تعریض معابر', en: 'Street widening corridors' },
		description: {
			fa: 'زمینی که طرح تعریض به معبر می‌دهد؛ عقب‌نشینی هر پلاک بخشی از آن است که در این محدوده می‌افتد.',
			en: 'Land the widening scheme takes into the street; a parcel’s setback is its part inside a corridor.'
		},
		geometryType: 'MultiPolygon',
		properties: { street_id: integer(), planned_width_m: number('planned_width_m') }
	},
	overlays: {
		table: 'overlays',
		title: { fa: 'محدوده‌های ضوابط ویژه', en: 'Planning overlays' },
		description: {
			fa: 'محدوده‌هایی که بر پهنه‌بندی محدودیت می‌افزایند، مانند حریم بناهای تاریخی.',
			en: 'Areas that add limits on top of zoning, such as heritage buffers.'
		},
		geometryType: 'MultiPolygon',
		properties: {
			kind: text(),
			name_fa: text(),
			name_en: text(),
			max_height_m: number('max_height_m'),
			max_floors: integer(),
			rule_fa: text(),
			rule_en: text()
		}
	},
	// Buildings: their size and the floor area permitted, which the parcel's remaining capacity follows
	// from. The permit number and date are left out: they lead to the permit file and its owner.
	buildings: {
		table: 'buildings',
		title: { fa: 'ساختمان‌ها', en: 'Buildings' },
		description: {
			fa: 'ساختمان‌های موجود با تعداد طبقات، زیربنای ساخته‌شده و زیربنای مجازشده.',
			en: 'Existing buildings with their floors, built floor area and permitted floor area.'
		},
		geometryType: 'MultiPolygon',
		properties: {
			parcel_id: integer(),
			floors: integer(),
			built_floor_area_m2: number('built_floor_area_m2'),
			permitted_floor_area_m2: number('permitted_floor_area_m2')
		}
	}
} satisfies Record<string, CollectionSpec>;

export type CollectionId = keyof typeof COLLECTIONS;

export const COLLECTION_IDS = Object.keys(COLLECTIONS) as CollectionId[];

export interface Collection extends Required<Omit<CollectionSpec, 'properties'>> {
	id: string;
	properties: Record<string, Required<PropertySpec>>;
}

/** A catalogue entry with every default filled in. */
export function withDefaults(id: string, spec: CollectionSpec): Collection {
	const properties = Object.fromEntries(
		Object.entries(spec.properties).map(([name, p]) => [name, { type: p.type, expression: p.expression ?? sql`t.${sql.ref(name)}` }])
	);
	return { idColumn: 'id', geometryColumn: 'geom', ...spec, id, properties };
}

/** A public collection by its id; null for an id that is not public. */
export function findCollection(id: string): Collection | null {
	return Object.hasOwn(COLLECTIONS, id) ? withDefaults(id, COLLECTIONS[id as CollectionId]) : null;
}

export function allCollections(): Collection[] {
	return COLLECTION_IDS.map((id) => findCollection(id)!);
}
