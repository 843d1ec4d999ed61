/**
 * The steps of a work's life, each in ONE transaction: lock the work, ask the state machine
 * (domain/excavation/lifecycle.ts) whether this user may take this action now, do what the step
 * does (assess the fee, issue the permit, record the inspection), move the work to its next
 * status and inbox with the step's deadline (in working days, or a date: a work waiting to be paid
 * is due on its open bill's last day), and audit it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { workingCalendarOf } from '../calendar/closures';
import { detectMediaType, defaultFileStore, isKeyReferencedAnywhere, type FileStore, type StagedFile } from '../documents';
import { formatMegabytes } from '../documents/media-type';
import { BadInputError, ConflictError, ForbiddenError } from '../errors';
import type { IssueEnv } from '../issued-documents';
import { addWorkingDays, dueDate, tehranDate, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
import { decide, nextStep, STEP_WORKING_DAYS, type Guard, type UserAction, type WorkState, type WorksAction, type WorksActor } from '../../domain/excavation/lifecycle';
import type { FeeBasis } from '../../domain/excavation/fee';
import { referralAnswerProblem } from '../../domain/excavation/referrals';
import type { Assessment } from '../../domain/fees';
import { toPersianDigits } from '../../domain/text';
import { t } from '../../i18n';
import { findAssessment } from '../fees/assessment.repository';
import type { Queryable } from './footprint.repository';
import { answerReferral, findReferral, findWork, insertEvent, insertInspection, insertInspectionPhotos, updateWork, type WorkRow, type WorkUpdate } from './lifecycle.repository';
import { actorsFor, agencyKindsOf, assertMaySee, isExcavationStaff, notFound, referralNotFound } from './actors';
import { assessWork, openBillLastDay } from './fee.service';
import { issuePermit } from './permit.service';

export function workState(w: Pick<WorkRow, 'status' | 'emergency' | 'reviewed_at' | 'pending_referrals' | 'permit_document_id'>): WorkState {
	return { status: w.status, emergency: w.emergency, reviewed: w.reviewed_at !== null, pendingReferrals: w.pending_referrals, permitIssued: w.permit_document_id !== null };
}

export interface LifecycleEnv {
	now?: Date;
	calendar?: WorkingCalendar;
	files?: FileStore;
	/** passed to issueDocument (origin of the QR code, watermark) */
	issue?: IssueEnv;
}

/**
 * The inbox and deadline a work in `state` waits with. Waiting to be paid, it is due on
 * `dates.bill_last_day`, its open bill's last day (fee.service: openBillLastDay), so the bill, the
 * work page and the cartable's «overdue» name one date.
 */
export function placeIn(
	work: Pick<WorkRow, 'category' | 'start' | 'end'>,
	state: WorkState,
	dates: { regularise_by?: string | null; remedial_due_on?: string | null; bill_last_day?: IsoDate | null },
	now: Date,
	calendar: WorkingCalendar
): Pick<WorkUpdate, 'holder' | 'due_on'> {
	const step = nextStep({ ...state, category: work.category });
	if (!step) return { holder: null, due_on: null };
	let due: IsoDate;
	if ('workingDays' in step.due) due = dueDate(now, step.due.workingDays, calendar);
	else if (step.due.on === 'ends_on') due = work.end;
	else if (step.due.on === 'start_validity') {
		const today = tehranDate(now);
		due = addWorkingDays(work.start > today ? work.start : today, STEP_WORKING_DAYS.startValidity, calendar);
	} else {
		const on = step.due.on === 'regularise_by' ? dates.regularise_by : step.due.on === 'bill_last_day' ? dates.bill_last_day : dates.remedial_due_on;
		due = on ?? dueDate(now, 0, calendar);
	}
	return { holder: step.inbox, due_on: due };
}

