/**
 * The yearly tariff book (تعرفه عوارض و بهای خدمات محلی) the city council approves, as data a
 * clerk can edit: items with formulas over declared inputs, coefficient tables, discounts, and
 * a legal status per item, since courts annul lines (e.g. دیوان عدالت اداری, دادنامه ۵۷۳، ۱۳۹۶,
 * Karaj's parking-shortfall line). Plain JSON-compatible types; see permits-fees.md §B.
 */
import type { Bilingual } from '../../i18n/lang';
import type { CoefficientTableData, InputValue, ValueType } from '../formula';

export type TariffBookStatus = 'draft' | 'approved' | 'published' | 'superseded';

/**
 * How each line is rounded before a bill is issued. Bills carry whole thousands of rials, so the
 * unit is a multiple of 1,000. `floor` never charges more than the approved tariff.
 */
export interface RoundingRule {
	unit_rial: number;
	mode: 'floor' | 'round' | 'ceil';
}

/** An input the book asks for, declared once so it means the same thing in every item. */
export interface TariffVariable {
	/** English identifier used in formulas, e.g. `P`, `floor_area`. */
	name: string;
	type: ValueType;
	/** 'rial/m2', 'm2', 'm', 'count', 'years'…; null for text and true/false inputs. */
	unit: string | null;
	description: Bilingual;
	/** For text inputs: the only values allowed, with their labels. */
	values?: readonly { value: string; label: Bilingual }[];
	/** For numbers: the range an input must fall in. */
	min?: number;
	max?: number;
	/** Used when the input is not given. */
	default?: InputValue;
}

/** A coefficient table read by formulas as `table(name, key, …)`. */
export type CoefficientTable = CoefficientTableData & {
	name: string;
	title: Bilingual;
};

/** A worked example kept with the item, run as a test whenever the book is validated. */
export interface TariffSample {
	note?: Bilingual;
	inputs: Readonly<Record<string, InputValue>>;
	/** The line's rounded amount in rials; null when the item must not apply to these inputs. */
	expected_rial: number | null;
}

export interface TariffItem {
	/** The item's number in the book, e.g. '2-1'. Unique within the book. */
	code: string;
	title: Bilingual;
	/** The clause it rests on, e.g. «بند ۲-۱ تعرفه؛ تبصره ۳ بند ب ماده ۲ قانون درآمد پایدار». */
	legal_basis: Bilingual;
	/** The request kinds it is charged on, e.g. 'building_permit', 'excavation'. */
	applies_to: readonly string[];
	/** Amount in rials over the book's variables and tables, e.g. `M * P * S`. */
	formula: string;
	/** Charged only when this is true, e.g. `missing_parking > 0`; always when absent. */
	condition?: string;
	/** Bounds on a positive amount; a zero amount stays zero. */
	min_rial?: number;
	max_rial?: number;
	/** Set when a court annulled the item: it is kept for history and never charged. */
	annulled?: { ruling: Bilingual; date?: string };
	samples: readonly TariffSample[];
}

/**
 * A reduction of some items, e.g. 95 % of the parking shortfall where the city itself forbids
 * parking in low-density zones. Of the non-stackable discounts that apply to a line only the
 * largest is taken; stackable ones then apply one after another to what remains.
 */
export interface TariffDiscount {
	code: string;
	title: Bilingual;
	legal_basis: Bilingual;
	/** Codes of the items it reduces. */
	items: readonly string[];
	/** Applies only when this is true. */
	condition: string;
	/** 0 < percent ≤ 100. */
	percent: number;
	/** Largest reduction in rials, if capped. */
	cap_rial?: number;
	stackable: boolean;
}

export interface TariffBook {
	title: Bilingual;
	city: Bilingual;
	/** Set on demonstration data, which must never be charged to anyone. */
	sample?: boolean;
	jalali_year: number;
	status: TariffBookStatus;
	/** The council's resolution that approved the book. */
	resolution?: { number: string; approved_on: string };
	rounding: RoundingRule;
	variables: readonly TariffVariable[];
	tables: readonly CoefficientTable[];
	items: readonly TariffItem[];
	discounts: readonly TariffDiscount[];
}
