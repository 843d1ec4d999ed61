/**
 * A small city for the tile cache tests, in UTM 39N near Isfahan: a district, a zone, parcel `near`
 * (20 × 30 m) and parcel `far` 3 km east of it (another tile from zoom 13 on), and a way to read the
 * tile holding a parcel's centre at any zoom.
 */
import { sql, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { tileAt, type TileCoord } from '../../src/lib/server/tiles/tile-coords';

const SRID = 32639;
const rect = (x0: number, y0: number, x1: number, y1: number) =>
	sql<string>`ST_Multi(ST_MakeEnvelope(${x0}::float8, ${y0}::float8, ${x1}::float8, ${y1}::float8, ${SRID}::int))`;

export interface TileCity {
	near: number;
	far: number;
	/** The tile holding the parcel's centre at zoom z. */
	tileOf(parcel: number, z: number): TileCoord;
}

export async function buildTileCity(db: Kysely<DB>): Promise<TileCity> {
	await db.insertInto('districts').values({ code: '3', name_fa: 'منطقه ۳', name_en: 'District 3', geom: rect(560000, 3610000, 568000, 3616000) }).execute();
	await db.insertInto('zoning_zones').values({ code: 'R121', land_use: 'residential', density_pct: 240, occupancy_pct: 60, max_floors: 4, geom: rect(562000, 3612000, 566000, 3614000) }).execute();
	const parcel = async (x: number, code: string) =>
		(await db.insertInto('parcels').values({ renovation_code: code, geom: rect(x, 3612600, x + 20, 3612630) }).returning('id').executeTakeFirstOrThrow()).id;
	const near = await parcel(562700, '3-12-45');
	const far = await parcel(565700, '3-40-7');
	const { rows } = await sql<{ id: number; lon: number; lat: number }>`
		select id, ST_X(c) as lon, ST_Y(c) as lat from (select id, ST_Transform(ST_Centroid(geom), 4326) as c from parcels) p`.execute(db);
	const centres = new Map(rows.map((r) => [r.id, r]));
	return {
		near,
		far,
		tileOf(id, z) {
			const { lon, lat } = centres.get(id)!;
			return tileAt(lon, lat, z);
		}
	};
}

/** Counts the statements a Kysely instance runs (`db.withPlugin(counter)`), and can hold their results back. */
export class QueryCounter implements KyselyPlugin {
	count = 0;
	/** While set, each result waits for it before it is handed back (the statement has run by then). */
	gate: Promise<void> | null = null;

	transformQuery({ node }: PluginTransformQueryArgs) {
		return node;
	}

	/** Counted here: a statement sent compiled (the tiles' kept statements) never passes transformQuery. */
	async transformResult({ result }: PluginTransformResultArgs) {
		this.count++;
		if (this.gate) await this.gate;
		return result;
	}
}

export function tileParams(layer: string, { z, x, y }: TileCoord) {
	return { layer, z: String(z), x: String(x), y: String(y) };
}
