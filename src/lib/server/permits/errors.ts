import { ConflictError, ForbiddenError, NotFoundError, type Bilingual, type DomainError } from '../errors';


/** Why a permit-stage action was refused; each names the problem in Persian and English and changes nothing. */
export const permitErrors = {
	notPermitCase: (): DomainError =>
		new ConflictError('not_a_two_stage_permit', {
			fa: 'این پرونده پروانهٔ دومرحله‌ای نیست؛ طرح پیشنهادی در آن ثبت نمی‌شود.',
			en: 'This case is not a two-stage permit; no proposal is stored on it.'
		}),
	proposalNotExpected: (): DomainError =>
		new ConflictError('proposal_not_expected', {
			fa: 'طرح پیشنهادی فقط در مرحلهٔ بارگذاری نقشه‌ها یا وقتی کارشناس اصلاح خواسته است پذیرفته می‌شود.',
			en: 'A proposal is accepted only at the drawings step, or when the officer has asked for a correction.'
		}),
	applicantOnly: (): DomainError =>
		new ForbiddenError('applicant_only', {
			fa: 'طرح پیشنهادی و نقشه‌ها را فقط متقاضی یا نمایندهٔ فنی او ثبت می‌کند.',
			en: 'Only the applicant or their technical representative submits the proposal and drawings.'
		}),
	requirement: (code: string, messages: Bilingual): DomainError => new ConflictError(code, messages),
	overrideNotExpected: (): DomainError =>
		new ConflictError('override_not_expected', {
			fa: 'نظر کارشناس فقط در مرحلهٔ بررسی فنی و برای طرحی ثبت می‌شود که بررسی خودکار آن را نپذیرفته است.',
			en: 'An override is recorded only at the technical review, for a proposal the automatic check did not pass.'
		}),
	overrideReasonRequired: (): DomainError =>
		new ConflictError('reason_required', {
			fa: 'علت پذیرش طرح را بنویسید (حداکثر ۱۰۰۰ نویسه)؛ در پروانه چاپ می‌شود.',
			en: 'Give the reason for accepting the proposal (at most 1000 characters); it is printed on the permit.'
		}),
	notYourStep: (): DomainError =>
		new ForbiddenError('not_your_step', { fa: 'این مرحله در کارتابل شما نیست.', en: 'This step is not in your cartable.' }),
	documentNotFound: (): DomainError => new NotFoundError('document_not_found', { fa: 'چنین سندی پیدا نشد.', en: 'No such document.' }),
	drawingsRequired: (): DomainError =>
		new ConflictError('drawings_missing', {
			fa: 'فایل نقشه‌های مهندسی را انتخاب کنید.',
			en: 'Choose the engineering drawings file.'
		}),
};
