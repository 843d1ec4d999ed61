/**
 * What a proposed floor is used for, and which uses a zone's land use (کاربری) allows.
 * Parking, pilotis, storage and building services serve the main use and are allowed in every
 * zone; the main uses follow the detailed plan's land use unless a rule-book row lists its own.
 */
import type { Bilingual } from '../../i18n/lang';
import { normaliseText } from '../text';

export const FLOOR_USES = {
	residential: { fa: 'مسکونی', en: 'residential' },
	commercial: { fa: 'تجاری', en: 'commercial' },
	office: { fa: 'اداری', en: 'office' },
	educational: { fa: 'آموزشی', en: 'educational' },
	healthcare: { fa: 'درمانی', en: 'healthcare' },
	industrial: { fa: 'صنعتی', en: 'industrial' },
	storage: { fa: 'انباری', en: 'storage' },
	services: { fa: 'تأسیسات و مشاعات', en: 'services' },
	parking: { fa: 'پارکینگ', en: 'parking' },
	pilotis: { fa: 'پیلوت', en: 'pilotis' }
} as const satisfies Record<string, Bilingual>;

export type FloorUse = keyof typeof FLOOR_USES;

/** Uses that serve the building's main use: allowed in any zone. */
export const ANCILLARY_USES: readonly FloorUse[] = ['storage', 'services', 'parking', 'pilotis'];

/** Main uses each plan land use allows, keyed by the land-use words zoning data carries. */
const MAIN_USES_BY_LAND_USE: Record<string, readonly FloorUse[]> = {
	residential: ['residential'],
	heritage: ['residential', 'commercial', 'office'],
	commercial: ['commercial', 'office'],
	mixed: ['residential', 'commercial', 'office'],
	administrative: ['office'],
	office: ['office'],
	educational: ['educational'],
	health: ['healthcare'],
	healthcare: ['healthcare'],
	industrial: ['industrial', 'office'],
	green: []
};

const LAND_USE_NAMES: Record<string, Bilingual> = {
	residential: { fa: 'مسکونی', en: 'residential' },
	heritage: { fa: 'بافت تاریخی', en: 'historic fabric' },
	commercial: { fa: 'تجاری', en: 'commercial' },
	mixed: { fa: 'مختلط', en: 'mixed use' },
	administrative: { fa: 'اداری', en: 'administrative' },
	office: { fa: 'اداری', en: 'office' },
	educational: { fa: 'آموزشی', en: 'educational' },
	health: { fa: 'درمانی', en: 'healthcare' },
	healthcare: { fa: 'درمانی', en: 'healthcare' },
	industrial: { fa: 'صنعتی', en: 'industrial' },
	green: { fa: 'فضای سبز', en: 'green space' }
};

const LAND_USE_WORDS: Record<string, string> = {
	...Object.fromEntries(Object.entries(LAND_USE_NAMES).map(([key, names]) => [names.fa, key])),
	'میراث تاریخی': 'heritage',
	'بافت تاریخی': 'heritage',
	اداری: 'administrative',
	درمانی: 'health'
};

/** A land-use word (English key or Persian) as the key of the table above; null when unknown. */
function landUseKey(value: string | null): string | null {
	if (!value) return null;
	const v = normaliseText(value).toLowerCase();
	const key = LAND_USE_WORDS[v] ?? v;
	return key in MAIN_USES_BY_LAND_USE ? key : null;
}

/** A land use in words, in both languages; an unknown one as stored. */
export function landUseName(value: string): Bilingual {
	return LAND_USE_NAMES[landUseKey(value) ?? ''] ?? { fa: value, en: value };
}

/**
 * Every use a zone allows: its own list when the rule book gives one, else the land use's main
 * uses; ancillary uses always. Null when neither is known (the checker then asks an officer).
 */
export function allowedUses(land_use: string | null, own: readonly FloorUse[] | null): FloorUse[] | null {
	const main = own ?? MAIN_USES_BY_LAND_USE[landUseKey(land_use) ?? ''] ?? null;
	if (main === null) return null;
	return [...new Set([...main, ...ANCILLARY_USES])];
}

/** A floor use from its English key or Persian name; null when it is neither. */
export function readFloorUse(text: string): FloorUse | null {
	const v = normaliseText(text).toLowerCase();
	for (const [key, names] of Object.entries(FLOOR_USES)) {
		if (key === v || names.fa === v) return key as FloorUse;
	}
	return null;
}
