import { sql } from 'kysely';
import type { Executor } from './cases.repository';
import { lonLatToStorage, storageGeom, storageSrid, toWgs84 } from '../spatial';

export async function insertSiteVisit(
	db: Executor,
	visit: { case_id: number; visited_by: number; visited_at: string; step: string; notes: string; location: { lon: number; lat: number } | null }
): Promise<number> {
	const location = visit.location ? lonLatToStorage(visit.location, await storageSrid(db)) : null;
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
		       ST_X(${toWgs84(storageGeom('location'))}) as lon, ST_Y(${toWgs84(storageGeom('location'))}) as lat
		from site_visits where case_id = ${caseId} order by id`.execute(db);
	return rows;
}
