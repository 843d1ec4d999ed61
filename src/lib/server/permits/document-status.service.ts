import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { ForbiddenError, NotFoundError } from '../errors';
import { loadVisibleCase } from '../cases/access';
import { changeIssuedStatus, type StatusChange } from '../issued-documents/status.service';
import { findIssuedDocument } from '../issued-documents/issued-documents.repository';
import { issuedErrors } from '../issued-documents/errors';

const OFFICER_ONLY = {
	fa: 'تعلیق، بازگرداندن یا ابطال پروانه کار کارشناس منطقهٔ همین پلاک است.',
	en: 'Suspending, reinstating or revoking a permit is for the district officer of its parcel.'
};

/**
 * The district officer who supervises the parcel's district (or an admin) suspends, reinstates
 * or revokes a document issued on a case, with a reason; the status registry audits it and
 * /verify shows it at once. Others who may see the case are refused (403); anyone else 404.
 */
export async function setIssuedStatus(db: Kysely<DB>, user: SessionUser, documentId: number, change: StatusChange, now = new Date()): Promise<void> {
	const doc = Number.isSafeInteger(documentId) && documentId > 0 ? await findIssuedDocument(db, documentId) : null;
	if (!doc || doc.case_id === null) throw issuedErrors.notFound();
	const kase = await db.selectFrom('cases').select('district_id').where('id', '=', doc.case_id).executeTakeFirst();
	const officer = user.roles.some(
		(g) => g.role === 'admin' || (g.role === 'district_officer' && (g.districtId === null || g.districtId === kase?.district_id))
	);
	try {
		await loadVisibleCase(db, user, doc.case_id);
	} catch (err) {
		throw err instanceof NotFoundError ? issuedErrors.notFound() : err;
	}
	if (!officer) throw new ForbiddenError('district_officer_only', OFFICER_ONLY);
	await changeIssuedStatus(db, user, documentId, change, now);
}
