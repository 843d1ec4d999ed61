/**
 * A sample tariff book for the sample city («نمونه — sample»): building-permit, excavation,
 * permit renewal and amendment, completion certificate and renovation (عوارض نوسازی) items in the
 * formula shapes of permits-fees.md §B, each with worked samples that the book's validation runs.
 * Demonstration data: it must never be charged to anyone (`sample: true`).
 */
import type { Bilingual } from '../../../i18n/lang';
import type { TariffBook, TariffDiscount, TariffItem } from '../tariff-book';
import { SAMPLE_TABLES } from './sample-tables';
import { SAMPLE_BUILDING_VARIABLES, SAMPLE_EXCAVATION_VARIABLES, SAMPLE_PARCEL_VARIABLES } from './sample-variables';

const SAMPLE_MARK = 'نمونه — sample';

/** The clause an item rests on, and the published tariff its shape comes from (or none: invented). */
function basis(clause: string | Bilingual, source?: Bilingual): Bilingual {
	const { fa, en } = typeof clause === 'string' ? { fa: clause, en: clause } : clause;
	return {
		fa: `${SAMPLE_MARK}؛ بند ${fa} تعرفه، ${source ? `به الگوی ${source.fa}` : 'با رقم‌های فرضی'}`,
		en: `${SAMPLE_MARK}; clause ${en}, ${source ? `modelled on ${source.en}` : 'with invented figures'}`
	};
}

const TEHRAN = { fa: 'تعرفهٔ منطقهٔ ۵ تهران', en: "Tehran Region 5's tariff" };
const MASHHAD = { fa: 'تعرفهٔ منطقهٔ ۲ مشهد', en: "Mashhad zone 2's tariff" };
const PERMIT = ['building_permit'];
const WITHIN_DENSITY = 'floor_area <= base_density_pct / 100 * net_land_area';
const residential = { use: 'residential' } as const;

