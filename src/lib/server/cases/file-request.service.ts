import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { findCitizenByNationalId, insertCitizen } from '../auth/users.repository';
import { askRegistry, createIdentityRegistry, type IdentityRegistry } from '../registries';
import { storeDocuments } from '../documents';
import { documentsFor } from '../workflows/documents';
import { applyAction, evaluateEligibility, requestTypeById, startCase, stepOf, type Actor, type ApplicantType, type RequestTypeDefinition } from '../workflows';
import { tehranDate } from '../../domain/working-days';
import { generateTrackingCode } from '../../domain/tracking-code';
import { toJalali } from '../../domain/jalali';
import { validateNationalId } from '../../domain/national-id';
import { normaliseMobile } from '../../domain/mobile';
import { stateColumns } from './case-state';
import { caseEnv, inTransaction } from './context';
import { caseErrors, workflowRefusal } from './errors';
import { transitionEvent } from './audit';
import { filedText } from './notifications';
import { checkApplicantKinds, checkUploads, requireDocuments } from './uploads';
import { ownersOfParcel, requiresOwnership, type ParcelOwners } from './ownership';
import { consumeDailyQuota, quotasFromEnv } from './quotas';
import { trustErrors } from './trust-errors';
import { parcelFacts } from './request-options.service';
import { getCase } from './read-cases.service';
import { appendEvent } from './case-events.repository';
import { lockParcel } from './parcel-record.repository';
import { findCase, insertCase, trackingCodeExists, updateCase, type Executor } from './cases.repository';
import { idempotentWrite, once } from './idempotency';
import type { CaseContext, CaseView, FileRequestInput } from './types';

/** Who files: the owner themself, a technical representative for the owner, or an officer at the counter. */
type Filer = 'citizen' | 'representative' | 'counter';

function filerOf(actor: SessionUser, onBehalf: boolean): Filer {
	const has = (role: string) => actor.roles.some((g) => g.role === role);
	if (!onBehalf) {
		if (!has('citizen')) throw has('representative') ? caseErrors.representativeNamesOwner() : caseErrors.citizenOnly();
		return 'citizen';
	}
	if (has('representative')) return 'representative';
	if (has('district_officer')) return 'counter';
	throw caseErrors.notARepresentative();
}

/** The owner a representative or the counter files for, checked before any transaction. */
type NamedOwner =
	| { nationalId: string; accountId: number }
	| { nationalId: string; accountId: null; mobile: string; displayName: string };

/**
 * The owner named by national id: their account, or — for someone without one — their mobile,
 * which the operator registry (Shahkar) must confirm is theirs before an account is made for them
 * (nobody can open an account in another person's name through a filing).
 */
async function nameOwner(db: Kysely<DB>, owner: NonNullable<FileRequestInput['onBehalfOf']>, identity: IdentityRegistry): Promise<NamedOwner> {
	const nationalId = validateNationalId(String(owner.nationalId ?? ''));
	if (!nationalId.ok) throw caseErrors.ownerInvalid('national_id', nationalId);
	const found = await findCitizenByNationalId(db, nationalId.value);
	if (found) {
		if (!found.active) throw caseErrors.ownerInactive();
		return { nationalId: nationalId.value, accountId: found.id };
	}
	if (!owner.mobile) throw caseErrors.ownerMobileRequired();
	const mobile = normaliseMobile(owner.mobile);
	if (!mobile.ok) throw caseErrors.ownerInvalid('mobile', mobile);
	const answer = await askRegistry(identity, nationalId.value, mobile.value);
	if (answer === 'unavailable') throw trustErrors.identityUnavailable();
	if (answer === 'not_matched') throw trustErrors.ownerMobileNotMatched();
	return { nationalId: nationalId.value, accountId: null, mobile: mobile.value, displayName: owner.displayName?.trim() || `مالک ${nationalId.value}` };
}

/** The owner's account id, made inside the filing's transaction when they had none (found again first: a race). */
async function resolveOwner(trx: Transaction<DB>, owner: NamedOwner): Promise<number> {
	if (owner.accountId !== null) return owner.accountId;
	const found = await findCitizenByNationalId(trx, owner.nationalId);
	if (found) return found.id;
	return insertCitizen(trx, { nationalId: owner.nationalId, mobile: owner.mobile, displayName: owner.displayName });
}

