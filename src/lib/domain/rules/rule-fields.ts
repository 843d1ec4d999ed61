/**
 * The fields of a zone's rule-book row: their names in both languages, what values they take, and
 * the names files give them (English, Persian, Finglish abbreviations such as TARAKOM,
 * ZARIB_OSHGHAL, TABAGHE). One table serves the CSV reader, the validator and the messages.
 */
import type { Bilingual } from '../../i18n/lang';
import { CHECKED_RULES, type CheckedRule, type ZoneRules } from './rule-book';

export type RuleFieldKind =
	| { type: 'number'; min: number; max: number; exclusiveMin?: boolean; percent?: boolean }
	| { type: 'integer'; min: number; max: number }
	| { type: 'text' }
	| { type: 'uses' }
	| { type: 'parking' }
	| { type: 'pilotis' }
	| { type: 'light_well' }
	| { type: 'north_depth' };

export type RuleFieldName = Exclude<keyof ZoneRules, 'clauses'> | `clause_${CheckedRule}`;

export interface RuleField {
	name: RuleFieldName;
	label: Bilingual;
	kind: RuleFieldKind;
	required?: boolean;
	/** Source names that mean this field, compared case-, digit- and separator-insensitively. */
	aliases: string[];
}

const pct = (max: number) => ({ type: 'number', min: 0, max, percent: true }) as const;
const positive = (max: number) => ({ type: 'number', min: 0, max, exclusiveMin: true }) as const;

/** Rule-book fields other than the per-rule clause references. */
export const ZONE_FIELDS: readonly RuleField[] = [
	{
		name: 'zone_code',
		label: { fa: 'کد پهنه', en: 'zone code' },
		kind: { type: 'text' },
		required: true,
		aliases: ['zone', 'zone_code', 'zonecode', 'zoning_code', 'code', 'pahne', 'pahneh', 'code_pahne', 'kod_pahne', 'پهنه', 'کد_پهنه', 'کد پهنه', 'زیرپهنه', 'کد']
	},
	{ name: 'land_use', label: { fa: 'کاربری', en: 'land use' }, kind: { type: 'text' }, aliases: ['land_use', 'landuse', 'use', 'karbari', 'karbary', 'کاربری'] },
	{
		name: 'allowed_uses',
		label: { fa: 'کاربری‌های مجاز', en: 'allowed uses' },
		kind: { type: 'uses' },
		aliases: ['allowed_uses', 'uses', 'permitted_uses', 'karbari_mojaz', 'کاربری_های_مجاز', 'کاربریهای مجاز', 'فعالیت_مجاز']
	},
	{
		name: 'density_pct',
		label: { fa: 'تراکم', en: 'density' },
		kind: pct(5000),
		aliases: ['density', 'density_pct', 'far', 'tarakom', 'tarakom_pct', 'zarib_tarakom', 'تراکم', 'درصد_تراکم', 'تراکم_مجاز', 'ضریب_تراکم']
	},
	{
		name: 'occupancy_pct',
		label: { fa: 'سطح اشغال', en: 'occupancy' },
		kind: pct(100),
		aliases: ['occupancy', 'occupancy_pct', 'coverage', 'lot_coverage', 'sath_eshghal', 'sathe_eshghal', 'eshghal', 'oshghal', 'zarib_oshghal', 'zarib_eshghal', 'سطح_اشغال', 'اشغال', 'ضریب_اشغال']
	},
	{
		name: 'max_floors',
		label: { fa: 'حداکثر طبقات', en: 'maximum floors' },
		kind: { type: 'integer', min: 0, max: 200 },
		aliases: ['max_floors', 'maxfloors', 'floors', 'nfloors', 'tabaghe', 'tabaqe', 'tabagheh', 'tedad_tabaghe', 'طبقات', 'طبقه', 'تعداد_طبقات', 'حداکثر_طبقات']
	},
	{
		name: 'max_height_m',
		label: { fa: 'حداکثر ارتفاع', en: 'maximum height' },
		kind: positive(1000),
		aliases: ['max_height_m', 'max_height', 'maxheight', 'height', 'height_m', 'ertefa', 'ertefaa', 'ارتفاع', 'حداکثر_ارتفاع']
	},
	{
		name: 'min_parcel_area_m2',
		label: { fa: 'حداقل مساحت تفکیک', en: 'minimum parcel area for subdivision' },
		kind: positive(1_000_000),
		aliases: ['min_parcel_area_m2', 'min_parcel_area', 'min_area', 'min_lot_area', 'masahat_tafkik', 'hadaghal_masahat', 'hadaqal_masahat', 'tafkik', 'حداقل_مساحت', 'حداقل_مساحت_تفکیک', 'حداقل تفکیک']
	},
	{
		name: 'min_frontage_m',
		label: { fa: 'حداقل بر تفکیک', en: 'minimum frontage for subdivision' },
		kind: positive(1000),
		aliases: ['min_frontage_m', 'min_frontage', 'frontage', 'hadaghal_bar', 'hadaqal_bar', 'bar', 'حداقل_بر', 'حداقل_عرض', 'عرض_بر', 'طول_بر']
	},
	{
		name: 'parking',
		label: { fa: 'پارکینگ هر واحد', en: 'parking per unit' },
		kind: { type: 'parking' },
		aliases: ['parking', 'parking_per_unit', 'parking_bands', 'parking_unit', 'parking_vahed', 'tedad_parking', 'پارکینگ', 'پارکینگ_هر_واحد', 'تعداد_پارکینگ']
	},
	{ name: 'pilotis', label: { fa: 'پیلوت', en: 'pilotis' }, kind: { type: 'pilotis' }, aliases: ['pilotis', 'piloti', 'pilot', 'پیلوت', 'پیلوتی'] },
	{
		name: 'light_well',
		label: { fa: 'نورگیر', en: 'light well' },
		kind: { type: 'light_well' },
		aliases: ['light_well', 'lightwell', 'nurgir', 'noorgir', 'nourgir', 'نورگیر', 'حداقل_نورگیر']
	},
	{
		name: 'north_depth',
		label: { fa: 'عمق ساخت شمالی', en: 'north-side depth' },
		kind: { type: 'north_depth' },
		aliases: ['north_depth', 'north_side_depth', 'omgh', 'omgh_shomali', 'omq', 'omq_shomali', 'omgh_sakht', 'عمق', 'عمق_شمالی', 'عمق_ساخت', 'عمق_مجاز', 'ضابطه_شمالی']
	},
	{
		name: 'front_setback_m',
		label: { fa: 'عقب‌نشینی جلو', en: 'front setback' },
		kind: { type: 'number', min: 0, max: 100 },
		aliases: ['front_setback_m', 'front_setback', 'setback', 'aghab_neshini', 'aqab_neshini', 'aghabneshini', 'عقب_نشینی', 'عقب‌نشینی']
	},
	{ name: 'clause', label: { fa: 'بند ضوابط', en: 'clause' }, kind: { type: 'text' }, aliases: ['clause', 'ref', 'reference', 'band', 'bande', 'madde', 'بند', 'ماده', 'مرجع', 'بند_ضوابط'] },
	{ name: 'note', label: { fa: 'توضیحات', en: 'note' }, kind: { type: 'text' }, aliases: ['note', 'notes', 'description', 'desc', 'sharh', 'tozih', 'توضیحات', 'توضیح', 'شرح'] }
];

