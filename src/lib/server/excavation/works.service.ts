/**
 * Works on the map: the public list by area and dates, one work's public record, the export for
 * staff and utilities, and recording a work from a drawing. What the public sees never includes
 * the applicant: the queries do not read those columns.
 */
import type { Feature, MultiPolygon } from 'geojson';
import type { ExportWorkProperties, PublicWork, PublicWorkProperties, PublicWorksCollection } from '../../api/excavation';
import { NotFoundError } from '../errors';
import { storageSrid } from '../spatial';
import { toPersianDigits } from '../../domain/text';
import { worksCategory, type ExcavationPurpose, type ExcavationStatus } from '../../domain/excavation/works';
import type { DrawnFeature, WorksQuery } from '../../schemas/excavation';
import type { Queryable } from './footprint.repository';
import { insertWork, selectExportPage, selectPublicWork, selectWorksInArea } from './works.repository';
import { measureDrawing } from './check.service';

/** Most works one list answers; the map asks again for a smaller area (the answer says `truncated`). */
export const WORKS_LIST_LIMIT = 2000;

/** A row (properties and its WGS84 footprint) as a GeoJSON Feature whose id is the work's. */
function toFeature<P extends PublicWorkProperties>({ geometry, ...properties }: P & { geometry: MultiPolygon }): Feature<MultiPolygon, P> {
	return { type: 'Feature', id: properties.id, geometry, properties: properties as unknown as P };
}

/** `GET /api/excavations?bbox=&from=&to=`: public works in the box as GeoJSON. */
export async function listWorks(db: Queryable, query: WorksQuery): Promise<PublicWorksCollection> {
	const srid = await storageSrid(db);
	const rows = await selectWorksInArea(db, { ...query, srid, limit: WORKS_LIST_LIMIT + 1 });
	const truncated = rows.length > WORKS_LIST_LIMIT;
	return { type: 'FeatureCollection', features: rows.slice(0, WORKS_LIST_LIMIT).map((r) => toFeature(r)), truncated };
}

/** One work's public record (where a clash's `share_url` points). @throws NotFoundError for drafts and unknown ids alike. */
export async function getPublicWork(db: Queryable, id: number): Promise<PublicWork> {
	const row = Number.isSafeInteger(id) && id > 0 ? await selectPublicWork(db, id) : undefined;
	if (!row) {
		throw new NotFoundError('excavation_not_found', { fa: toPersianDigits(`کار حفاری با شناسهٔ ${id} پیدا نشد.`), en: `No excavation works has id ${id}.` });
	}
	return toFeature(row);
}

/** Every work but drafts, page by page, as GeoJSON features with the coordination fields. */
export async function* exportWorks(db: Queryable, pageSize = 1000): AsyncGenerator<Feature<MultiPolygon, ExportWorkProperties>> {
	let after = 0;
	for (;;) {
		const page = await selectExportPage(db, after, pageSize);
		for (const row of page) yield toFeature<ExportWorkProperties>(row);
		if (page.length < pageSize) return;
		after = page[page.length - 1].id;
	}
}

export interface NewWork {
	reference: string;
	organisationId: number;
	applicantUserId: number | null;
	purpose: ExcavationPurpose;
	status: ExcavationStatus;
	features: DrawnFeature[];
	start: string;
	end: string;
	emergency: boolean;
	sharedTrenchOf?: number | null;
}

/** Records a work from a drawing: the footprint and its measures are the server's, never the client's. */
export async function recordWork(db: Queryable, work: NewWork): Promise<number> {
	const drawing = await measureDrawing(db, work.features);
	return insertWork(db, {
		reference: work.reference,
		organisation_id: work.organisationId,
		applicant_user_id: work.applicantUserId,
		purpose: work.purpose,
		category: worksCategory(work.start, work.end, work.emergency),
		emergency: work.emergency,
		status: work.status,
		starts_on: work.start,
		ends_on: work.end,
		shared_trench_of: work.sharedTrenchOf ?? null,
		features: work.features,
		footprint: drawing.footprint,
		length_m: drawing.length_m
	});
}
