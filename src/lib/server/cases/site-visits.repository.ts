import { sql } from 'kysely';
import type { Executor } from './cases.repository';

export async function insertSiteVisit(
	db: Executor,
	visit: { case_id: number; visited_by: number; visited_at: string; step: string; notes: string; location: { lon: number; lat: number } | null }
): Promise<number> {
	const location = visit.location
		? sql<string>`ST_Transform(ST_SetSRID(ST_MakePoint(${visit.location.lon}, ${visit.location.lat}), 4326),
			(select value::int from pelak_settings where key = 'srid'))`
		: null;
	const { id } = await db
		.insertInto('site_visits')
		.values({ ...visit, location })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export interface SiteVisitRow {
	id: number;
	visited_by: number;
	visited_at: Date;
	step: string;
	notes: string;
	/** WGS84 */
	lon: number | null;
	lat: number | null;
}

export async function listSiteVisits(db: Executor, caseId: number): Promise<SiteVisitRow[]> {
	const { rows } = await sql<SiteVisitRow>`
		select id, visited_by, visited_at, step, notes,
		       ST_X(ST_Transform(location, 4326)) as lon, ST_Y(ST_Transform(location, 4326)) as lat
		from site_visits where case_id = ${caseId} order by id`.execute(db);
	return rows;
}