/** Refuses a filing for someone the deeds registry does not name an owner of the plate. */
function requireOwner(ownership: ParcelOwners, filer: Filer, nationalId: string | null): void {
	if (nationalId !== null && ownership.owners.has(nationalId)) return;
	throw filer === 'citizen' ? trustErrors.notAnOwner(ownership.plate) : trustErrors.namedOwnerNotAnOwner(ownership.plate);
}

async function newTrackingCode(db: Executor, now: Date): Promise<string> {
	const year = toJalali(tehranDate(now)).year;
	let code: string;
	do code = generateTrackingCode(year);
	while (await trackingCodeExists(db, code));
	return code;
}

function requiredDocuments(definition: RequestTypeDefinition, applicantType: ApplicantType, filer: Filer): string[] {
	return documentsFor(definition, { type: applicantType, viaRepresentative: filer === 'representative' })
		.filter((d) => d.required)
		.map((d) => d.kind);
}

/**
 * Files a request on a parcel: eligibility from the request type against the parcel's record
 * (open cases, issued permits, remaining capacity), the required documents, a tracking code, and
 * the filing step submitted so the case lands in the district's cartable. A citizen files for
 * themself; a technical representative files for an owner only with a power of attorney; a
 * district officer may file for an owner at the counter (filed_online = false).
 *
 * Issue 7: a permit-type request (see `requiresOwnership`) is filed only for an owner the deeds
 * registry names; a representative's power of attorney waits for an officer (`poa_status`
 * pending), and until it is accepted the representative has no applicant rights and the case
 * blocks nobody; applicants' filings and upload bytes count against their daily quotas; applicants
 * upload only the kinds the request type asks of them.
 */
