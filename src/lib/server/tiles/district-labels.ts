import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * One label point per district, for the map's district names (a GeoJSON source beside the tiles).
 *
 * A name drawn from the district polygons of the vector tiles is placed once per tile the polygon
 * reaches, so every district was named two to six times over the city and the council's dashboard.
 * Here each district has one point: the centre of the largest circle that fits in it (the pole of
 * inaccessibility, inside even a C-shaped or many-part district), found on the outline simplified to
 * 5 m, which moves it by no more than that and keeps it cheap for a detailed real-world boundary. The
 * boundaries are valid polygons by the database's rule (districts_geom_valid, migrations/0155).
 */
export interface DistrictLabel {
	type: 'Feature';
	id: number;
	geometry: { type: 'Point'; coordinates: [number, number] };
	properties: { id: number; code: string; name_fa: string; name_en: string | null };
}

export async function districtLabels(db: Kysely<DB>): Promise<{ type: 'FeatureCollection'; features: DistrictLabel[] }> {
	const { rows } = await sql<{ id: number; code: string; name_fa: string; name_en: string | null; lon: number; lat: number }>`
		select l.id, l.code, l.name_fa, l.name_en, ST_X(l.p) as lon, ST_Y(l.p) as lat
		from (
			select d.id, d.code, d.name_fa, d.name_en,
				ST_Transform((ST_MaximumInscribedCircle(ST_SimplifyPreserveTopology(d.geom, 5))).center, 4326) as p
			from districts d
		) l
		order by l.id`.execute(db);
	return {
		type: 'FeatureCollection',
		features: rows.map((r) => ({
			type: 'Feature',
			id: r.id,
			geometry: { type: 'Point', coordinates: [Math.round(r.lon * 1e6) / 1e6, Math.round(r.lat * 1e6) / 1e6] },
			properties: { id: r.id, code: r.code, name_fa: r.name_fa, name_en: r.name_en }
		}))
	};
}
