import type { Kysely } from 'kysely';
import type { DB, IssuedDocumentStatus } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { loadVisibleCase } from '../cases/access';
import { NotFoundError } from '../errors';
import { issuedErrors } from './errors';
import { findIssuedDocument, insertIssuedEvent, setIssuedStatus, type IssuedDocumentRecord } from './issued-documents.repository';
import type { Executor } from '../cases/cases.repository';

/**
 * What an issued document's status may become. Revoked and superseded are final: a mistake in a
 * revoked permit is corrected by issuing a new one, never by bringing the old one back.
 */
const NEXT: Record<IssuedDocumentStatus, readonly IssuedDocumentStatus[]> = {
	valid: ['suspended', 'revoked', 'superseded'],
	suspended: ['valid', 'revoked', 'superseded'],
	revoked: [],
	superseded: []
};

const REASON_MAX = 1000;

export interface StatusChange {
	to: 'valid' | 'suspended' | 'revoked';
	reason: string;
}

function checkedReason(reason: string): string {
	const text = reason.trim();
	if (!text || text.length > REASON_MAX) throw issuedErrors.reasonRequired();
	return text;
}

/** Staff who may see the document's case (a document without one: planners and admins). Others get 404. */
async function loadForStaff(trx: Executor, user: SessionUser, id: number): Promise<IssuedDocumentRecord> {
	const doc = Number.isSafeInteger(id) && id > 0 ? await findIssuedDocument(trx, id, { forUpdate: true }) : null;
	if (!doc) throw issuedErrors.notFound();
	if (doc.case_id === null) {
		if (!user.roles.some((g) => g.role === 'admin' || g.role === 'planner')) throw issuedErrors.notFound();
		return doc;
	}
	let side;
	try {
		side = (await loadVisibleCase(trx, user, doc.case_id)).side;
	} catch (err) {
		throw err instanceof NotFoundError ? issuedErrors.notFound() : err;
	}
	if (side !== 'staff') throw issuedErrors.staffOnly();
	return doc;
}

async function change(trx: Executor, user: SessionUser, doc: IssuedDocumentRecord, to: IssuedDocumentStatus, reason: string, now: Date, supersededBy: number | null = null) {
	if (!NEXT[doc.status].includes(to)) throw issuedErrors.badTransition(doc.status, to);
	await setIssuedStatus(trx, doc.id, { status: to, reason, at: now, supersededBy });
	await insertIssuedEvent(trx, { documentId: doc.id, at: now, actorUserId: user.id, from: doc.status, to, reason });
}

/** Suspends, reinstates (to valid) or revokes an issued document, with a reason, audited. */
export async function changeIssuedStatus(db: Kysely<DB>, user: SessionUser, id: number, input: StatusChange, now = new Date()): Promise<void> {
	const reason = checkedReason(input.reason);
	await db.transaction().execute(async (trx) => change(trx, user, await loadForStaff(trx, user, id), input.to, reason, now));
}

/** Marks a document superseded by a newer valid one of the same kind (an amended permit), audited. */
export async function supersedeIssuedDocument(db: Kysely<DB>, user: SessionUser, id: number, replacementId: number, reason: string, now = new Date()): Promise<void> {
	const text = checkedReason(reason);
	await db.transaction().execute(async (trx) => {
		const doc = await loadForStaff(trx, user, id);
		const replacement = replacementId === id ? null : await loadForStaff(trx, user, replacementId);
		if (!replacement || replacement.kind !== doc.kind || replacement.status !== 'valid') throw issuedErrors.badReplacement();
		await change(trx, user, doc, 'superseded', text, now, replacement.id);
	});
}
