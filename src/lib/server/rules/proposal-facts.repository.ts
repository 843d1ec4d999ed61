/**
 * What the proposal check needs measured about a parcel, in ONE query in the storage CRS (metres):
 * the zones and overlays on it, its setback behind the widening line and net area, its north–south
 * depth after widening, and — for a footprint drawn on the map — the footprint's area, the part
 * beyond the widening line, the part outside the parcel, its depth and its distance from the
 * street edge. Every layer is reached from the one parcel row through its GiST index.
 */
import { sql, type RawBuilder } from 'kysely';
import { prepared } from '../db/prepared';
import { overlapsWith } from '../db/area-parts';
// the parcel detail's statements for the overlays and the setback, and its overlap threshold
import { corridorPartsOfParcel, overlaysOfParcel } from '../parcels/parcel.repository';
import { MIN_OVERLAP_M2 } from '../spatial';
import type { ParcelFacts } from '../../domain/rules';
import type { Queryable } from './rule-book.repository';

/** Zones covering less of the parcel than this, %, are digitising noise, not a second zone. */
const OTHER_ZONE_MIN_SHARE_PCT = 1;
/** How far a street may be from a parcel without a setback and still be its front, m. */
const FRONT_STREET_MAX_M = 50;

/** The facts as measured; the service adds the net area. */
export type ProposalFactsRow = Omit<ParcelFacts, 'net_area_m2'>;

/** The facts of one parcel; `footprint` is GeoJSON in WGS84 when the proposal draws it. Null: no such parcel. */
export async function findProposalFacts(db: Queryable, parcelId: number, footprint: string | null): Promise<ProposalFactsRow | null> {
	// prepared once per connection: checked again at every change of the drawing (db/prepared.ts)
	const { rows } = await prepared(proposalFactsQuery(parcelId, footprint)).execute(db);
	return rows[0] ?? null;
}

/** The SQL of {@link findProposalFacts}, exported so a test can EXPLAIN it. */
export function proposalFactsQuery(parcelId: number, footprint: string | null): RawBuilder<ProposalFactsRow> {
	return sql<ProposalFactsRow>`
		with p as materialized (select id, geom, area_m2 from parcels where id = ${parcelId}::int8),
		zones as (
			select z.id, z.code, x.overlap_m2
			from p cross join lateral (${overlapsWith('zoning_zones', sql.ref('p.geom'))}) x join zoning_zones z on z.id = x.id
		),
		ovl as (${overlaysOfParcel()}),
		setback as (select ST_Union(corr.part) as g from (${corridorPartsOfParcel()}) corr),
		-- on a 1 mm grid (GEOS's snapping overlay): the setback is cut from this very parcel, so their edges coincide, and
		-- the embedded PostGIS dropped the whole row where the exact overlay failed on them (parcel 1199 of the sample city)
		net as (select case when s.g is null then p.geom else ST_Difference(p.geom, s.g, 0.001) end as g from p cross join setback s),
		-- the drawn footprint, in the parcel's CRS; repaired if it crosses itself
		fp as (
			select ST_MakeValid(ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${footprint}::text), 4326), ST_SRID(p.geom)))) as g
			from p where ${footprint}::text is not null
		),
		-- the planned street the footprint reaches, inside or outside the parcel
		beyond as (
			select ST_Union(ST_Intersection(fp.g, c.geom)) as g
			from fp join widening_corridors c on ST_Intersects(c.geom, fp.g)
		),
		-- without a setback, the front is the nearest street
		street as (
			select st.geom as g from p join streets st on ST_DWithin(st.geom, p.geom, ${FRONT_STREET_MAX_M}::float8)
			order by ST_Distance(st.geom, p.geom), st.id limit 1
		)
		select p.id as parcel_id, p.area_m2 as gross_area_m2, coalesce(ST_Area(s.g), 0) as setback_area_m2,
			(select code from zones where overlap_m2 > ${MIN_OVERLAP_M2} order by overlap_m2 desc, id limit 1) as zone_code,
			(select coalesce(json_agg(code order by overlap_m2 desc, id), '[]') from (
				select code, overlap_m2, id from zones where 100 * overlap_m2 / nullif(p.area_m2, 0) >= ${OTHER_ZONE_MIN_SHARE_PCT}
				order by overlap_m2 desc, id offset 1) o) as other_zone_codes,
			(select coalesce(json_agg(ovl order by ovl.id), '[]') from ovl) as overlays,
			ST_YMax(net.g) - ST_YMin(net.g) as parcel_depth_m,
			case when fp.g is null then null else json_build_object(
				'area_m2', ST_Area(fp.g),
				'beyond_widening_m2', coalesce(ST_Area(b.g), 0),
				'outside_parcel_m2', ST_Area(ST_Difference(fp.g, p.geom)),
				'depth_m', ST_YMax(fp.g) - ST_YMin(fp.g),
				'front_distance_m', case
					when s.g is not null then ST_Distance(fp.g, s.g)
					when street.g is not null then greatest(0, ST_Distance(fp.g, street.g) - ST_Distance(p.geom, street.g))
				end
			) end as footprint
		from p
		cross join setback s
		cross join net
		left join fp on true
		left join beyond b on true
		left join street on true
	`;
}