const BUILDING_ITEMS: TariffItem[] = [
	{
		code: '1-1',
		title: { fa: 'عوارض زیربنای مسکونی تک‌واحدی', en: 'Floor-area charge, single residential unit' },
		legal_basis: basis('1-1', TEHRAN),
		applies_to: PERMIT,
		formula: 'table(K_residential_single, floor_area) * P * floor_area',
		condition: 'use == "residential" and units == 1',
		samples: [
			{ inputs: { ...residential, P: 2_000_000, floor_area: 150 }, expected_rial: 54_000_000 },
			{
				note: { fa: '۱۸٪ × ۸٬۸۰۰٬۰۰۰ × ۱۰۰٫۱ = ۱۵۸٬۵۵۸٬۴۰۰ → رو به پایین تا هزار ریال', en: '18 % × 8,800,000 × 100.1 = 158,558,400, floored to thousands' },
				inputs: { ...residential, P: 8_800_000, floor_area: 100.1 },
				expected_rial: 158_558_000
			},
			{ inputs: { ...residential, P: 2_000_000, floor_area: 150, worn_fabric: true }, expected_rial: 27_000_000 },
			{ inputs: { use: 'commercial', P: 5_000_000, floor_area: 40 }, expected_rial: null }
		]
	},
	{
		code: '1-2',
		title: { fa: 'عوارض زیربنای مسکونی چندواحدی', en: 'Floor-area charge, several residential units' },
		legal_basis: basis('1-2', TEHRAN),
		applies_to: PERMIT,
		formula: 'table(K_residential_multi, floor_area / units) * P * floor_area',
		condition: 'use == "residential" and units > 1',
		samples: [
			{ inputs: { ...residential, P: 3_000_000, floor_area: 480, units: 4 }, expected_rial: 216_000_000 },
			{ inputs: { ...residential, P: 3_000_000, floor_area: 1000, units: 2 }, expected_rial: 750_000_000 },
			{ inputs: { ...residential, P: 3_000_000, floor_area: 150, units: 1 }, expected_rial: null }
		]
	},
	{
		code: '1-3',
		title: { fa: 'عوارض پذیرهٔ تجاری، اداری و صنعتی', en: 'Frontage charge (پذیره), commercial, office and industrial' },
		legal_basis: basis('1-3', TEHRAN),
		applies_to: PERMIT,
		// 5·P·M·(1 + (L − L0)/10 + (H − H0)/10 + N/10) per m², L0 = 3 m, H0 = 4 m; only excess L and H count [G]
		formula: '5 * P * table(M_floor, floor_level, use) * (1 + max(0, frontage - 3) / 10 + max(0, height - 4) / 10 + units / 10) * floor_area',
		condition: 'use != "residential"',
		samples: [
			{
				inputs: { use: 'commercial', floor_level: 'ground', P: 5_000_000, floor_area: 40, frontage: 5, height: 4.5 },
				expected_rial: 1_350_000_000
			},
			{ inputs: { use: 'office', floor_level: 'first', P: 5_000_000, floor_area: 100, units: 2 }, expected_rial: 1_200_000_000 },
			{
				note: { fa: '۵ × ۱٬۲۳۴٬۵۶۷ × ۰٫۳۵ × ۱٫۱ × ۳۳٫۳ = ۷۹٬۱۳۸٬۸۳۱٫۱۱۷۵', en: '5 × 1,234,567 × 0.35 × 1.1 × 33.3 = 79,138,831.1175' },
				inputs: { use: 'commercial', floor_level: 'third_up', P: 1_234_567, floor_area: 33.3 },
				expected_rial: 79_138_000
			}
		]
	},
	{
		code: '1-4',
		title: { fa: 'عوارض کسری پارکینگ', en: 'Parking shortfall charge' },
		legal_basis: basis('1-4', MASHHAD),
		applies_to: PERMIT,
		// T = M × P × S with S = 25 m² a missing space [G]; residential M = 50 for the first space, 70 for each further one
		formula: '25 * P * (use == "residential" ? 50 + 70 * (missing_parking_spaces - 1) : table(M_parking, use) * missing_parking_spaces)',
		condition: 'missing_parking_spaces > 0',
		min_rial: 100_000_000,
		samples: [
			{ inputs: { ...residential, P: 2_000_000, missing_parking_spaces: 2 }, expected_rial: 6_000_000_000 },
			{
				note: { fa: 'پارکینگ ممنوع، کم‌تراکم: ۹۵٪ تخفیف', en: 'Parking forbidden, low density: 95 % off' },
				inputs: {
					...residential,
					P: 2_000_000,
					missing_parking_spaces: 2,
					parking_forbidden_by_city: true,
					density_class: 'low',
					floor_area: 200,
					net_land_area: 200,
					base_density_pct: 120
				},
				expected_rial: 300_000_000
			},
			{
				note: { fa: 'بالای تراکم مجاز: بدون تخفیف', en: 'Above the allowed density: no discount' },
				inputs: {
					...residential,
					P: 2_000_000,
					missing_parking_spaces: 2,
					parking_forbidden_by_city: true,
					density_class: 'low',
					floor_area: 300,
					net_land_area: 200,
					base_density_pct: 120
				},
				expected_rial: 6_000_000_000
			},
			{
				note: { fa: 'تجاری در بافت فرسوده: سقف تخفیف ۵۰۰ میلیون ریال', en: 'Commercial in worn fabric: discount capped at 500 million rials' },
				inputs: { use: 'commercial', P: 5_000_000, missing_parking_spaces: 1, worn_fabric: true },
				expected_rial: 12_000_000_000
			},
			{
				note: { fa: 'کمتر از کمینه', en: 'Below the minimum' },
				inputs: { ...residential, P: 10_000, missing_parking_spaces: 1 },
				expected_rial: 100_000_000
			},
			{ inputs: { ...residential, P: 2_000_000, missing_parking_spaces: 0 }, expected_rial: null }
		]
	},
	{
		code: '1-5',
		title: { fa: 'عوارض تراکم مازاد بر پایه', en: 'Density above the base' },
		legal_basis: basis('1-5'),
		applies_to: PERMIT,
		formula: 'table(K_density, use) * P * (floor_area - base_density_pct / 100 * net_land_area)',
		condition: 'floor_area > base_density_pct / 100 * net_land_area',
		samples: [
			{ inputs: { ...residential, P: 2_000_000, floor_area: 300, net_land_area: 200, base_density_pct: 120 }, expected_rial: 144_000_000 },
			{ inputs: { ...residential, P: 2_000_000, floor_area: 240, net_land_area: 200, base_density_pct: 120 }, expected_rial: null }
		]
	},
	{
		code: '1-6',
		title: { fa: 'عوارض نوسازی سال‌های پرداخت‌نشده', en: 'Unpaid renewal charge' },
		legal_basis: basis('1-6', { fa: 'تعرفهٔ بافق (سال × ۱٫۵٪ × P × مساحت زمین)', en: "Bafgh's tariff (years × 1.5 % × P × land area)" }),
		applies_to: PERMIT,
		formula: 'unpaid_renewal_years * 0.015 * P * net_land_area',
		condition: 'unpaid_renewal_years > 0',
		samples: [{ inputs: { P: 2_000_000, net_land_area: 200, unpaid_renewal_years: 3 }, expected_rial: 18_000_000 }]
	},
	{
		code: '1-7',
		title: { fa: 'عوارض حذف پارکینگ', en: 'Parking removal charge' },
		legal_basis: basis('1-7', { fa: 'datasazeh.com', en: 'datasazeh.com' }),
		applies_to: PERMIT,
		formula: 'table(M_parking_removed, use) * P * removed_parking_area',
		condition: 'removed_parking_area > 0',
		annulled: {
			ruling: {
				fa: `${SAMPLE_MARK}؛ رأی فرضی هیئت عمومی دیوان عدالت اداری، به الگوی دادنامهٔ ۵۷۳ مورخ ۱۳۹۶/۰۶/۱۴ (کرج)`,
				en: `${SAMPLE_MARK}; hypothetical ruling of the Administrative Justice Court, modelled on ruling 573 of 14 Shahrivar 1396 (Karaj)`
			},
			date: '1403-06-14'
		},
		samples: []
	}
];

