import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { storeDocuments, type AnyUploadInput } from '../documents';
import { isHeldBy } from '../workflows';
import { actorsFor, loadVisibleCase, requireOpenStaffCase } from './access';
import { stateOf } from './case-state';
import { caseEnv, inTransaction } from './context';
import { caseErrors } from './errors';
import { stepActivityEvent } from './audit';
import { checkUploads } from './uploads';
import { getCase } from './read-cases.service';
import { appendEvent } from './case-events.repository';
import { insertSiteVisit } from './site-visits.repository';
import type { CaseContext, CaseView } from './types';

export interface SiteVisitInput {
	/** The step the visit is recorded on (a stale page cannot record on another). */
	stepId: string;
	notes: string;
	visitedAt?: Date;
	/** Picked on the map, WGS84. */
	location?: { lon: number; lat: number } | null;
	photos?: AnyUploadInput[];
}

const isLonLat = (p: { lon: number; lat: number }) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lon) <= 180 && Math.abs(p.lat) <= 90;

/** A site visit by the holder of the current step: notes, the point on the map, photos. */
export async function recordSiteVisit(db: Kysely<DB>, actor: SessionUser, caseId: number, input: SiteVisitInput, ctx: CaseContext = {}): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	const notes = typeof input.notes === 'string' ? input.notes.trim() : '';
	if (!notes) throw caseErrors.visitNotesRequired();
	const location = input.location ?? null;
	if (location && !isLonLat(location)) throw caseErrors.visitLocationInvalid();
	const visitedAt = input.visitedAt ?? env.now;
	if (!(visitedAt instanceof Date) || Number.isNaN(visitedAt.getTime()) || visitedAt > env.now) throw caseErrors.visitTimeInvalid();
	const photos = checkUploads(input.photos, 'site_visit_photo');
	await inTransaction(db, env, async (trx) => {
		const visible = await loadVisibleCase(trx, actor, caseId, { forUpdate: true });
		requireOpenStaffCase(visible);
		const { record, definition } = visible;
		const state = stateOf(record);
		if (input.stepId !== state.stepId) throw caseErrors.notCurrentStep();
		const holding = actorsFor(actor, state.districtId).find((a) => isHeldBy(definition, state, a));
		if (!holding || state.waiting) throw caseErrors.notYourStep();
		const siteVisitId = await insertSiteVisit(trx, { case_id: caseId, visited_by: actor.id, visited_at: visitedAt.toISOString(), step: state.stepId, notes, location });
		const documents = await storeDocuments(trx, env.files, caseId, actor.id, photos, { siteVisitId });
		const details = { siteVisitId, documentIds: documents.map((d) => d.id), location };
		await appendEvent(trx, stepActivityEvent(record, { action: 'site_visit', actorId: actor.id, role: holding.role, at: env.now, text: notes, details }, env.ip));
	});
	return getCase(db, actor, caseId, ctx);
}
