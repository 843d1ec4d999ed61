import { DomainError, type Bilingual } from '../errors';
import type { TariffProblem } from '../../domain/fees';

/**
 * Why a tariff book or an assessment was refused, each code with its HTTP status and a message
 * in Persian and English that names the problem.
 */
export type FeeErrorCode =
	| 'admin_only'
	| 'book_not_found'
	| 'book_not_draft'
	| 'book_not_in_force'
	| 'book_document_invalid'
	| 'book_invalid'
	| 'no_book_in_force'
	| 'item_not_found'
	| 'item_already_annulled'
	| 'ruling_ref_required'
	| 'ruling_date_invalid'
	| 'parcel_not_found'
	| 'case_not_found'
	| 'case_parcel_mismatch'
	| 'zone_value_not_found'
	| 'assessment_inputs_invalid'
	| 'too_many_reassessments'
	| 'assessment_partly_paid'
	| 'bill_not_issuable'
	| 'case_not_at_fee_step'
	| 'assessment_not_found';

const MESSAGES: Record<FeeErrorCode, [number, Bilingual]> = {
	admin_only: [403, { fa: 'این کار فقط از مدیر سامانه برمی‌آید.', en: 'Only an administrator may do this.' }],
	book_not_found: [404, { fa: 'کتاب تعرفه‌ای با این شناسه پیدا نشد.', en: 'No such tariff book.' }],
	book_not_draft: [
		409,
		{ fa: 'فقط پیش‌نویس کتاب تعرفه ویرایش یا منتشر می‌شود؛ این کتاب پیش‌نویس نیست.', en: 'Only a draft tariff book can be edited or published; this one is not a draft.' }
	],
	book_not_in_force: [
		409,
		{ fa: 'ردیف‌های کتابی ابطال می‌شوند که منتشر شده باشد.', en: 'Only items of a published book can be annulled.' }
	],
	book_document_invalid: [400, { fa: 'متن کتاب تعرفه خوانا نیست', en: 'The tariff book text cannot be read' }],
	book_invalid: [400, { fa: 'کتاب تعرفه منتشر نشد؛ این ایرادها را برطرف کنید', en: 'The tariff book was not published; fix these problems' }],
	no_book_in_force: [409, { fa: 'برای این سال هیچ کتاب تعرفهٔ منتشرشده‌ای نیست.', en: 'No tariff book is published for this year.' }],
	item_not_found: [400, { fa: 'این ردیف در کتاب تعرفه نیست.', en: 'The book has no such item.' }],
	item_already_annulled: [409, { fa: 'این ردیف پیش‌تر ابطال شده است.', en: 'This item is already annulled.' }],
	ruling_ref_required: [
		400,
		{ fa: 'شمارهٔ دادنامه یا رأی ابطال را بنویسید.', en: 'Give the number of the court ruling that annuls the item.' }
	],
	ruling_date_invalid: [
		400,
		{ fa: 'تاریخ رأی خوانا نیست؛ به شکل ۱۴۰۵/۰۶/۱۴ بنویسید.', en: 'The ruling date cannot be read; write it as 1405/06/14 (Jalali) or 2026-09-05.' }
	],
	parcel_not_found: [404, { fa: 'پلاکی با این شناسه پیدا نشد.', en: 'No such parcel.' }],
	case_not_found: [404, { fa: 'پرونده‌ای با این شناسه پیدا نشد.', en: 'No such case.' }],
	case_parcel_mismatch: [400, { fa: 'این پرونده روی پلاک دیگری است.', en: 'The case is filed on another parcel.' }],
	zone_value_not_found: [
		400,
		{
			fa: 'قیمت منطقه‌ای (P) این پلاک برای این کاربری در لایهٔ ارزش معاملاتی نیست؛ آن را وارد کنید.',
			en: 'The zone value layer has no P for this parcel and use; enter P by hand.'
		}
	],
	assessment_inputs_invalid: [400, { fa: 'محاسبهٔ عوارض با این ورودی‌ها ممکن نیست', en: 'The fees cannot be assessed from these inputs' }],
	assessment_partly_paid: [
		409,
		{
			fa: 'بخشی از قبض‌های این صورت‌حساب پرداخت شده است؛ تا همهٔ قسط‌ها پرداخت نشده، محاسبهٔ دوباره ممکن نیست.',
			en: 'Some bills of this assessment are already paid; it cannot be re-assessed until every instalment is paid.'
		}
	],
	too_many_reassessments: [
		409,
		{ fa: 'این پرونده بیش از ۹۹ بار محاسبه شده است؛ دورهٔ شناسهٔ پرداخت جا ندارد.', en: 'This file was assessed more than 99 times; the payment id period has no room left.' }
	],
	case_not_at_fee_step: [409, { fa: 'برای این پرونده اکنون فیش عوارض صادر نمی‌شود', en: 'No fee bill can be issued for this case now' }],
	bill_not_issuable: [400, { fa: 'قبض صادر نشد', en: 'The bill could not be issued' }],
	assessment_not_found: [404, { fa: 'صورت‌حسابی با این شناسه پیدا نشد.', en: 'No such fee assessment.' }]
};

export class FeeError extends DomainError {
	/** For book_invalid and assessment_inputs_invalid: every problem found, each named and placed. */
	readonly problems: readonly TariffProblem[];
	/** The message without the problems appended, to head a list of them. */
	readonly head: Bilingual;
	constructor(code: FeeErrorCode, options: { problems?: readonly TariffProblem[]; detail?: Bilingual; cause?: unknown } = {}) {
		const [status, head] = MESSAGES[code];
		const problems = options.problems ?? [];
		const tail = options.detail
			? options.detail
			: problems.length
				? { fa: problems.map((p) => p.message.fa).join(' '), en: problems.map((p) => p.message.en).join(' ') }
				: null;
		const messages = tail ? { fa: `${head.fa}: ${tail.fa}`, en: `${head.en}: ${tail.en}` } : head;
		super(status, code, messages, { cause: options.cause });
		this.problems = problems;
		this.head = head;
	}
}
