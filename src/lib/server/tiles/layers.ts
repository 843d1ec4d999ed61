import { sql, type RawBuilder } from 'kysely';
import type { FieldType } from './mvt-encoder';
import { MAX_ZOOM } from './tile-coords';

/**
 * The city's layers as vector tiles. Each layer's `source` selects the features whose Web Mercator
 * copy (geom_3857) touches the buffered tile, with `fid` (the MVT feature id), the properties in
 * `fields`, cast to the declared types, and `geom`. Both tile encoders (ST_AsMVT and ours) read it.
 */
export interface TileLayerDefinition {
	name: TileLayerName;
	/** Below minZoom and above maxZoom the layer's tiles are empty. */
	minZoom: number;
	maxZoom: number;
	geometry: 'polygon' | 'line';
	fields: Record<string, FieldType>;
	source(z: number, bbox: RawBuilder<unknown>): RawBuilder<unknown>;
}

export const TILE_LAYER_NAMES = [
	'districts',
	'blocks',
	'streets',
	'widening_lines',
	'zoning',
	'overlays',
	'parcels'
] as const;
export type TileLayerName = (typeof TILE_LAYER_NAMES)[number];

/** From which zoom each street class is drawn: the network thins out as the map zooms out. */
export const STREET_CLASS_MIN_ZOOM = { arterial: 11, collector: 13, local: 14, alley: 15 } as const;

const layers: Record<TileLayerName, TileLayerDefinition> = {
	districts: {
		name: 'districts',
		minZoom: 0,
		maxZoom: MAX_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', code: 'string', name_fa: 'string', name_en: 'string' },
		source: (_z, bbox) => sql`
			select d.id as fid, d.id, d.code, d.name_fa, d.name_en, d.geom_3857 as geom
			from districts d where d.geom_3857 && ${bbox}`
	},
	blocks: {
		name: 'blocks',
		minZoom: 14,
		maxZoom: MAX_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', code: 'string' },
		source: (_z, bbox) => sql`
			select b.id as fid, b.id, b.code, b.geom_3857 as geom
			from blocks b where b.geom_3857 && ${bbox}`
	},
	streets: {
		name: 'streets',
		minZoom: STREET_CLASS_MIN_ZOOM.arterial,
		maxZoom: MAX_ZOOM,
		geometry: 'line',
		fields: {
			id: 'int',
			name_fa: 'string',
			name_en: 'string',
			class: 'string',
			width_m: 'double',
			planned_width_m: 'double'
		},
		source: (z, bbox) => sql`
			select s.id as fid, s.id, s.name_fa, s.name_en, s.class,
				s.width_m::float8 as width_m, s.planned_width_m::float8 as planned_width_m, s.geom_3857 as geom
			from streets s
			where s.geom_3857 && ${bbox}
				and (case s.class
					when 'arterial' then ${STREET_CLASS_MIN_ZOOM.arterial}::int
					when 'collector' then ${STREET_CLASS_MIN_ZOOM.collector}::int
					when 'local' then ${STREET_CLASS_MIN_ZOOM.local}::int
					else ${STREET_CLASS_MIN_ZOOM.alley}::int end) <= ${z}::int`
	},
	widening_lines: {
		name: 'widening_lines',
		minZoom: 14,
		maxZoom: MAX_ZOOM,
		geometry: 'line',
		fields: { id: 'int', street_id: 'int', planned_width_m: 'double' },
		source: (_z, bbox) => sql`
			select w.id as fid, w.id, w.street_id, w.planned_width_m::float8 as planned_width_m, w.geom_3857 as geom
			from widening_lines w where w.geom_3857 && ${bbox}`
	},
	zoning: {
		name: 'zoning',
		minZoom: 11,
		maxZoom: MAX_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', code: 'string', land_use: 'string', density_pct: 'double', max_floors: 'int' },
		// The rules come from the book in force by zone code; the layer's own columns only without a book.
		source: (_z, bbox) => sql`
			select zz.id as fid, zz.id, zz.code,
				case when b.id is null then zz.land_use else zr.land_use end as land_use,
				(case when b.id is null then zz.density_pct else zr.density_pct end)::float8 as density_pct,
				case when b.id is null then zz.max_floors else zr.max_floors end as max_floors,
				zz.geom_3857 as geom
			from zoning_zones zz
			cross join (select pelak_rule_book_in_force() as id) b
			left join zone_rules zr on zr.book_id = b.id and zr.zone_code = pelak_zone_key(zz.code)
			where zz.geom_3857 && ${bbox}`
	},
	overlays: {
		name: 'overlays',
		minZoom: 10,
		maxZoom: MAX_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', kind: 'string', name_fa: 'string', name_en: 'string', max_height_m: 'double' },
		source: (_z, bbox) => sql`
			select o.id as fid, o.id, o.kind, o.name_fa, o.name_en, o.max_height_m::float8 as max_height_m,
				o.geom_3857 as geom
			from overlays o where o.geom_3857 && ${bbox}`
	},
	parcels: {
		name: 'parcels',
		minZoom: 15,
		maxZoom: MAX_ZOOM,
		geometry: 'polygon',
		fields: { id: 'int', renovation_code: 'string', open_cases: 'int' },
		// open cases are counted through the partial index cases_parcel_open_idx
		source: (_z, bbox) => sql`
			select p.id as fid, p.id, p.renovation_code,
				(select count(*) from cases c where c.parcel_id = p.id and c.status = 'open')::int as open_cases,
				p.geom_3857 as geom
			from parcels p where p.geom_3857 && ${bbox}`
	}
};

export function isTileLayerName(name: string): name is TileLayerName {
	return (TILE_LAYER_NAMES as readonly string[]).includes(name);
}

export function tileLayer(name: TileLayerName): TileLayerDefinition {
	return layers[name];
}

/** What the map needs to know about each layer (served as /tiles/layers.json). */
export function tileLayerCatalogue() {
	return TILE_LAYER_NAMES.map((name) => {
		const { minZoom, maxZoom, geometry, fields } = layers[name];
		return { id: name, minzoom: minZoom, maxzoom: maxZoom, geometry, fields: Object.keys(fields) };
	});
}
