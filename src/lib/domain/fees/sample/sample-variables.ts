/**
 * Inputs of the sample tariff book («نمونه — sample»). Declared once for the whole book so that,
 * e.g., P is the same zone value with the same unit in every item.
 */
import type { TariffVariable } from '../tariff-book';

const BUILDING_USES = [
	{ value: 'residential', label: { fa: 'مسکونی', en: 'Residential' } },
	{ value: 'commercial', label: { fa: 'تجاری', en: 'Commercial' } },
	{ value: 'office', label: { fa: 'اداری', en: 'Office' } },
	{ value: 'industrial', label: { fa: 'صنعتی', en: 'Industrial' } }
];

const FLOOR_LEVELS = [
	{ value: 'basement', label: { fa: 'زیرزمین', en: 'Basement' } },
	{ value: 'ground', label: { fa: 'همکف', en: 'Ground floor' } },
	{ value: 'first', label: { fa: 'طبقهٔ اول', en: 'First floor' } },
	{ value: 'second', label: { fa: 'طبقهٔ دوم', en: 'Second floor' } },
	{ value: 'third_up', label: { fa: 'طبقهٔ سوم و بالاتر', en: 'Third floor and above' } },
	{ value: 'storage', label: { fa: 'انباری', en: 'Storage' } },
	{ value: 'mezzanine', label: { fa: 'نیم‌طبقه', en: 'Mezzanine' } }
];

/** Street classes as in the sample city's street network. */
const ROAD_CLASSES = [
	{ value: 'arterial', label: { fa: 'شریانی', en: 'Arterial' } },
	{ value: 'collector', label: { fa: 'جمع‌کننده', en: 'Collector' } },
	{ value: 'local', label: { fa: 'محلی', en: 'Local' } },
	{ value: 'alley', label: { fa: 'کوچه', en: 'Alley' } }
];

const SURFACES = [
	{ value: 'asphalt', label: { fa: 'آسفالت', en: 'Asphalt' } },
	{ value: 'concrete', label: { fa: 'بتن', en: 'Concrete' } },
	{ value: 'paving', label: { fa: 'سنگ‌فرش و موزاییک', en: 'Paving stones' } },
	{ value: 'unpaved', label: { fa: 'خاکی', en: 'Unpaved' } }
];

export const SAMPLE_BUILDING_VARIABLES: TariffVariable[] = [
	{
		name: 'P',
		type: 'number',
		unit: 'rial/m2',
		min: 0,
		description: {
			fa: 'قیمت منطقه‌ای (ارزش معاملاتی) هر متر مربع، از دفترچهٔ کمیسیون ماده ۶۴ قانون مالیات‌های مستقیم',
			en: 'Zone value per m² (ارزش معاملاتی), from the Article 64 Direct Taxation commission book'
		}
	},
	{ name: 'use', type: 'string', unit: null, values: BUILDING_USES, description: { fa: 'کاربری بنا', en: 'Use of the building' } },
	{
		name: 'floor_area',
		type: 'number',
		unit: 'm2',
		min: 0,
		description: { fa: 'زیربنای ناخالص مشمول، با راهرو و پله و آسانسور', en: 'Gross floor area charged, corridors, stairs and lifts included' }
	},
	{ name: 'units', type: 'number', unit: 'count', min: 1, default: 1, description: { fa: 'تعداد واحد', en: 'Number of units' } },
	{
		name: 'floor_level',
		type: 'string',
		unit: null,
		values: FLOOR_LEVELS,
		default: 'ground',
		description: { fa: 'طبقهٔ فضای تجاری، اداری یا صنعتی', en: 'Floor of the commercial, office or industrial space' }
	},
	{ name: 'frontage', type: 'number', unit: 'm', min: 0, default: 3, description: { fa: 'طول دهنه (L)', en: 'Frontage width (L)' } },
	{ name: 'height', type: 'number', unit: 'm', min: 0, default: 4, description: { fa: 'ارتفاع فضا (H)', en: 'Clear height of the space (H)' } },
	{
		name: 'net_land_area',
		type: 'number',
		unit: 'm2',
		min: 0,
		description: { fa: 'مساحت زمین پس از اصلاحی', en: 'Land area after the street widening line' }
	},
	{
		name: 'base_density_pct',
		type: 'number',
		unit: '%',
		min: 0,
		description: { fa: 'تراکم پایهٔ طرح تفصیلی', en: 'Base density of the detailed plan' }
	},
	{
		name: 'missing_parking_spaces',
		type: 'number',
		unit: 'count',
		min: 0,
		default: 0,
		description: { fa: 'تعداد پارکینگ کسری', en: 'Parking spaces missing' }
	},
	{
		name: 'parking_forbidden_by_city',
		type: 'boolean',
		unit: null,
		default: false,
		description: { fa: 'احداث پارکینگ به حکم شهرداری ممنوع است', en: 'The municipality forbids building parking here' }
	},
	{
		name: 'density_class',
		type: 'string',
		unit: null,
		values: [
			{ value: 'low', label: { fa: 'کم‌تراکم', en: 'Low density' } },
			{ value: 'medium', label: { fa: 'میان‌تراکم', en: 'Medium density' } },
			{ value: 'high', label: { fa: 'پرتراکم', en: 'High density' } }
		],
		description: { fa: 'پهنهٔ تراکمی', en: 'Density class of the zone' }
	},
	{
		name: 'worn_fabric',
		type: 'boolean',
		unit: null,
		default: false,
		description: { fa: 'پلاک در بافت فرسوده است', en: 'The parcel is in designated worn-out urban fabric' }
	},
	{
		name: 'removed_parking_area',
		type: 'number',
		unit: 'm2',
		min: 0,
		default: 0,
		description: { fa: 'مساحت پارکینگ حذف‌شده', en: 'Parking area removed' }
	},
	{
		name: 'unpaid_renewal_years',
		type: 'number',
		unit: 'years',
		min: 0,
		max: 50,
		default: 0,
		description: { fa: 'سال‌های پرداخت‌نشدهٔ عوارض نوسازی', en: 'Years of unpaid renewal charge' }
	}
];

/** What the charges on a case without a proposed building read: the parcel as mapped, and the years of renovation charge due. */
export const SAMPLE_PARCEL_VARIABLES: TariffVariable[] = [
	{
		name: 'land_area',
		type: 'number',
		unit: 'm2',
		min: 0,
		description: { fa: 'مساحت زمین طبق نقشهٔ پلاک', en: 'Land area of the parcel as mapped' }
	},
	{
		name: 'renovation_years',
		type: 'number',
		unit: 'years',
		min: 0,
		max: 50,
		// an inquiry or transfer settles at least the current year
		default: 1,
		description: { fa: 'سال‌های عوارض نوسازی که با این درخواست تسویه می‌شود (سال جاری هم)', en: 'Years of renovation charge settled with this request (the current year included)' }
	}
];

export const SAMPLE_EXCAVATION_VARIABLES: TariffVariable[] = [
	{ name: 'dig_area', type: 'number', unit: 'm2', min: 0, description: { fa: 'مساحت حفاری', en: 'Excavated area' } },
	{ name: 'surface', type: 'string', unit: null, values: SURFACES, description: { fa: 'نوع رویه', en: 'Road surface' } },
	{ name: 'road_class', type: 'string', unit: null, values: ROAD_CLASSES, description: { fa: 'ردهٔ معبر', en: 'Street class' } },
	{
		name: 'recently_paved',
		type: 'boolean',
		unit: null,
		default: false,
		description: { fa: 'معبر در سه سال اخیر روکش شده است', en: 'The street was resurfaced in the last three years' }
	}
];
