/**
 * The council dashboards' figures as the API answers them (GET /api/dashboard/districts) and the
 * pages draw them. Client-safe: types, the metric list and each figure's definition.
 */
import type { Bilingual } from '../i18n/lang';

export interface DistrictRef {
	id: number;
	code: string;
	name_fa: string;
	name_en: string | null;
}

/** One district's figures (exactly these fields). A figure no capability feeds yet is null. */
export interface DistrictFigures {
	district: DistrictRef;
	requests_filed: number;
	requests_decided: number;
	median_days_to_decision: number | null;
	overdue_share: number | null;
	permits_issued: number;
	permitted_floor_area_m2: number;
	capacity_floor_area_m2: number | null;
	remaining_floor_area_m2: number | null;
	fees_billed_rial: number;
	fees_paid_rial: number;
	excavations_active: number;
	violations_open: number | null;
}

export type FigureKey = Exclude<keyof DistrictFigures, 'district'>;

export const FIGURE_KEYS: readonly FigureKey[] = [
	'requests_filed',
	'requests_decided',
	'median_days_to_decision',
	'overdue_share',
	'permits_issued',
	'permitted_floor_area_m2',
	'capacity_floor_area_m2',
	'remaining_floor_area_m2',
	'fees_billed_rial',
	'fees_paid_rial',
	'excavations_active',
	'violations_open'
];

export interface DashboardFreshness {
	/** When these figures were put together. */
	computed_at: string;
	/** When the facts (cases, street works, permits, fee bills and payments) were last rebuilt (the oldest of them). */
	cases_as_of: string | null;
	/** When the capacity and all-time permitted floor area were last rebuilt. */
	capacity_as_of: string | null;
	/** Figures read live (open violations). */
	live: FigureKey[];
	/** The facts are rebuilt when older than this many seconds (capacity: ten times). */
	max_age_s: number;
}

export interface DistrictReport {
	from: string;
	to: string;
	districts: DistrictFigures[];
	city: Omit<DistrictFigures, 'district'> & { district: null };
	freshness: DashboardFreshness;
	/** Whether the database holds SAMPLE history («نمونه — sample»). */
	sample: boolean;
}

/**
 * Cases imported from the city's previous system (no request type, no workflow: district officers
 * close them with their outcome, /cartable?tab=legacy), per district and (district_id null) the city:
 * open now and since when the oldest, and how many an officer closed in the period. Not among the
 * district figures above: those count the requests filed in Pelak.
 */
export interface ImportedBacklogRow {
	district_id: number | null;
	open: number;
	/** Tehran date the oldest open one was filed in the previous system; null when none is open. */
	oldest_opened_on: string | null;
	closed_in_period: number;
}

export interface MonthPoint {
	/** Jalali year and month (1 = Farvardin). */
	year: number;
	month: number;
	requests_filed: number;
	requests_decided: number;
	permits_issued: number;
	fees_paid_rial: number;
}

export interface CaseBehindFigure {
	id: number;
	tracking_code: string;
	request_type: string;
	/** the request type's name, for the page (request_type is its code) */
	request_type_name: Bilingual;
	workflow_status: string;
	decision: 'approved' | 'rejected' | null;
	current_step: string | null;
	/** the current step's name, when the case is in progress */
	step_name: Bilingual | null;
	filed_on: string;
	decided_on: string | null;
	due_on: string | null;
	overdue: boolean;
}

