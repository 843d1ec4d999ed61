import type { Bilingual } from '../i18n/lang';

export const ROLES = [
	'citizen',
	'representative',
	'district_officer',
	'inspector',
	'planner',
	'agency',
	'supervising_engineer',
	'council_member',
	'admin',
	// excavation permits (issue 9): utility staff act for one organisation; the municipality reviews and inspects
	'utility_applicant',
	'utility_supervisor',
	'excavation_officer',
	'excavation_inspector'
] as const;
export type Role = (typeof ROLES)[number];

/** Who files a request from a parcel: its owner, an engineering office for the owner, a district officer at the counter. */
export const REQUEST_FILERS = ['citizen', 'representative', 'district_officer'] as const satisfies readonly Role[];

export const AGENCY_KINDS = ['cultural_heritage', 'official_experts', 'deeds_registry', 'education', 'utilities'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ROLE_NAMES: Record<Role, Bilingual> = {
	citizen: { fa: 'شهروند (مالک)', en: 'Citizen (owner)' },
	representative: { fa: 'نماینده فنی', en: 'Technical representative' },
	district_officer: { fa: 'کارشناس منطقه', en: 'District officer' },
	inspector: { fa: 'بازدیدکننده', en: 'Inspector' },
	planner: { fa: 'کارشناس شهرسازی', en: 'Planner' },
	agency: { fa: 'دستگاه همکار', en: 'Agency' },
	supervising_engineer: { fa: 'مهندس ناظر', en: 'Supervising engineer' },
	council_member: { fa: 'عضو شورای شهر', en: 'Council member' },
	admin: { fa: 'مدیر سامانه', en: 'Administrator' },
	utility_applicant: { fa: 'متقاضی حفاری (شرکت خدمات شهری)', en: 'Utility applicant' },
	utility_supervisor: { fa: 'ناظر کارگاه حفاری (شرکت خدمات شهری)', en: 'Utility site supervisor' },
	excavation_officer: { fa: 'کارشناس حفاری شهرداری', en: 'Excavation officer' },
	excavation_inspector: { fa: 'بازرس ترمیم حفاری', en: 'Reinstatement inspector' }
};

/** Roles that act for a utility company (user_roles.organisation_id names it). */
export const ORGANISATION_ROLES = ['utility_applicant', 'utility_supervisor'] as const satisfies readonly Role[];

export const AGENCY_NAMES: Record<AgencyKind, Bilingual> = {
	cultural_heritage: { fa: 'میراث فرهنگی', en: 'Cultural Heritage' },
	official_experts: { fa: 'کارشناسان رسمی دادگستری', en: 'Official experts' },
	deeds_registry: { fa: 'اداره ثبت اسناد و املاک', en: 'Deeds registry' },
	education: { fa: 'آموزش و پرورش', en: 'Education department' },
	utilities: { fa: 'شرکت‌های خدمات شهری (آب، برق، گاز)', en: 'Utilities (water, power, gas)' }
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAgencyKind(value: unknown): value is AgencyKind {
	return typeof value === 'string' && (AGENCY_KINDS as readonly string[]).includes(value);
}
