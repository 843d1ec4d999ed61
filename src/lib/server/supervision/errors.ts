import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { formatMegabytes } from '../documents/media-type';
import { toPersianDigits } from '../../domain/text';

/** Every refusal of the supervision services, in Persian and English, naming the problem. */
export const supervisionErrors = {
	// ── not found (also for a work that is not the engineer's) ──
	permitNotFound: () => new NotFoundError('permit_case_not_found', { fa: 'پرونده پروانه‌ای با این شناسه پیدا نشد.', en: 'No such permit case.' }),
	workNotFound: () =>
		new NotFoundError('supervision_work_not_found', {
			fa: 'کاری با این شناسه به نظارت شما سپرده نشده است.',
			en: 'No such work is assigned to you for supervision.'
		}),
	engineerNotFound: () => new NotFoundError('engineer_not_found', { fa: 'مهندس ناظری با این شناسه در فهرست نیست.', en: 'No such supervising engineer in the pool.' }),
	photoNotFound: () => new NotFoundError('document_not_found', { fa: 'مدرکی با این شناسه پیدا نشد.', en: 'No such document.' }),

	// ── state ──
	notAPermit: () =>
		new ConflictError('not_a_building_permit', {
			fa: 'این پرونده پروانه ساختمانی صادرشده نیست؛ مهندس ناظر فقط برای پروانه تعیین می‌شود.',
			en: 'This case is not an issued building permit; a supervising engineer is assigned to permits only.'
		}),
	noEngineerWithQuota: (areaM2: number) =>
		new ConflictError('no_engineer_with_quota', {
			fa: `هیچ مهندس ناظری سهمیه خالی امسال برای کاری با ${toPersianDigits(String(areaM2))} مترمربع زیربنا ندارد.`,
			en: `No supervising engineer has quota left this year for a work of ${areaM2} m² floor area.`
		}),
	engineerOverQuota: () =>
		new ConflictError('engineer_over_quota', {
			fa: 'سهمیه امسال این مهندس (زیربنا یا تعداد کار) برای این کار کافی نیست یا پایه او اجازه این زیربنا را نمی‌دهد.',
			en: 'This engineer’s quota for the year (floor area or works) does not cover this work, or their grade does not allow its size.'
		}),
	engineerInactive: () => new ConflictError('engineer_inactive', { fa: 'این مهندس ناظر فعال نیست.', en: 'This supervising engineer is not active.' }),
	sameEngineer: () =>
		new ConflictError('same_engineer', { fa: 'این مهندس همین حالا ناظر این کار است.', en: 'This engineer already supervises this work.' }),
	notAssigned: () =>
		new ConflictError('no_supervising_engineer', { fa: 'برای این پروانه هنوز مهندس ناظری تعیین نشده است.', en: 'No supervising engineer is assigned to this permit yet.' }),

	// ── who ──
	officerOnly: () =>
		new ForbiddenError('district_officer_only', {
			fa: 'تغییر مهندس ناظر با کارشناس منطقه همین پلاک است.',
			en: 'Only a district officer of this parcel’s district reassigns its supervising engineer.'
		}),
	supervisionStaffOnly: () =>
		new ForbiddenError('supervision_staff_only', {
			fa: 'صفحه نظارت برای مهندسان ناظر و کارشناسان منطقه است.',
			en: 'The supervision page is for supervising engineers and district officers.'
		}),

	// ── bad input ──
	reasonRequired: () => new BadInputError('reason_required', { fa: 'دلیل تغییر مهندس ناظر را بنویسید.', en: 'Give the reason for reassigning the engineer.' }),
	floorAreaInvalid: () =>
		new BadInputError('floor_area_invalid', { fa: 'زیربنای کار باید عددی نامنفی باشد.', en: 'The work’s floor area must be a number of at least 0.' }),
	stageUnknown: (stage: string) =>
		new BadInputError('stage_unknown', { fa: `مرحله «${stage}» از مراحل نظارت نیست.`, en: `"${stage}" is not a supervision stage.` }),
	dateInvalid: () =>
		new BadInputError('report_date_invalid', {
			fa: 'تاریخ گزارش معتبر نیست یا در آینده است.',
			en: 'The report date is not a valid date, or it lies in the future.'
		}),
	dateBeforeAssignment: () =>
		new BadInputError('report_date_before_assignment', {
			fa: 'تاریخ گزارش پیش از تعیین شما به‌عنوان ناظر این کار است.',
			en: 'The report date is before you were assigned to this work.'
		}),
	bodyRequired: () =>
		new BadInputError('report_text_required', {
			fa: 'متن گزارش را بنویسید (حداکثر ۴۰۰۰ نویسه).',
			en: 'Write the report’s text (at most 4000 characters).'
		}),
	progressInvalid: () =>
		new BadInputError('progress_invalid', { fa: 'درصد پیشرفت باید عددی صحیح از ۰ تا ۱۰۰ باشد.', en: 'Progress must be a whole number from 0 to 100.' }),
	locationRequired: () =>
		new BadInputError('report_location_invalid', {
			fa: 'محل گزارش را روی نقشه انتخاب کنید (طول و عرض جغرافیایی معتبر).',
			en: 'Pick the report’s point on the map (a valid longitude and latitude).'
		}),
	locationOutsideParcel: (distanceM: number, toleranceM: number) =>
		new BadInputError('report_point_outside_parcel', {
			fa: `نقطه گزارش ${toPersianDigits(String(Math.round(distanceM)))} متر بیرون از پلاک است؛ نقطه باید در پلاک یا تا ${toPersianDigits(String(toleranceM))} متری آن باشد.`,
			en: `The report’s point is ${Math.round(distanceM)} m outside the parcel; it must lie inside the parcel or within ${toleranceM} m of it.`
		}),
	parcelGone: () =>
		new ConflictError('parcel_missing', {
			fa: 'پلاک این پروانه دیگر در لایه پلاک‌ها نیست؛ محل گزارش را نمی‌توان سنجید.',
			en: 'This permit’s parcel is no longer in the parcel layer, so the report’s point cannot be checked.'
		}),
	violationKindInvalid: () =>
		new BadInputError('violation_kind_invalid', {
			fa: 'نوع تخلف را انتخاب کنید: طبقه اضافه، اضافه بنا، کسری پارکینگ، تجاوز به بر اصلاحی یا سایر.',
			en: 'Choose the violation: extra floor, extra floor area, missing parking, beyond the widening line, or other.'
		}),
	violationTextRequired: () =>
		new BadInputError('violation_text_required', { fa: 'شرح تخلف را بنویسید.', en: 'Describe the violation.' }),
	excessInvalid: () =>
		new BadInputError('measured_excess_invalid', { fa: 'مقدار اندازه‌گیری‌شده تخلف باید عددی نامنفی باشد.', en: 'The measured excess must be a number of at least 0.' }),
	photosRequired: (max: number) =>
		new BadInputError('report_photos_required', {
			fa: `دست‌کم یک و حداکثر ${toPersianDigits(String(max))} عکس پیوست کنید.`,
			en: `Attach at least one and at most ${max} photos.`
		}),
	photoTooLarge: (name: string, size: number, max: number) =>
		new BadInputError('report_photo_too_large', {
			fa: `عکس «${name}» ${formatMegabytes(size).fa} است؛ هر عکس گزارش حداکثر ${formatMegabytes(max).fa} است.`,
			en: `The photo "${name}" is ${formatMegabytes(size).en}; each report photo may be at most ${formatMegabytes(max).en}.`
		})
};
