import { BadInputError, ConflictError, DomainError, ForbiddenError, NotFoundError, type Bilingual } from '../errors';
import { WORKFLOW_MESSAGES, type EligibilityFailure, type WorkflowError } from '../workflows';

/**
 * Every refusal of the case services, written once. Each names the problem in Persian and English;
 * a case (or task) the user may not see reads exactly like one that does not exist.
 */

/** A refusal the state machine decided; its code, status and message pass through unchanged. */
export function workflowRefusal(error: WorkflowError): DomainError {
	if (error.status === 403) return new ForbiddenError(error.code, error.message);
	if (error.status === 400) return new BadInputError(error.code, error.message);
	return new ConflictError(error.code, error.message);
}

export const caseErrors = {
	// ── not found (also for what the user may not see) ──
	caseNotFound: () => new NotFoundError('case_not_found', { fa: 'پرونده‌ای با این شناسه پیدا نشد.', en: 'No such case.' }),
	taskNotFound: () => new NotFoundError('task_not_found', { fa: 'کاری با این شناسه پیدا نشد.', en: 'No such task.' }),
	parcelNotFound: () => new NotFoundError('parcel_not_found', { fa: 'پلاک پیدا نشد.', en: 'No such parcel.' }),
	/** The public status page: a wrong tracking code or a wrong national id, told apart by nothing. */
	trackingNoMatch: () =>
		new NotFoundError('case_not_found', {
			fa: 'پرونده‌ای با این کد رهگیری و کد ملی پیدا نشد.',
			en: 'No case matches this tracking code and national id.'
		}),

	// ── who may do what ──
	forbidden: () => new ForbiddenError('forbidden', WORKFLOW_MESSAGES.forbidden),
	notYourStep: () => new ForbiddenError('not_your_step', WORKFLOW_MESSAGES.not_your_step),
	notCurrentStep: () => new ForbiddenError('not_current_step', WORKFLOW_MESSAGES.not_current_step),
	noOpenReferral: () => new ForbiddenError('not_your_step', { fa: 'استعلام بازی برای دستگاه شما نیست.', en: 'No open referral to your agency.' }),
	agencyReadOnly: () =>
		new ForbiddenError('agency_read_only', {
			fa: 'دستگاه استعلام‌شونده پرونده را فقط می‌بیند و به استعلام پاسخ می‌دهد.',
			en: 'A referred agency reads the case and answers its referral; nothing else.'
		}),
	staffOnly: () => new ForbiddenError('staff_only', { fa: 'این کار با کارکنان است.', en: 'Only staff do this.' }),
	cartableStaffOnly: () => new ForbiddenError('staff_only', { fa: 'کارتابل فقط برای کارکنان است.', en: 'The cartable is for staff only.' }),
	citizenOnly: () =>
		new ForbiddenError('citizen_only', { fa: 'فقط مالک یا نماینده او درخواست ثبت می‌کند.', en: 'Only an owner or their representative files a request.' }),
	/** A technical representative who is not a citizen too, filing without naming the owner. */
	representativeNamesOwner: () =>
		new ForbiddenError('citizen_only', {
			fa: 'نمایندهٔ فنی درخواست را برای مالک ثبت می‌کند: کد ملی مالک را بنویسید و وکالت‌نامهٔ او را بارگذاری کنید.',
			en: 'A technical representative files for an owner: give the owner’s national id and upload their power of attorney.'
		}),
	notARepresentative: () =>
		new ForbiddenError('not_a_representative', {
			fa: 'ثبت درخواست برای دیگری فقط با نقش نماینده فنی ممکن است.',
			en: 'Only a technical representative may file for someone else.'
		}),
	/** A supervising engineer at the engineer step of a building they do not supervise (or nobody does). */
	notYourSupervision: (unassigned = false) =>
		new ForbiddenError(
			'not_your_supervision',
			unassigned
				? {
						fa: 'برای پروانهٔ این ساختمان مهندس ناظری تعیین نشده است؛ این مرحله با مهندس ناظری است که شهرداری تعیین می‌کند.',
						en: 'No supervising engineer is assigned to this building’s permit; this step belongs to the engineer the municipality assigns.'
					}
				: {
						fa: 'این پرونده در نظارت مهندس ناظر دیگری است؛ فقط مهندس ناظر تعیین‌شده برای پروانهٔ این ساختمان آن را می‌بیند و بر آن اقدام می‌کند.',
						en: 'This case belongs to another engineer’s supervision; only the engineer assigned to this building’s permit sees and acts on it.'
					}
		),
	notYourDistrict: () => new ForbiddenError('not_your_district', { fa: 'این پلاک در منطقه شما نیست.', en: 'This parcel is not in your district.' }),

	// ── the record's state ──
	caseClosed: () => new ConflictError('case_closed', WORKFLOW_MESSAGES.case_closed),
	taskClosed: () => new ConflictError('task_closed', { fa: 'این کار پیش‌تر انجام یا لغو شده است.', en: 'This task is already answered or cancelled.' }),
	/** A construction case's review approved before the agency its parcel's overlay requires has answered (overlay-referrals.service). */
	referralRequired: (message: Bilingual) => new ConflictError('overlay_referral_required', message),
	alreadyClaimed: () =>
		new ConflictError('already_claimed', { fa: 'این پرونده را همکار دیگری برداشته است.', en: 'Another colleague has already claimed this case.' }),
	notEligible: (failures: EligibilityFailure[]) =>
		new ConflictError(`not_eligible_${failures[0].check}`, {
			fa: failures.map((f) => f.message.fa).join(' '),
			en: failures.map((f) => f.message.en).join(' ')
		}),
	parcelWithoutDistrict: () =>
		new BadInputError('parcel_without_district', {
			fa: 'این پلاک در هیچ منطقه‌ای نیست؛ درخواست آن را منطقه‌ای نمی‌تواند بررسی کند.',
			en: 'This parcel lies in no district, so no district can work its request.'
		}),

	// ── bad input ──
	invalidAction: () => new BadInputError('invalid_action', WORKFLOW_MESSAGES.invalid_action),
	unknownRequestType: (id: string) =>
		new BadInputError('unknown_request_type', { fa: `نوع درخواست «${id}» وجود ندارد.`, en: `No request type "${id}".` }),
	applicantTypeInvalid: () => new BadInputError('applicant_type_invalid', { fa: 'نوع متقاضی نامعتبر است.', en: 'Invalid applicant type.' }),
	cartableTabUnknown: (tab: string) =>
		new BadInputError('cartable_tab_unknown', { fa: `زبانه «${tab}» وجود ندارد.`, en: `No cartable tab "${tab}".` }),
	documentsInvalid: () => new BadInputError('documents_invalid', { fa: 'فهرست مدارک نامعتبر است.', en: 'Invalid list of documents.' }),
	documentsMissing: (names: Bilingual[]) =>
		new BadInputError('documents_missing', {
			fa: `این مدارک لازم است: ${names.map((n) => n.fa).join('، ')}`,
			en: `These documents are required: ${names.map((n) => n.en).join(', ')}`
		}),
	/** A staff approval of a case that lacks documents its request type requires of the applicant. */
	caseDocumentsMissing: (names: Bilingual[]) =>
		new ConflictError('case_documents_missing', {
			fa: `این پرونده مدارک لازم را ندارد: ${names.map((n) => n.fa).join('، ')}. پیش از تأیید، آن‌ها را با «درخواست مدرک» از متقاضی بخواهید.`,
			en: `This case lacks required documents: ${names.map((n) => n.en).join(', ')}. Before approving, ask the applicant for them with «Request a document».`
		}),
	verdictRequired: () =>
		new BadInputError('verdict_required', {
			fa: 'نظر دستگاه را برگزینید: موافق، موافق با شرط یا مخالف.',
			en: 'Choose the agency’s verdict: agree, agree with conditions or disagree.'
		}),
	documentsNotExpected: () => new BadInputError('documents_not_expected', { fa: 'این اقدام مدرکی نمی‌پذیرد.', en: 'This action takes no documents.' }),
	powerOfAttorneyRequired: () =>
		new BadInputError('power_of_attorney_required', {
			fa: 'نماینده فنی فقط با بارگذاری وکالت‌نامه مالک می‌تواند درخواست ثبت کند.',
			en: 'A representative files for an owner only with the owner’s power of attorney.'
		}),
	/** The owner's national id or mobile failed its check; the check's own code and reason follow. */
	ownerInvalid: (field: 'national_id' | 'mobile', check: { code: string; message: Bilingual }) =>
		new BadInputError(`owner_${field}_${check.code}`, check.message),
	ownerInactive: () => new BadInputError('owner_inactive', { fa: 'حساب مالک غیرفعال است.', en: 'The owner’s account is inactive.' }),
	ownerMobileRequired: () =>
		new BadInputError('owner_mobile_required', {
			fa: 'مالک هنوز در سامانه ثبت نشده است؛ شماره همراه او را وارد کنید.',
			en: 'The owner is not registered yet; give their mobile number.'
		}),
	assigneeCannotHoldStep: () =>
		new BadInputError('assignee_cannot_hold_step', {
			fa: 'این همکار نقش یا منطقه این مرحله را ندارد.',
			en: 'That colleague does not hold this step’s role or district.'
		}),
	messageEmpty: () => new BadInputError('message_empty', { fa: 'پیام خالی است.', en: 'The message is empty.' }),
	messageTooLong: (max: number) =>
		new BadInputError('message_too_long', { fa: `پیام حداکثر ${max} نویسه است.`, en: `A message is at most ${max} characters.` }),
	visitNotesRequired: () => new BadInputError('visit_notes_required', { fa: 'یادداشت بازدید را بنویسید.', en: 'Write the visit notes.' }),
	visitLocationInvalid: () => new BadInputError('visit_location_invalid', { fa: 'محل بازدید نامعتبر است.', en: 'Invalid visit location.' }),
	visitTimeInvalid: () => new BadInputError('visit_time_invalid', { fa: 'زمان بازدید نامعتبر است.', en: 'Invalid visit time.' }),
	trackingCodeInvalid: () =>
		new BadInputError('tracking_code_invalid', {
			fa: 'کد رهگیری درست نیست؛ ۱۲ رقم آن را دوباره بررسی کنید.',
			en: 'This is not a valid tracking code; check its 12 digits.'
		}),
	/** The national id given on the public status page failed its check. */
	nationalIdInvalid: (check: { code: string; message: Bilingual }) => new BadInputError(`national_id_${check.code}`, check.message)
};
