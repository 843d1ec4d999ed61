/** A small, valid tariff book for the tests of this folder; each test changes what it needs. */
import type { TariffBook } from '../src/lib/domain/fees/tariff-book';

export function testBook(): TariffBook {
	return {
		title: { fa: 'کتاب آزمون', en: 'Test book' },
		city: { fa: 'آزمون', en: 'Test' },
		jalali_year: 1404,
		status: 'draft',
		rounding: { unit_rial: 1000, mode: 'floor' },
		variables: [
			{ name: 'P', type: 'number', unit: 'rial/m2', min: 0, description: { fa: 'قیمت منطقه‌ای', en: 'Zone value' } },
			{ name: 'area', type: 'number', unit: 'm2', min: 0, description: { fa: 'مساحت', en: 'Area' } },
			{
				name: 'use',
				type: 'string',
				unit: null,
				values: [
					{ value: 'residential', label: { fa: 'مسکونی', en: 'Residential' } },
					{ value: 'commercial', label: { fa: 'تجاری', en: 'Commercial' } }
				],
				default: 'residential',
				description: { fa: 'کاربری', en: 'Use' }
			},
			{ name: 'exempt', type: 'boolean', unit: null, default: false, description: { fa: 'معاف', en: 'Exempt' } }
		],
		tables: [
			{
				name: 'K_use',
				title: { fa: 'ضریب کاربری', en: 'Use coefficient' },
				kind: 'lookup',
				dimensions: ['use'],
				rows: [
					{ key: ['residential'], value: 0.15 },
					{ key: ['commercial'], value: 0.5 }
				]
			}
		],
		items: [
			{
				code: 'A',
				title: { fa: 'ردیف الف', en: 'Item A' },
				legal_basis: { fa: 'بند الف', en: 'Clause A' },
				applies_to: ['building_permit'],
				formula: 'table(K_use, use) * P * area',
				samples: [{ inputs: { P: 8_800_000, area: 100.1 }, expected_rial: 132_132_000 }]
			},
			{
				code: 'B',
				title: { fa: 'ردیف ب', en: 'Item B' },
				legal_basis: { fa: 'بند ب', en: 'Clause B' },
				applies_to: ['excavation'],
				formula: '1000 * area',
				condition: 'area > 10',
				samples: [
					{ inputs: { area: 20.5 }, expected_rial: 20_000 },
					{ inputs: { area: 5 }, expected_rial: null }
				]
			}
		],
		discounts: [
			{
				code: 'X',
				title: { fa: 'معافیت', en: 'Exemption' },
				legal_basis: { fa: 'بند ت', en: 'Clause X' },
				items: ['A'],
				condition: 'exempt',
				percent: 100,
				stackable: false
			}
		]
	};
}
