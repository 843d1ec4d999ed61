import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The CRS policy: geometry is stored and measured in the city's projected, metric CRS (the
 * storage CRS, `PELAK_SRID`, fixed at the first migration); the API and the browser get WGS84;
 * tiles are cut from each layer's generated Web Mercator copy (geom_3857).
 */

/** WGS84 longitude/latitude: the CRS of the API, the browser and GeoJSON (RFC 7946). */
export const WGS84 = 4326;

const storageSrids = new WeakMap<object, Promise<number>>();

/**
 * The storage CRS of this database, fixed at the first migration (`pelak_settings.srid`), falling
 * back to the parcels column's SRID. Read once per database handle (a transaction is a handle of its own).
 */
export function storageSrid(db: Kysely<DB>): Promise<number> {
	let srid = storageSrids.get(db);
	if (!srid) {
		srid = sql<{ srid: number }>`
			select coalesce(
				(select value::int from pelak_settings where key = 'srid'),
				Find_SRID(current_schema()::varchar, 'parcels', 'geom')
			) as srid`
			.execute(db)
			.then((r) => Number(r.rows[0].srid));
		srid.catch(() => storageSrids.delete(db));
		storageSrids.set(db, srid);
	}
	return srid;
}
