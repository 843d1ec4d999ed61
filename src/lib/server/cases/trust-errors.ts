import { BadInputError, ConflictError, DomainError, ForbiddenError, type Bilingual } from '../errors';
import { toPersianDigits } from '../../domain/text';

/**
 * Refusals of issue 7 (ownership, powers of attorney, quotas, spam, staff-only documents), each
 * naming the problem in Persian and English. Kept apart from `caseErrors` so the trust rules read
 * in one place.
 */

/** 503: an outside registry did not answer; nothing was written. */
export class RegistryUnavailableError extends DomainError {
	constructor(code: string, message: Bilingual) {
		super(503, code, message);
	}
}

/** 429: a daily quota is used up; it names the quota, the limit and when it resets. */
export class QuotaExceededError extends DomainError {
	constructor(code: string, message: Bilingual) {
		super(429, code, message);
	}
}

const fa = (n: number | string) => toPersianDigits(String(n));

export const trustErrors = {
	parcelWithoutPlate: () =>
		new BadInputError('parcel_without_plate', {
			fa: 'این ملک پلاک ثبتی ندارد، پس مالکیت آن از ادارهٔ ثبت استعلام نمی‌شود؛ درخواست را با سند در دفتر منطقه ثبت کنید.',
			en: 'This parcel has no registration plate, so its ownership cannot be checked with the deeds registry; file the request with the deed at the district office.'
		}),
	deedsUnavailable: () =>
		new RegistryUnavailableError('deeds_registry_unavailable', {
			fa: 'سامانهٔ ثبت اسناد و املاک اکنون پاسخ نمی‌دهد؛ چیزی ثبت نشد. لطفاً چند دقیقه بعد دوباره تلاش کنید.',
			en: 'The deeds registry is not answering right now; nothing was saved. Please try again in a few minutes.'
		}),
	plateNotRegistered: (plate: string) =>
		new ConflictError('plate_not_registered', {
			fa: `پلاک ثبتی ${fa(plate)} در ادارهٔ ثبت اسناد مالکی ندارد؛ درخواست را با سند در دفتر منطقه ثبت کنید.`,
			en: `The deeds registry lists no owner for registration plate ${plate}; file the request with the deed at the district office.`
		}),
	notAnOwner: (plate: string) =>
		new ForbiddenError('not_an_owner', {
			fa: `طبق ادارهٔ ثبت اسناد، شما مالک پلاک ثبتی ${fa(plate)} نیستید. این درخواست را مالک ثبت می‌کند، یا نمایندهٔ فنی او با وکالت‌نامه.`,
			en: `According to the deeds registry you do not own registration plate ${plate}. The owner files this request, or their technical representative with a power of attorney.`
		}),
	namedOwnerNotAnOwner: (plate: string) =>
		new ForbiddenError('named_owner_not_an_owner', {
			fa: `طبق ادارهٔ ثبت اسناد، کد ملی داده‌شده مالک پلاک ثبتی ${fa(plate)} نیست.`,
			en: `According to the deeds registry the national id given does not own registration plate ${plate}.`
		}),
	ownerMobileNotMatched: () =>
		new ForbiddenError('owner_mobile_not_matched', {
			fa: 'طبق سامانهٔ شاهکار این شماره همراه به نام مالک نیست؛ شماره‌ای را بدهید که به نام خود مالک است.',
			en: 'The operator registry (Shahkar) says this mobile number is not registered to the owner; give a number in the owner’s own name.'
		}),
	identityUnavailable: () =>
		new RegistryUnavailableError('identity_registry_unavailable', {
			fa: 'سامانهٔ شاهکار اکنون پاسخ نمی‌دهد و حساب مالک ساخته نشد؛ چیزی ثبت نشد. لطفاً بعداً دوباره تلاش کنید.',
			en: 'The operator registry (Shahkar) is not answering, so the owner’s account could not be made; nothing was saved. Please try again later.'
		}),

	// ── powers of attorney ──
	noPendingAttorney: () =>
		new ConflictError('no_pending_power_of_attorney', {
			fa: 'وکالت‌نامه‌ای در انتظار بررسی در این پرونده نیست.',
			en: 'This case has no power of attorney awaiting a decision.'
		}),
	attorneyPendingFirst: () =>
		new ConflictError('power_of_attorney_pending', {
			fa: 'وکالت‌نامهٔ نماینده هنوز بررسی نشده است؛ پیش از تأیید این مرحله آن را بپذیرید یا رد کنید.',
			en: 'The representative’s power of attorney has not been decided; accept or refuse it before approving this step.'
		}),
	attorneyDecisionInvalid: () =>
		new BadInputError('power_of_attorney_decision_invalid', { fa: 'تصمیم باید «پذیرش» یا «رد» باشد.', en: 'The decision must be accept or refuse.' }),
	reasonRequired: () => new BadInputError('reason_required', { fa: 'دلیل را بنویسید.', en: 'Give the reason.' }),
	officersOnly: () =>
		new ForbiddenError('officers_only', {
			fa: 'این کار با کارشناس منطقهٔ پرونده یا مدیر سامانه است.',
			en: 'Only an officer of the case’s district or an administrator does this.'
		}),

	// ── bulk spam rejection ──
	noCasesChosen: () => new BadInputError('no_cases_chosen', { fa: 'هیچ پرونده‌ای انتخاب نشده است.', en: 'No cases were chosen.' }),
	tooManyCases: (max: number) =>
		new BadInputError('too_many_cases', { fa: `در هر بار حداکثر ${fa(max)} پرونده.`, en: `At most ${max} cases at a time.` }),
	spamCaseNotOpen: (code: string) =>
		new ConflictError('case_closed', {
			fa: `پروندهٔ ${fa(code)} باز نیست؛ هیچ پرونده‌ای رد نشد.`,
			en: `Case ${code} is not open; no case was rejected.`
		}),

	// ── documents ──
	staffOnlyKind: (kind: Bilingual) =>
		new ForbiddenError('document_kind_staff_only', {
			fa: `«${kind.fa}» را کارکنان یا دستگاه‌ها پیوست می‌کنند، نه متقاضی.`,
			en: `"${kind.en}" is attached by staff or agencies, not by the applicant.`
		}),
	kindNotAsked: (kind: Bilingual) =>
		new BadInputError('document_kind_not_asked', {
			fa: `این درخواست مدرک «${kind.fa}» را نمی‌خواهد.`,
			en: `This request does not ask for "${kind.en}".`
		}),
	attachmentNotOnCase: () =>
		new BadInputError('attachment_not_on_case', {
			fa: 'مدرک پیوست‌شده به استعلام از مدارک همین پرونده نیست.',
			en: 'A document attached to the referral is not one of this case’s documents.'
		})
};