const EXCAVATION_ITEMS: TariffItem[] = [
	{
		code: '2-1',
		title: { fa: 'عوارض حفاری معابر', en: 'Street excavation charge' },
		legal_basis: basis('2-1'),
		applies_to: ['excavation'],
		formula: 'dig_area * table(R_surface, surface) * table(C_road, road_class) * (recently_paved ? 2 : 1)',
		samples: [
			{ inputs: { dig_area: 30, surface: 'asphalt', road_class: 'arterial' }, expected_rial: 202_500_000 },
			{ inputs: { dig_area: 30, surface: 'asphalt', road_class: 'arterial', recently_paved: true }, expected_rial: 405_000_000 },
			{ inputs: { dig_area: 12.5, surface: 'unpaved', road_class: 'alley' }, expected_rial: 10_000_000 },
			{ inputs: { dig_area: 7.3, surface: 'paving', road_class: 'collector' }, expected_rial: 28_470_000 }
		]
	},
	{
		code: '2-2',
		title: { fa: 'سپردهٔ تضمین ترمیم رویه (مسترد می‌شود)', en: 'Surface reinstatement deposit (refundable)' },
		legal_basis: basis('2-2'),
		applies_to: ['excavation'],
		formula: '0.3 * dig_area * table(R_surface, surface)',
		min_rial: 10_000_000,
		samples: [
			{ inputs: { dig_area: 30, surface: 'asphalt' }, expected_rial: 40_500_000 },
			{ inputs: { dig_area: 2, surface: 'unpaved' }, expected_rial: 10_000_000 }
		]
	}
];

/**
 * Charges of the requests that bring no proposed building, read from the parcel alone (its mapped
 * land area and the zone value P of its use), so the system can assess them by itself.
 */
