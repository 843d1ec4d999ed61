import type { Bilingual } from '../i18n/lang';

/**
 * Supervision of building works as data (issue 8, §7; permits-fees.md "Supervisor stage reports"):
 * the eight stages Tehran's engineering organisation registers with the municipality, what each
 * report must say, which certificates need which stages, and the engineers' quota by grade.
 * Pure and client-safe: the /supervision form and the server read the same table.
 */

export const SUPERVISION_STAGE_IDS = [
	'demolition',
	'excavation',
	'foundation',
	'skeleton',
	'rough_construction',
	'finishing',
	'facade',
	'completion'
] as const;
export type SupervisionStage = (typeof SUPERVISION_STAGE_IDS)[number];

export interface StageDefinition {
	id: SupervisionStage;
	order: number;
	name: Bilingual;
	/**
	 * Mandatory for the completion certificate. Demolition and excavation are not: a work on an
	 * empty lot has nothing to demolish, a building without basement may need no excavation.
	 */
	mandatory: boolean;
	/** What the report must contain: shown on the form, the engineer's text covers it. */
	contents: Bilingual[];
}

const PHOTOS: Bilingual = { fa: 'عکس از محل کار', en: 'Photos of the site' };

export const SUPERVISION_STAGES: readonly StageDefinition[] = [
	{
		id: 'demolition',
		order: 1,
		name: { fa: 'تخریب', en: 'Demolition' },
		mandatory: false,
		contents: [
			{ fa: 'ایمن‌سازی و حصارکشی کارگاه', en: 'Site fenced and made safe' },
			{ fa: 'وضعیت دیوارهای مجاور', en: 'State of the neighbours’ walls' },
			PHOTOS
		]
	},
	{
		id: 'excavation',
		order: 2,
		name: { fa: 'گودبرداری', en: 'Excavation' },
		mandatory: false,
		contents: [
			{ fa: 'عمق گود و روش پایدارسازی دیواره‌ها', en: 'Depth of the pit and how its sides are held' },
			{ fa: 'فاصله از بر اصلاحی و ملک‌های مجاور', en: 'Distance from the widening line and neighbours' },
			PHOTOS
		]
	},
	{
		id: 'foundation',
		order: 3,
		name: { fa: 'فونداسیون', en: 'Foundation' },
		mandatory: true,
		contents: [
			{ fa: 'پیاده‌کردن نقشه و محل ستون‌ها مطابق پروانه', en: 'Setting-out and column positions as permitted' },
			{ fa: 'آرماتوربندی و بتن‌ریزی (نتیجه آزمایش بتن)', en: 'Reinforcement and concrete (test results)' },
			PHOTOS
		]
	},
	{
		id: 'skeleton',
		order: 4,
		name: { fa: 'اسکلت', en: 'Skeleton' },
		mandatory: true,
		contents: [
			{ fa: 'برای بتنی: هر سقف؛ برای فلزی: قاب و سپس سقف‌ها', en: 'Concrete: each slab; steel: the frame, then the slabs' },
			{ fa: 'تعداد طبقات اجراشده در برابر پروانه', en: 'Floors built against the permit' },
			PHOTOS
		]
	},
	{
		id: 'rough_construction',
		order: 5,
		name: { fa: 'سفت‌کاری', en: 'Rough construction' },
		mandatory: true,
		contents: [
			{ fa: 'زیربنای اجراشده، ارتفاع و پیش‌آمدگی‌ها در برابر پروانه', en: 'Floor area built, height and projections against the permit' },
			{ fa: 'پارکینگ‌ها و رعایت بر اصلاحی', en: 'Parking spaces and the widening line respected' },
			PHOTOS
		]
	},
	{
		id: 'finishing',
		order: 6,
		name: { fa: 'نازک‌کاری', en: 'Finishing' },
		mandatory: true,
		contents: [
			{ fa: 'تأسیسات مکانیکی و برقی', en: 'Mechanical and electrical services' },
			{ fa: 'ایمنی در برابر آتش و راه‌های خروج', en: 'Fire safety and exits' },
			PHOTOS
		]
	},
	{
		id: 'facade',
		order: 7,
		name: { fa: 'نما', en: 'Façade' },
		mandatory: true,
		contents: [
			{ fa: 'مصالح و طرح نما مطابق نقشه مصوب', en: 'Façade materials and design as approved' },
			PHOTOS
		]
	},
	{
		id: 'completion',
		order: 8,
		name: { fa: 'اتمام عملیات', en: 'Completion' },
		mandatory: true,
		contents: [
			{ fa: 'تطبیق کامل ساختمان با پروانه و نقشه‌ها', en: 'The building checked against its permit and drawings' },
			{ fa: 'تعداد واحدها و پارکینگ‌ها', en: 'Units and parking spaces' },
			PHOTOS
		]
	}
];