/** How each figure is computed, shown beside it (tooltip, legend, export notes). */
export const FIGURE_DEFINITIONS: Record<FigureKey, Bilingual> = {
	requests_filed: {
		fa: 'درخواست‌های ثبت‌شده در کارتابل (همهٔ انواع) که تاریخ ثبت آن‌ها در بازه است، بر پایهٔ منطقهٔ پلاک.',
		en: 'Requests filed through the cartable (every type) with a filing date in the period, by the parcel’s district.'
	},
	requests_decided: {
		fa: 'درخواست‌هایی که در بازه با تأیید یا رد بسته شده‌اند (انصراف‌ها شمرده نمی‌شوند).',
		en: 'Requests closed with an approval or a rejection in the period (withdrawals are not decisions).'
	},
	median_days_to_decision: {
		fa: 'میانهٔ روزهای کاری از ثبت تا تصمیم، برای تصمیم‌های بازه؛ جمعه، پنجشنبه و تعطیلات رسمی شمرده نمی‌شوند.',
		en: 'Median working days from filing to decision for the period’s decisions; Fridays, Thursdays and official holidays are not counted.'
	},
	overdue_share: {
		fa: 'سهمی از درخواست‌های ثبت‌شدهٔ بازه که دست‌کم یک مهلت شهرداری یا دستگاه همکار را رد کرده‌اند: مرحله‌ای که پس از روز آخرش تمام شد، یا مرحلهٔ بازی که امروز از مهلتش گذشته است. مهلت‌های متقاضی شمرده نمی‌شوند.',
		en: 'Share of the period’s filed requests that overran at least one municipal or agency deadline: a step finished after its last day, or an open step already past it today. The applicant’s own deadlines do not count.'
	},
	permits_issued: {
		fa: 'پروانه‌های ساختمانی با تاریخ صدور در بازه: پروانه‌هایی که پلاک صادر کرده (معتبر یا تعلیق‌شده؛ ابطال‌شده نه، جایگزین‌شده به جای جایگزینش) و پروانه‌های ثبت‌شده روی پلاک‌ها (بنای دارای شمارهٔ پروانه از بایگانی).',
		en: 'Building permits with an issue date in the period: those Pelak issued (valid or suspended; not revoked, a superseded one as its replacement) and those on the parcels’ record (buildings with a permit number from the archive).'
	},
	permitted_floor_area_m2: {
		fa: 'جمع زیربنای مجاز همان پروانه‌ها (متر مربع): برای پروانه‌های پلاک، زیربنای کل طرح پیشنهادی که پروانه از آن صادر شده است.',
		en: 'Total floor area those permits allow (m²): for a permit Pelak issued, the total floor area of the proposal it was issued from.'
	},
	capacity_floor_area_m2: {
		fa: 'ظرفیت طرح: جمع مساحت پلاک‌ها × تراکم منطقهٔ طرح تفصیلی در دفترچهٔ ضوابط جاری (بدون کسر عقب‌نشینی و سقف ارتفاع).',
		en: 'Plan capacity: Σ parcel area × the detailed-plan zone’s density in the rule book in force (before setbacks and height caps).'
	},
	remaining_floor_area_m2: {
		fa: 'ظرفیت طرح منهای زیربنای همهٔ پروانه‌های صادرشده تا امروز.',
		en: 'Plan capacity minus the floor area of every permit issued to date.'
	},
	fees_billed_rial: {
		fa: 'جمع فیش‌های عوارض صادرشده در بازه که باطل یا منقضی نشده‌اند (ریال).',
		en: 'Total of fee bills issued in the period that were not cancelled or left to expire (rial).'
	},
	fees_paid_rial: {
		fa: 'جمع پرداخت‌های تأییدشده با تاریخ پرداخت در بازه (ریال).',
		en: 'Total of verified payments with a payment date in the period (rial).'
	},
	excavations_active: {
		fa: 'عملیات حفاری تأییدشده، در جریان یا پایان‌یافته که بازهٔ کارشان با بازه هم‌پوشانی دارد (منطقه: نقطهٔ درونی محدودهٔ حفاری).',
		en: 'Street works approved, under way or finished whose dates overlap the period (district: an inner point of the footprint).'
	},
	violations_open: {
		fa: 'پرونده‌های تخلف ساختمانی (ماده ۱۰۰) که امروز باز است؛ گشوده از گزارش تخلف مهندس ناظر.',
		en: 'Building violation cases (Article 100) open today, opened from a supervising engineer\'s report of a violation.'
	}
};