const PARCEL_ITEMS: TariffItem[] = [
	{
		code: '3-1',
		title: { fa: 'عوارض تمدید پروانهٔ ساختمانی', en: 'Building permit renewal charge' },
		legal_basis: basis('3-1'),
		applies_to: ['permit_renewal'],
		formula: '0.02 * P * land_area',
		min_rial: 2_000_000,
		samples: [
			{ inputs: { P: 2_000_000, land_area: 200 }, expected_rial: 8_000_000 },
			{
				note: { fa: '۲٪ × ۳٬۴۵۶٬۷۸۹ × ۱۸۷٫۳ = ۱۲٬۹۴۹٬۱۳۱٫۵۹… → رو به پایین تا هزار ریال', en: '2 % × 3,456,789 × 187.3 = 12,949,131.59…, floored to thousands' },
				inputs: { P: 3_456_789, land_area: 187.3 },
				expected_rial: 12_949_000
			},
			{ note: { fa: 'کمتر از کمینه', en: 'Below the minimum' }, inputs: { P: 500_000, land_area: 100 }, expected_rial: 2_000_000 }
		]
	},
	{
		code: '3-2',
		title: { fa: 'عوارض بررسی اصلاح پروانهٔ ساختمانی', en: 'Building permit amendment review charge' },
		legal_basis: basis('3-2'),
		applies_to: ['permit_amendment'],
		formula: '0.03 * P * land_area',
		min_rial: 3_000_000,
		samples: [
			{ inputs: { P: 2_000_000, land_area: 200 }, expected_rial: 12_000_000 },
			{ note: { fa: 'کمتر از کمینه', en: 'Below the minimum' }, inputs: { P: 500_000, land_area: 100 }, expected_rial: 3_000_000 }
		]
	},
	{
		code: '3-3',
		title: { fa: 'بهای خدمات صدور گواهی پایان کار', en: 'Completion certificate service charge' },
		legal_basis: basis('3-3'),
		applies_to: ['completion_certificate'],
		formula: '0.01 * P * land_area',
		min_rial: 5_000_000,
		samples: [
			{ inputs: { P: 4_000_000, land_area: 300 }, expected_rial: 12_000_000 },
			{ note: { fa: 'کمتر از کمینه', en: 'Below the minimum' }, inputs: { P: 2_000_000, land_area: 200 }, expected_rial: 5_000_000 }
		]
	},
	{
		code: '4-1',
		title: { fa: 'عوارض نوسازی', en: 'Renovation charge (عوارض نوسازی)' },
		legal_basis: basis('4-1', { fa: 'تعرفهٔ بافق (سال × ۱٫۵٪ × P × مساحت زمین)', en: "Bafgh's tariff (years × 1.5 % × P × land area)" }),
		applies_to: ['renovation'],
		formula: 'renovation_years * 0.015 * P * land_area',
		condition: 'renovation_years > 0',
		samples: [
			{ note: { fa: 'سال جاری، بی‌آنکه سال‌ها گفته شود', en: 'The current year, no years given' }, inputs: { P: 2_000_000, land_area: 200 }, expected_rial: 6_000_000 },
			{ inputs: { P: 2_000_000, land_area: 200, renovation_years: 3 }, expected_rial: 18_000_000 },
			{
				note: { fa: '۲ × ۱٫۵٪ × ۳٬۴۵۶٬۷۸۹ × ۱۸۷٫۳ = ۱۹٬۴۲۳٬۶۹۷٫۳۹… → رو به پایین تا هزار ریال', en: '2 × 1.5 % × 3,456,789 × 187.3 = 19,423,697.39…, floored to thousands' },
				inputs: { P: 3_456_789, land_area: 187.3, renovation_years: 2 },
				expected_rial: 19_423_000
			},
			{ note: { fa: 'پیش‌تر تسویه شده', en: 'Already settled' }, inputs: { P: 2_000_000, land_area: 200, renovation_years: 0 }, expected_rial: null }
		]
	}
];

const DISCOUNTS: TariffDiscount[] = [
	{
		code: 'D-1',
		title: { fa: 'پارکینگ ممنوع به حکم شهرداری، پهنهٔ کم‌تراکم مسکونی', en: 'Parking forbidden by the city, low-density residential' },
		legal_basis: basis({ fa: '1-4، تبصرهٔ ۱', en: '1-4, note 1' }, MASHHAD),
		items: ['1-4'],
		condition: `parking_forbidden_by_city and use == "residential" and density_class == "low" and ${WITHIN_DENSITY}`,
		percent: 95,
		stackable: false
	},
	{
		code: 'D-2',
		title: { fa: 'پارکینگ ممنوع به حکم شهرداری', en: 'Parking forbidden by the city' },
		legal_basis: basis({ fa: '1-4، تبصرهٔ ۲', en: '1-4, note 2' }, MASHHAD),
		items: ['1-4'],
		condition: `parking_forbidden_by_city and ${WITHIN_DENSITY}`,
		percent: 50,
		stackable: false
	},
	{
		code: 'D-3',
		title: { fa: 'نوسازی بافت فرسوده', en: 'Renewal of worn-out urban fabric' },
		legal_basis: basis('5'),
		items: ['1-1', '1-2', '1-4'],
		condition: 'worn_fabric',
		percent: 50,
		cap_rial: 500_000_000,
		stackable: true
	}
];

export const SAMPLE_TARIFF_BOOK: TariffBook = {
	title: {
		fa: `تعرفهٔ عوارض و بهای خدمات محلی شهر نمونه، ۱۴۰۴ («${SAMPLE_MARK}»)`,
		en: `Local charges and service fees of the sample city, 1404 («${SAMPLE_MARK}»)`
	},
	city: { fa: 'شهر نمونه', en: 'Sample city' },
	sample: true,
	jalali_year: 1404,
	status: 'published',
	resolution: { number: 'نمونه/۱۴۰۳/۴۵', approved_on: '1403-11-14' },
	rounding: { unit_rial: 1000, mode: 'floor' },
	variables: [...SAMPLE_BUILDING_VARIABLES, ...SAMPLE_EXCAVATION_VARIABLES, ...SAMPLE_PARCEL_VARIABLES],
	tables: SAMPLE_TABLES,
	items: [...BUILDING_ITEMS, ...EXCAVATION_ITEMS, ...PARCEL_ITEMS],
	discounts: DISCOUNTS
};