export function isSupervisionStage(value: unknown): value is SupervisionStage {
	return typeof value === 'string' && (SUPERVISION_STAGE_IDS as readonly string[]).includes(value);
}

export function stageOf(id: SupervisionStage): StageDefinition {
	return SUPERVISION_STAGES.find((s) => s.id === id)!;
}

/** Stages the end-of-rough-construction certificate needs: the mandatory ones up to سفت‌کاری. */
export const ROUGH_CONSTRUCTION_STAGES: SupervisionStage[] = SUPERVISION_STAGES.filter((s) => s.mandatory && s.order <= 5).map((s) => s.id);
/** Stages the completion certificate (پایان کار) needs: every mandatory stage. */
export const COMPLETION_STAGES: SupervisionStage[] = SUPERVISION_STAGES.filter((s) => s.mandatory).map((s) => s.id);

/** The stages of `required` with no report among `reported`, in stage order. */
export function missingStages(required: readonly SupervisionStage[], reported: readonly string[]): SupervisionStage[] {
	const have = new Set(reported);
	return required.filter((s) => !have.has(s));
}

export const VIOLATION_KINDS = ['extra_floor', 'extra_area', 'missing_parking', 'beyond_widening_line', 'other'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** What a violation is, and the unit its measured excess is in. */
export const VIOLATION_KIND_NAMES: Record<ViolationKind, { name: Bilingual; unit: Bilingual | null }> = {
	extra_floor: { name: { fa: 'طبقه اضافه', en: 'Extra floor' }, unit: { fa: 'طبقه', en: 'floors' } },
	extra_area: { name: { fa: 'اضافه بنا', en: 'Extra floor area' }, unit: { fa: 'مترمربع', en: 'm²' } },
	missing_parking: { name: { fa: 'کسری پارکینگ', en: 'Missing parking' }, unit: { fa: 'واحد پارکینگ', en: 'parking spaces' } },
	beyond_widening_line: { name: { fa: 'تجاوز به بر اصلاحی', en: 'Built beyond the widening line' }, unit: { fa: 'مترمربع', en: 'm²' } },
	other: { name: { fa: 'سایر تخلفات', en: 'Other violation' }, unit: null }
};

export function isViolationKind(value: unknown): value is ViolationKind {
	return typeof value === 'string' && (VIOLATION_KINDS as readonly string[]).includes(value);
}

export const ENGINEER_GRADES = ['grade3', 'grade2', 'grade1', 'senior'] as const;
export type EngineerGrade = (typeof ENGINEER_GRADES)[number];

/**
 * Default yearly quota by grade (پایه). SAMPLE figures in the shape engineering organisations use
 * (floor area per year, number of works, the largest work a grade may take); each organisation
 * publishes its own, and the pool stores each engineer's own numbers.
 */
export const GRADE_QUOTAS: Record<EngineerGrade, { name: Bilingual; areaM2: number; works: number; maxWorkAreaM2: number | null }> = {
	grade3: { name: { fa: 'پایه ۳', en: 'Grade 3' }, areaM2: 6000, works: 8, maxWorkAreaM2: 2000 },
	grade2: { name: { fa: 'پایه ۲', en: 'Grade 2' }, areaM2: 12000, works: 12, maxWorkAreaM2: 6000 },
	grade1: { name: { fa: 'پایه ۱', en: 'Grade 1' }, areaM2: 18000, works: 15, maxWorkAreaM2: null },
	senior: { name: { fa: 'ارشد', en: 'Senior' }, areaM2: 24000, works: 18, maxWorkAreaM2: null }
};

export interface QuotaUse {
	areaQuotaM2: number | null;
	workQuota: number | null;
	maxWorkAreaM2: number | null;
	usedAreaM2: number;
	usedWorks: number;
}

/** Whether a work of `areaM2` fits the engineer's remaining quota this year (and their grade's largest work). */
export function fitsQuota(use: QuotaUse, areaM2: number): boolean {
	if (use.maxWorkAreaM2 !== null && areaM2 > use.maxWorkAreaM2) return false;
	if (use.areaQuotaM2 !== null && use.usedAreaM2 + areaM2 > use.areaQuotaM2) return false;
	if (use.workQuota !== null && use.usedWorks + 1 > use.workQuota) return false;
	return true;
}