const GUARD_MESSAGES: Record<Guard, { fa: string; en: string }> = {
	emergency: { fa: 'این اقدام فقط برای کار اضطراری است.', en: 'This step is for emergency works only.' },
	not_emergency: { fa: 'کار اضطراری از این مسیر نمی‌گذرد؛ آن را قانونی‌سازی کنید.', en: 'Emergency works do not take this step; regularise them instead.' },
	unreviewed: { fa: 'این کار پیش‌تر بررسی شده است.', en: 'These works have already been reviewed.' },
	referrals_answered: {
		fa: 'پیش از تصمیم، پاسخ استعلام‌های محدودهٔ حفاظت‌شده را ثبت کنید.',
		en: 'Record the answers to the protected-area referrals before deciding.'
	},
	permit_issued: { fa: 'تا مجوز صادر نشده (هزینه پرداخت نشده)، پایان کار پذیرفته نیست.', en: 'Completion is not accepted until the permit is issued (the fee paid).' }
};

/** The refusal of an action the state machine did not allow, naming why, in both languages. */
function refusal(action: WorksAction, work: WorkRow, reason: 'wrong_status' | 'wrong_actor' | Guard) {
	const act = { fa: t('fa', `excavation_action.${action}`), en: t('en', `excavation_action.${action}`) };
	if (reason === 'wrong_actor') {
		return new ForbiddenError('not_your_step', { fa: `«${act.fa}» کار شما نیست.`, en: `"${act.en}" is not yours to do.` });
	}
	if (reason === 'wrong_status') {
		const st = { fa: t('fa', `excavation_status.${work.status}`), en: t('en', `excavation_status.${work.status}`) };
		return new ConflictError('wrong_status', {
			fa: toPersianDigits(`کار ${work.reference} در وضعیت «${st.fa}» است؛ «${act.fa}» اکنون ممکن نیست.`),
			en: `Works ${work.reference} is ${st.en.toLowerCase()}; "${act.en}" is not possible now.`
		});
	}
	return new ConflictError(`guard_${reason}`, GUARD_MESSAGES[reason]);
}

export interface ActionInput {
	action: UserAction;
	note?: string | null;
	/** approve / regularise: the permit's conditions */
	conditions?: string[];
	/** fail: working days to remedy */
	remedialDays?: number;
	/** pass / fail: evidence photos (JPEG or PNG), streamed to disk by the page (`readStreamedForm`) */
	photos?: WorkPhotoInput[];
}

/** A photo as the page streamed it to disk: never in memory; its size, SHA-256 and first bytes already counted. */
export interface WorkPhotoInput {
	name: string;
	staged: StagedFile;
}

/** Each inspection photo: JPEG or PNG by content, at most 10 MB (a phone photo is 2–6 MB); at most 8 to a step. */
export const WORK_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const WORK_MAX_PHOTOS = 8;

const MAX_NOTE = 2000;
const clean = (text: string | null | undefined) => (text ?? '').trim().slice(0, MAX_NOTE) || null;

