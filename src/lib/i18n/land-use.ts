import type { Lang } from './lang';

/**
 * Detailed-plan land uses (کاربری) in both languages. Zoning data stores a short English key
 * (e.g. `residential`); imported data may carry the Persian word instead, which is accepted too.
 */
export const LAND_USES = {
	residential: { fa: 'مسکونی', en: 'Residential' },
	commercial: { fa: 'تجاری', en: 'Commercial' },
	mixed: { fa: 'مختلط', en: 'Mixed use' },
	administrative: { fa: 'اداری', en: 'Administrative' },
	educational: { fa: 'آموزشی', en: 'Educational' },
	health: { fa: 'درمانی', en: 'Health' },
	religious: { fa: 'مذهبی', en: 'Religious' },
	cultural: { fa: 'فرهنگی', en: 'Cultural' },
	heritage: { fa: 'میراث تاریخی', en: 'Historic heritage' },
	green: { fa: 'فضای سبز', en: 'Green space' },
	sports: { fa: 'ورزشی', en: 'Sports' },
	tourism: { fa: 'گردشگری', en: 'Tourism' },
	industrial: { fa: 'صنعتی', en: 'Industrial' },
	workshop: { fa: 'کارگاهی', en: 'Workshop' },
	facilities: { fa: 'تأسیسات شهری', en: 'Urban facilities' },
	transport: { fa: 'حمل‌ونقل و انبار', en: 'Transport & storage' },
	military: { fa: 'نظامی', en: 'Military' },
	agricultural: { fa: 'کشاورزی', en: 'Agricultural' },
	water: { fa: 'آبی', en: 'Water' }
} as const;

export type LandUse = keyof typeof LAND_USES;

/** Synonyms seen in municipal data, mapped to our keys. */
export const LAND_USE_ALIASES: Record<string, LandUse> = {
	mixed_use: 'mixed',
	'mixed-use': 'mixed',
	office: 'administrative',
	education: 'educational',
	healthcare: 'health',
	medical: 'health',
	park: 'green',
	open_space: 'green',
	recreation: 'sports',
	industry: 'industrial',
	utilities: 'facilities',
	infrastructure: 'facilities',
	public: 'facilities'
};

/** Finds our key for a stored land-use value (English key, synonym or Persian word); null if unknown. */
export function landUseKey(value: string | null | undefined): LandUse | null {
	if (!value) return null;
	const v = value.trim().toLowerCase();
	if (v in LAND_USES) return v as LandUse;
	if (v in LAND_USE_ALIASES) return LAND_USE_ALIASES[v];
	for (const [key, names] of Object.entries(LAND_USES)) {
		if (names.fa === value.trim() || names.en.toLowerCase() === v) return key as LandUse;
	}
	return null;
}

/** The land use in words, in the reader's language; an unknown value is shown as stored. */
export function landUseName(value: string | null | undefined, lang: Lang): string {
	const key = landUseKey(value);
	return key ? LAND_USES[key][lang] : (value ?? '');
}
