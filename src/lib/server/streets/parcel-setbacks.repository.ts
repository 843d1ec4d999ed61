import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { MIN_OVERLAP_M2, storageGeom, toWgs84 } from '../spatial';

type Queryable = Kysely<DB> | Transaction<DB>;

/** Which conflicts to recompute: every one, or those of some streets (one plan adopted). */
export type SetbackScope = 'all' | { streetIds: number[] };

/**
 * Recomputes the setback conflicts (parcel_setbacks) from the widening corridors: the part of each
 * parcel inside each street's corridor (GiST: corridors × parcels), the land each street takes
 * (where two corridors overlap on a parcel, the overlap is shared in proportion, so a parcel's rows
 * add up to its setback), the buildings standing in it (each with the street whose corridor covers
 * most of it), the parcel's permitted buildings and the piece's WGS84 bounding box. Called whenever the corridors, the parcels or
 * the buildings change. Returns the number of conflicts written.
 */
export async function refreshParcelSetbacks(db: Queryable, scope: SetbackScope): Promise<number> {
	// Each new row counts its parcel's cases (parcel_cases, migration 0151); a case written by another
	// transaction meanwhile would update the rows this one deletes and miss the ones it inserts. Case
	// writes wait until this transaction ends (a bulk load outside one has no concurrent writers).
	if (db.isTransaction) await sql`lock table cases in share mode`.execute(db);
	const streetIds = scope === 'all' ? null : scope.streetIds;
	let removed: number[] = [];
	if (streetIds) {
		const gone = await db.deleteFrom('parcel_setbacks').where('street_id', 'in', streetIds.length ? streetIds : [-1]).returning('parcel_id').execute();
		removed = gone.map((r) => Number(r.parcel_id));
	} else {
		await db.deleteFrom('parcel_setbacks').execute();
	}

	const inserted = await sql<{ parcel_id: string }>`
		insert into parcel_setbacks (parcel_id, street_id, district_id, area_m2, land_m2, permitted_buildings, geom, west, south, east, north)
		select p.id, c.street_id, p.district_id, ST_Area(x.piece), ST_Area(x.piece),
			(select count(*) from buildings b where b.parcel_id = p.id and b.permit_no is not null), x.piece,
			ST_XMin(w.box), ST_YMin(w.box), ST_XMax(w.box), ST_YMax(w.box)
		from widening_corridors c
		join parcels p on ST_Intersects(p.geom, c.geom)
		cross join lateral (select ST_Multi(ST_CollectionExtract(ST_Intersection(p.geom, c.geom), 3)) as piece) x
		cross join lateral (select ${toWgs84(storageGeom('x.piece'))} as g) w0
		cross join lateral (select ST_Envelope(w0.g) as box) w
		where c.street_id is not null ${streetIds ? sql`and c.street_id = any(${streetIds}::int[])` : sql``}
		  and ST_Area(x.piece) > ${MIN_OVERLAP_M2}
		${streetIds ? sql`returning parcel_id` : sql``}`.execute(db);

	// A parcel whose conflicts changed: its share of overlaps and its buildings are counted afresh.
	const touched = streetIds ? [...new Set([...removed, ...inserted.rows.map((r) => Number(r.parcel_id))])] : null;
	const inScope = touched ? sql`parcel_id = any(${touched}::int8[])` : sql`true`;
	if (touched) {
		if (touched.length === 0) return 0;
		await sql`update parcel_setbacks set land_m2 = area_m2, buildings_cut = 0 where ${inScope}`.execute(db);
	}
	await sql`
		with shared as (
			select parcel_id, sum(area_m2) as pieces_m2, ST_Area(ST_Union(geom)) as setback_m2
			from parcel_setbacks
			where ${inScope}
			group by parcel_id having count(*) > 1
		)
		update parcel_setbacks s set land_m2 = s.area_m2 * shared.setback_m2 / shared.pieces_m2
		from shared where s.parcel_id = shared.parcel_id and shared.pieces_m2 > 0`.execute(db);
	await sql`
		with hits as (
			select distinct on (b.id) b.id, s.parcel_id, s.street_id
			from parcel_setbacks s
			join buildings b on ST_Intersects(b.geom, s.geom)
			cross join lateral (select ST_Area(ST_Intersection(b.geom, s.geom)) as a) x
			where ${touched ? sql`s.parcel_id = any(${touched}::int8[])` : sql`true`} and x.a > ${MIN_OVERLAP_M2}
			order by b.id, x.a desc, s.street_id
		),
		counted as (select parcel_id, street_id, count(*)::int as n from hits group by parcel_id, street_id)
		update parcel_setbacks s set buildings_cut = counted.n
		from counted where s.parcel_id = counted.parcel_id and s.street_id = counted.street_id`.execute(db);
	return Number(inserted.numAffectedRows ?? inserted.rows.length);
}