export async function fileRequest(db: Kysely<DB>, actor: SessionUser, input: FileRequestInput, ctx: CaseContext = {}): Promise<CaseView> {
	const env = await caseEnv(db, ctx);
	const definition = requestTypeById(String(input.requestType));
	if (!definition) throw caseErrors.unknownRequestType(String(input.requestType));
	if (!Number.isSafeInteger(input.parcelId) || input.parcelId <= 0) throw caseErrors.parcelNotFound();
	const filer = filerOf(actor, Boolean(input.onBehalfOf));
	const applicantType = input.applicantType ?? 'natural_person';
	if (applicantType !== 'natural_person' && applicantType !== 'legal_person') throw caseErrors.applicantTypeInvalid();
	const uploads = checkUploads(input.documents);
	// With a key, a retry of a filing that committed (its answer lost) answers the first case: no registry is asked, nothing written.
	const write = idempotentWrite(input.idempotencyKey, 'file_request', filingFields(input, filer, applicantType), uploads);
	checkApplicantKinds(definition, uploads);
	if (filer === 'representative' && !uploads.some((u) => u.kind === 'power_of_attorney')) throw caseErrors.powerOfAttorneyRequired();
	requireDocuments(requiredDocuments(definition, applicantType, filer), uploads);
	const uploadBytes = uploads.reduce((sum, u) => sum + u.size, 0);

	const outcome = await once(db, actor.id, write, async (claim, settle) => {
		const named = filer === 'citizen' ? null : await nameOwner(db, input.onBehalfOf!, ctx.identity ?? createIdentityRegistry());
		const ownership = requiresOwnership(definition) ? await ownersOfParcel(db, input.parcelId, ctx.deeds) : null;
		if (ownership) requireOwner(ownership, filer, named ? named.nationalId : actor.nationalId);
		return inTransaction(db, env, async (trx) => {
			await claim(trx);
			const parcel = await lockParcel(trx, input.parcelId);
			if (!parcel) throw caseErrors.parcelNotFound();
			const districtId = parcel.district_id;
			if (districtId === null) throw caseErrors.parcelWithoutDistrict();
			if (filer === 'counter' && !actor.roles.some((g) => g.role === 'district_officer' && (g.districtId === null || g.districtId === districtId))) {
				throw caseErrors.notYourDistrict();
			}
			const applicantId = filer === 'citizen' ? actor.id : await resolveOwner(trx, named!);
			const eligibility = evaluateEligibility(definition, await parcelFacts(trx, parcel.id, applicantId));
			if (!eligibility.eligible) throw caseErrors.notEligible(eligibility.failures);
			await consumeDailyQuota(trx, actor, { filings: 1, uploadBytes }, env.now, ctx.quotas ?? quotasFromEnv());

			const representativeId = filer === 'representative' ? actor.id : null;
			const filedBy: Actor = { userId: String(actor.id), role: filer === 'counter' ? 'district_officer' : filer };
			const parties = { applicantId: String(applicantId), representativeId: representativeId === null ? null : String(representativeId), districtId };
			const started = startCase(definition, parties, filedBy, env.now, env.calendar);
			const trackingCode = await newTrackingCode(trx, env.now);

			const caseId = await insertCase(trx, {
				parcel_id: parcel.id,
				tracking_code: trackingCode,
				kind: definition.id,
				title_fa: definition.name.fa,
				title_en: definition.name.en,
				opened_at: env.now.toISOString(),
				request_type: definition.id,
				applicant_user_id: applicantId,
				applicant_type: applicantType,
				representative_user_id: representativeId,
				owner_verified: ownership !== null,
				poa_status: representativeId === null ? null : 'pending',
				district_id: districtId,
				filed_online: filer !== 'counter',
				...stateColumns(definition, started.state, null)
			});
			const documents = await storeDocuments(trx, env.files, caseId, actor.id, uploads);
			const attorney = documents.find((d) => d.kind === 'power_of_attorney');
			if (attorney) await updateCase(trx, caseId, { power_of_attorney_document_id: attorney.id });
			const filing = { documentIds: documents.map((d) => d.id), filedOnline: filer !== 'counter' };
			await appendEvent(trx, transitionEvent(caseId, { ...started.audit, text: input.note?.trim() || null }, env.ip, filing));

			// Submitting the filing step: the applicant side approves it (at the counter, on their behalf).
			let state = started.state;
			const initial = stepOf(definition, state.stepId);
			if (initial.holder.role === 'applicant' && initial.transitions.some((t) => t.action === 'approve')) {
				const submitter: Actor = filer === 'counter' ? { userId: String(applicantId), role: 'citizen' } : filedBy;
				const submitted = applyAction(definition, state, { type: 'approve', stepId: state.stepId }, submitter, env.now, env.calendar);
				if (!submitted.ok) throw workflowRefusal(submitted.error);
				state = submitted.state;
				await updateCase(trx, caseId, stateColumns(definition, state, null));
				const audit = { ...submitted.audit, actorId: filedBy.userId, role: filedBy.role };
				await appendEvent(trx, transitionEvent(caseId, audit, env.ip, filer === 'counter' ? { atCounter: true } : {}));
			}
			await settle(trx, { caseId, referralId: null });
			return { caseId, referralId: null, applicantId, trackingCode, state };
		});
	});
	if (outcome.replayed) return filedView(db, actor, filer, outcome.result.caseId, ctx);

	const filed = outcome.result;
	await env.notify(filed.applicantId, filedText(definition, filed.trackingCode, filed.state));
	// A representative sees the case once an officer accepts the power of attorney; the filing
	// itself answers with what the owner sees now (their tracking code, step and deadline).
	return filedView(db, actor, filer, filed.caseId, ctx);
}

/** What a filing answers: the case as the filer sees it (a representative: as its owner does). */
async function filedView(db: Kysely<DB>, actor: SessionUser, filer: Filer, caseId: number, ctx: CaseContext): Promise<CaseView> {
	if (filer !== 'representative') return getCase(db, actor, caseId, ctx);
	const record = await findCase(db, caseId);
	return filedForOwnerView(db, record!.applicant_user_id, caseId, ctx);
}

/** The fields of a filing that make it this filing (its files count by their SHA-256). */
function filingFields(input: FileRequestInput, filer: Filer, applicantType: string): Record<string, unknown> {
	const owner = input.onBehalfOf;
	return {
		parcelId: input.parcelId,
		requestType: input.requestType,
		applicantType,
		filer,
		owner: owner ? { nationalId: owner.nationalId, mobile: owner.mobile, displayName: owner.displayName?.trim() } : undefined,
		note: input.note?.trim() || undefined
	};
}

/** The case as its owner sees it right after a representative filed it, with no actions for the representative. */
async function filedForOwnerView(db: Kysely<DB>, ownerId: number, caseId: number, ctx: CaseContext): Promise<CaseView> {
	const owner: SessionUser = { id: ownerId, kind: 'citizen', displayName: '', nationalId: null, mobile: null, username: null, roles: [{ role: 'citizen', districtId: null, agencyKind: null, engineeringOfficeId: null }] };
	const view = await getCase(db, owner, caseId, ctx);
	return { ...view, side: 'representative', actions: [], canClaim: false };
}