/** Names of each checked rule, for messages and for the clause columns (`clause_density`, «بند_تراکم»). */
export const RULE_LABELS: Record<CheckedRule, Bilingual> = {
	zone_rules: { fa: 'ضوابط پهنه', en: 'zone rules' },
	net_area: { fa: 'مساحت خالص', en: 'net area' },
	land_use: { fa: 'کاربری', en: 'land use' },
	density: { fa: 'تراکم', en: 'density' },
	occupancy: { fa: 'سطح اشغال', en: 'occupancy' },
	floors: { fa: 'طبقات', en: 'floors' },
	height: { fa: 'ارتفاع', en: 'height' },
	overlay_height: { fa: 'ارتفاع حریم', en: 'overlay height' },
	overlay_floors: { fa: 'طبقات حریم', en: 'overlay floors' },
	overlay_rule: { fa: 'ضابطه حریم', en: 'overlay rule' },
	unit_areas: { fa: 'مساحت واحدها', en: 'unit areas' },
	parking: { fa: 'پارکینگ', en: 'parking' },
	footprint_in_parcel: { fa: 'ساخت درون پلاک', en: 'footprint inside the parcel' },
	footprint_beyond_widening: { fa: 'بر اصلاحی', en: 'widening line' },
	front_setback: { fa: 'عقب‌نشینی جلو', en: 'front setback' },
	north_depth: { fa: 'عمق شمالی', en: 'north-side depth' },
	light_well: { fa: 'نورگیر', en: 'light well' },
	pilotis: { fa: 'پیلوت', en: 'pilotis' }
};

/** `clause_density`, … : one optional column per checked rule. */
export const CLAUSE_FIELDS: readonly RuleField[] = CHECKED_RULES.map((rule) => ({
	name: `clause_${rule}` as const,
	label: { fa: `بند ${RULE_LABELS[rule].fa}`, en: `clause for ${RULE_LABELS[rule].en}` },
	kind: { type: 'text' } as const,
	aliases: [`clause_${rule}`, `${rule}_clause`, `band_${rule}`, `بند_${RULE_LABELS[rule].fa}`]
}));

export const RULE_FIELDS: readonly RuleField[] = [...ZONE_FIELDS, ...CLAUSE_FIELDS];

export function ruleField(name: RuleFieldName): RuleField {
	const field = RULE_FIELDS.find((f) => f.name === name);
	if (!field) throw new Error(`unknown rule-book field ${name}`);
	return field;
}
