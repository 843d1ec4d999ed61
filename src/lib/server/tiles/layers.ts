import { sql, type RawBuilder } from 'kysely';
import {
	EXCAVATION_FULL_ZOOM,
	STREET_CLASS_MIN_ZOOM,
	TILE_LAYER_NAMES,
	TILE_LAYERS,
	type TileLayerName,
	type TileLayerSpec
} from '../../map/tile-layers';

import { PUBLIC_CATEGORY, PUBLIC_STATUSES } from '../../domain/excavation/works';
import { PUBLIC_STATUSES_SQL } from '../excavation/status-sql';
import { TILE_EXTENT, tileBounds } from './tile-coords';

export type { TileLayerName } from '../../map/tile-layers';

/**
 * The SQL behind each layer of the tile catalogue (`$lib/map/tile-layers.ts`, which names the
 * layers, their zoom ranges and fields). A layer's `source` selects the features whose Web Mercator
 * copy (geom_3857) touches the buffered tile, with `fid` (the MVT feature id), the catalogue's
 * fields, cast to the declared types, and `geom`. Both tile encoders (ST_AsMVT and ours) read it,
 * keeping the fields the catalogue carries at the tile's zoom (`tileFieldsAt`).
 *
 * Every table a source reads reports its changes to the tile cache: see the hook in
 * migrations/0060_tile_freshness.sql (`pelak_track_tile_layer`, `pelak_track_tile_dependency`).
 */
export interface TileLayerDefinition extends TileLayerSpec {
	name: TileLayerName;
	source: TileSource;
}

type TileSource = (z: number, bbox: RawBuilder<unknown>) => RawBuilder<unknown>;

const sources: Record<TileLayerName, TileSource> = {
	districts: (_z, bbox) => sql`
		select d.id as fid, d.id, d.code, d.name_fa, d.name_en, d.geom_3857 as geom
		from districts d where d.geom_3857 && ${bbox}`,
	blocks: (_z, bbox) => sql`
		select b.id as fid, b.id, b.code, b.geom_3857 as geom
		from blocks b where b.geom_3857 && ${bbox}`,
	streets: (z, bbox) => sql`
		select s.id as fid, s.id, s.name_fa, s.name_en, s.class,
			s.width_m::float8 as width_m, s.planned_width_m::float8 as planned_width_m, s.geom_3857 as geom
		from streets s
		where s.geom_3857 && ${bbox}
			and (case s.class
				when 'arterial' then ${STREET_CLASS_MIN_ZOOM.arterial}::int
				when 'collector' then ${STREET_CLASS_MIN_ZOOM.collector}::int
				when 'local' then ${STREET_CLASS_MIN_ZOOM.local}::int
				else ${STREET_CLASS_MIN_ZOOM.alley}::int end) <= ${z}::int`,
	widening_lines: (_z, bbox) => sql`
		select w.id as fid, w.id, w.street_id, w.planned_width_m::float8 as planned_width_m, w.geom_3857 as geom
		from widening_lines w where w.geom_3857 && ${bbox}`,
	// The rules come from the book in force by zone code; the layer's own columns only without a book.
	zoning: (_z, bbox) => sql`
		select zz.id as fid, zz.id, zz.code,
			case when b.id is null then zz.land_use else zr.land_use end as land_use,
			(case when b.id is null then zz.density_pct else zr.density_pct end)::float8 as density_pct,
			case when b.id is null then zz.max_floors else zr.max_floors end as max_floors,
			zz.geom_3857 as geom
		from zoning_zones zz
		cross join (select pelak_rule_book_in_force() as id) b
		left join zone_rules zr on zr.book_id = b.id and zr.zone_code = pelak_zone_key(zz.code)
		where zz.geom_3857 && ${bbox}`,
	overlays: (_z, bbox) => sql`
		select o.id as fid, o.id, o.kind, o.name_fa, o.name_en, o.max_height_m::float8 as max_height_m,
			o.geom_3857 as geom
		from overlays o where o.geom_3857 && ${bbox}`,
	// open_cases is kept by triggers on cases (0060); null (left out of the tile) where there are none
	parcels: (_z, bbox) => sql`
		select p.id as fid, p.id, p.renovation_code, nullif(p.open_cases, 0)::int as open_cases, p.geom_3857 as geom
		from parcels p where p.geom_3857 && ${bbox}`,
	excavations: (z, bbox) =>
		z >= EXCAVATION_FULL_ZOOM
			? sql`
		select w.id as fid, w.id, w.reference, w.status, w.purpose, o.kind as organisation_kind,
			w.starts_on::text as start, w.ends_on::text as "end",
			${widenedBelow(16, z, sql`w.geom_3857`)} as geom
		from excavation_works w join organisations o on o.id = w.organisation_id
		where w.geom_3857 && ${bbox} and w.status in (${PUBLIC_STATUSES_SQL})`
			: sql`
		select w.id as fid, w.status, ${widenedBelow(16, z, sql`w.geom_3857`)} as geom
		from excavation_works w
		where w.geom_3857 && ${bbox} and w.status in (${CURRENT_PUBLIC_STATUSES_SQL})`
};

/**
 * The public works not yet done (under review, permitted, being dug or repaired): what the excavations
 * layer shows below EXCAVATION_FULL_ZOOM. Literals, as PUBLIC_STATUSES_SQL (our own constants only).
 */
const CURRENT_PUBLIC_STATUSES_SQL = sql.raw(
	PUBLIC_STATUSES.filter((s) => PUBLIC_CATEGORY[s] !== 'completed')
		.map((s) => `'${s}'`)
		.join(', ')
);

/**
 * A trench under a metre wide is thinner than a tile unit below z16 and would vanish when snapped
 * to the tile grid: it is grown by one tile unit (in Web Mercator metres) so it stays on the map.
 */
function widenedBelow(fromZoom: number, z: number, geom: RawBuilder<unknown>): RawBuilder<unknown> {
	if (z >= fromZoom) return geom;
	const unit = tileBounds({ z, x: 0, y: 0 }).size / TILE_EXTENT;
	return sql`ST_Buffer(${geom}, ${unit}::float8, 'quad_segs=1 join=mitre')`;
}

const layers = Object.fromEntries(
	TILE_LAYER_NAMES.map((name): [TileLayerName, TileLayerDefinition] => [name, { name, ...TILE_LAYERS[name], source: sources[name] }])
) as Record<TileLayerName, TileLayerDefinition>;

export function tileLayer(name: TileLayerName): TileLayerDefinition {
	return layers[name];
}