/** A file name as shown back: no folders, no control characters, at most 200 characters. */
function photoName(name: unknown): string {
	// eslint-disable-next-line no-control-regex
	const base = String(name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return (base || 'photo').slice(0, 200);
}

/** Every photo checked before anything is written: how many, not empty, not too large, JPEG or PNG by content (not by name). */
function checkedPhotos(photos: ActionInput['photos']) {
	const list = photos ?? [];
	if (list.length > WORK_MAX_PHOTOS) {
		throw new BadInputError('too_many_photos', {
			fa: toPersianDigits(`${list.length} عکس فرستاده شد؛ حداکثر ${WORK_MAX_PHOTOS} عکس برای هر بازرسی پذیرفته می‌شود.`),
			en: `${list.length} photos were sent; at most ${WORK_MAX_PHOTOS} are accepted for an inspection.`
		});
	}
	return list.map((p, i) => {
		const name = photoName(p?.name);
		const size = p?.staged?.size ?? 0;
		if (size === 0) {
			throw new BadInputError('photo_empty', { fa: toPersianDigits(`عکس ${i + 1} («${name}») خالی است.`), en: `Photo ${i + 1} ("${name}") is empty.` });
		}
		if (size > WORK_PHOTO_MAX_BYTES) {
			const is = formatMegabytes(size);
			const max = formatMegabytes(WORK_PHOTO_MAX_BYTES);
			throw new BadInputError('photo_too_large', {
				fa: toPersianDigits(`عکس ${i + 1} («${name}») ${is.fa} است؛ هر عکس حداکثر ${max.fa}.`),
				en: `Photo ${i + 1} ("${name}") is ${is.en}; each photo may be at most ${max.en}.`
			});
		}
		const type = detectMediaType(p.staged.head);
		if (type !== 'image/jpeg' && type !== 'image/png') {
			throw new BadInputError('photo_not_image', {
				fa: toPersianDigits(`عکس ${i + 1} («${name}») تصویر JPEG یا PNG نیست.`),
				en: `Photo ${i + 1} ("${name}") is not a JPEG or PNG image.`
			});
		}
		return { name, staged: p.staged, mediaType: type };
	});
}

/**
 * Takes a step on a work. 404 when the user may not see the work (another organisation's, a
 * forged id), 403 when the step is not theirs, 409 when the work's state refuses it now, 400 for
 * bad input; nothing is written then.
 */
export async function actOnWork(db: Kysely<DB>, user: SessionUser, workId: number, input: ActionInput, env: LifecycleEnv = {}): Promise<WorkRow> {
	const now = env.now ?? new Date();
	const calendar = env.calendar ?? (await workingCalendarOf(db));
	if (!Number.isSafeInteger(workId) || workId <= 0) throw notFound(workId);
	const photos = checkedPhotos(input.photos);
	if ((input.action === 'pass' || input.action === 'fail') && photos.length === 0) {
		throw new BadInputError('photos_required', { fa: 'دست‌کم یک عکس از ترمیم پیوست کنید.', en: 'Attach at least one photo of the reinstatement.' });
	}
	if ((input.action === 'refuse' || input.action === 'fail') && !clean(input.note)) {
		throw new BadInputError('reason_required', { fa: 'دلیل را بنویسید.', en: 'Give the reason.' });
	}
	const remedialDays = input.remedialDays ?? STEP_WORKING_DAYS.remedy;
	if (input.action === 'fail' && !(Number.isInteger(remedialDays) && remedialDays >= 1 && remedialDays <= 60)) {
		throw new BadInputError('remedial_days_invalid', { fa: 'مهلت اصلاح باید ۱ تا ۶۰ روز کاری باشد.', en: 'The remedy period must be 1 to 60 working days.' });
	}
	const files = photos.length > 0 ? (env.files ?? defaultFileStore()) : null;
	// files this step put into the store: removed again if its transaction rolls back (unless something else refers to them)
	const created: string[] = [];
	try {
		return await db.transaction().execute((trx) => step(trx));
	} catch (err) {
		if (files) for (const key of created) if (!(await isKeyReferencedAnywhere(db, key).catch(() => true))) await files.remove(key).catch(() => undefined);
		throw err;
	}

	async function step(trx: Transaction<DB>): Promise<WorkRow> {
		const work = await findWork(trx, workId, { forUpdate: true });
		if (!work) throw notFound(workId);
		const actors = assertMaySee(user, work);
		const verdict = decide(input.action, workState(work), actors);
		if (!verdict.ok) throw refusal(input.action, work, verdict.reason);
		const actor = verdict.transition.by.find((a) => actors.includes(a))!;
		const to = verdict.transition.to;
		const update: Partial<WorkUpdate> = {};
		const details: Record<string, unknown> = {};
		const note = clean(input.note);

		switch (input.action) {
			case 'approve':
			case 'regularise': {
				const conditions = (input.conditions ?? []).map((c) => c.trim()).filter(Boolean).slice(0, 20);
				const bases = ((work.check_result as { fee_bases?: FeeBasis[] } | null)?.fee_bases ?? []) as FeeBasis[];
				const fee = await assessWork(trx, work, bases, user.id, now);
				Object.assign(update, { reviewed_at: now, reviewed_by: user.id, conditions, assessment_id: fee.assessmentId, deposit_rial: fee.depositRial });
				Object.assign(details, { conditions, assessment_id: fee.assessmentId, total_rial: fee.totalRial, deposit_rial: fee.depositRial });
				break;
			}
			case 'refuse':
				Object.assign(update, { reviewed_at: now, reviewed_by: user.id });
				break;
			case 'cancel':
				if (work.assessment_id !== null) {
					await trx.updateTable('fee_assessments').set({ status: 'cancelled', closed_at: now }).where('id', '=', work.assessment_id).where('status', '=', 'open').execute();
				}
				break;
			case 'start':
				update.started_at = now;
				break;
			case 'complete':
			case 'remedy':
				update.completed_at = now;
				update.remedial_due_on = null;
				break;
			case 'pass':
			case 'fail': {
				const remedialDue = input.action === 'fail' ? dueDate(now, remedialDays, calendar) : null;
				// the staged photos are moved into the store (a rename, nothing read into memory) inside the step's transaction
				const stored = [];
				for (const p of photos) {
					const put = await files!.putStaged(p.staged);
					if (put.created) created.push(put.key);
					stored.push({ p, put });
				}
				const inspectionId = await insertInspection(trx, { work_id: work.id, at: now, inspector_user_id: user.id, outcome: input.action === 'pass' ? 'passed' : 'failed', notes: note, remedial_due_on: remedialDue });
				await insertInspectionPhotos(
					trx,
					inspectionId,
					stored.map(({ p, put }) => ({ original_name: p.name, media_type: p.mediaType, size_bytes: p.staged.size, sha256: put.sha256, storage_key: put.key }))
				);
				Object.assign(details, { inspection_id: inspectionId, photos: stored.length });
				if (input.action === 'pass') Object.assign(update, { closed_at: now, deposit_released_at: now }), (details.deposit_released_rial = work.deposit_rial ?? 0);
				else Object.assign(update, { remedial_due_on: remedialDue }), (details.remedial_due_on = remedialDue);
				break;
			}
		}
		const nextState = { ...workState(work), status: to, reviewed: work.reviewed_at !== null || update.reviewed_at !== undefined };
		const billLastDay = await openBillLastDay(trx, update.assessment_id ?? work.assessment_id);
		const place = placeIn(work, nextState, { regularise_by: work.regularise_by, remedial_due_on: update.remedial_due_on ?? work.remedial_due_on, bill_last_day: billLastDay }, now, calendar);
		await updateWork(trx, work.id, work.status, { ...update, status: to, ...place }, now);
		await insertEvent(trx, { work_id: work.id, at: now, actor_user_id: user.id, actor, action: input.action, from_status: work.status, to_status: to, note, details: { ...details, holder: place.holder, due_on: place.due_on } });
		// Nothing to pay (every piece outside the tariff's items): the permit follows at once.
		if (details.total_rial === 0 && typeof details.assessment_id === 'number') await settleWorkPayment(trx, details.assessment_id, now, env);
		return (await findWork(trx, work.id))!;
	}
}

/**
 * The gateway confirmed an excavation work's fee (inside completePayment's transaction): the
 * permit is issued and the work moves on (approved → permitted; an emergency stays active, now
 * regularised). Returns false when the assessment is not a work's (a building permit's, say).
 */
export async function settleWorkPayment(trx: Queryable, assessmentId: number, now: Date, env: LifecycleEnv = {}): Promise<boolean> {
	const assessment = await findAssessment(trx, assessmentId);
	if (!assessment?.excavation_work_id) return false;
	const work = await findWork(trx, assessment.excavation_work_id, { forUpdate: true });
	if (!work || work.assessment_id !== assessmentId) return false;
	const verdict = decide('paid', workState(work), ['system']);
	if (!verdict.ok) throw refusal('paid', work, verdict.reason);
	const permitId = await issuePermit(trx, work, assessment.lines as Assessment, now, env.issue);
	const to = verdict.transition.to;
	const nextState = { ...workState(work), status: to, permitIssued: true };
	const place = placeIn(work, nextState, { regularise_by: work.regularise_by, remedial_due_on: work.remedial_due_on }, now, env.calendar ?? (await workingCalendarOf(trx)));
	await updateWork(trx, work.id, work.status, { status: to, permit_document_id: permitId, ...place }, now);
	await insertEvent(trx, { work_id: work.id, at: now, actor_user_id: null, actor: 'system', action: 'paid', from_status: work.status, to_status: to, details: { assessment_id: assessmentId, permit_document_id: permitId, holder: place.holder, due_on: place.due_on } });
	return true;
}

const referralNotPending = () =>
	new ConflictError('referral_not_pending', { fa: 'این استعلام پیش‌تر پاسخ گرفته و در انتظار پاسخ نیست.', en: 'This referral has already been answered; it is not awaiting an answer.' });

/**
 * The officer, or the agency asked, records the answer to a protected-area referral; an objection
 * needs its reason (400 reason_required). An agency
 * reaches only its own referral while it waits (least privilege, as for case referrals): any other
 * id, or its referral once answered, is the same 404 as a work it cannot see. Those who see the
 * work but are neither get 403; the officer naming no referral of this work gets 404, an answered
 * one 409.
 */
export async function answerWorkReferral(
	db: Kysely<DB>,
	user: SessionUser,
	workId: number,
	input: { referralId: number; answer: 'consented' | 'objected'; note?: string | null },
	{ now = new Date() }: { now?: Date } = {}
): Promise<{ by: 'officer' | 'agency'; status: WorkRow['status'] }> {
	if (!Number.isSafeInteger(workId) || workId <= 0) throw notFound(workId);
	return db.transaction().execute(async (trx) => {
		const work = await findWork(trx, workId, { forUpdate: true });
		if (!work) throw notFound(workId);
		const actors: WorksActor[] = actorsFor(user, work);
		const officer = actors.includes('officer');
		const referralId = Number.isSafeInteger(input.referralId) && input.referralId > 0 ? input.referralId : 0;
		const referral = referralId ? await findReferral(trx, workId, referralId) : undefined;
		const agency = !officer && referral?.status === 'pending' && agencyKindsOf(user).includes(referral.agency_kind);
		if (!officer && !agency) {
			if (actors.length === 0 && !isExcavationStaff(user)) throw notFound(workId);
			throw new ForbiddenError('not_your_step', { fa: 'پاسخ استعلام را کارشناس حفاری یا دستگاه استعلام‌شده ثبت می‌کند.', en: 'The excavation officer or the agency asked records a referral’s answer.' });
		}
		if (!referral) throw referralNotFound(input.referralId, work.reference);
		if (referral.status !== 'pending') throw referralNotPending();
		// an objection holds the work up: the applicant and the officer are owed its reason (as a refusal's)
		if (referralAnswerProblem(input.answer, input.note) === 'reason_required') {
			throw new BadInputError('reason_required', { fa: 'دلیل مخالفت را بنویسید.', en: 'Give the reason for the objection.' });
		}
		if (!(await answerReferral(trx, workId, referral.id, { status: input.answer, by: user.id, at: now, note: clean(input.note) }))) {
			throw referralNotPending();
		}
		await insertEvent(trx, { work_id: workId, at: now, actor_user_id: user.id, actor: agency ? 'agency' : 'officer', action: 'answer_referral', from_status: work.status, to_status: work.status, note: clean(input.note), details: { referral_id: referral.id, agency_kind: referral.agency_kind, answer: input.answer } });
		return { by: agency ? 'agency' : 'officer', status: work.status };
	});
}
