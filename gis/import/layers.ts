import type { CityLayer } from '../../src/lib/server/db/schema';

/** How a target field's source value is read and checked before it reaches the database. */
export type FieldKind =
	| { type: 'text' }
	| { type: 'number'; min?: number; max?: number; exclusiveMin?: boolean }
	| { type: 'integer'; min?: number; max?: number }
	| { type: 'postal_code' }
	| { type: 'date' }
	| { type: 'street_class' }
	| { type: 'use_class' }
	/** One of a layer's fixed values; `values` maps the words files use (compared like field names) to it. */
	| { type: 'choice'; values: Readonly<Record<string, string>> };

export interface TargetField {
	name: string;
	kind: FieldKind;
	/** NOT NULL in the table: a feature without it is rejected. */
	required?: boolean;
	/** Column default used when the file gives no value (the column is NOT NULL with a default). */
	fallback?: string | number;
	/** Source names that mean this field, compared after `fieldKey()` (case, spaces, _ and - ignored). */
	aliases: string[];
}

export type GeometryFamily = 'polygon' | 'line';

export interface LayerSpec {
	layer: CityLayer;
	table:
		| 'districts'
		| 'blocks'
		| 'streets'
		| 'widening_lines'
		| 'parcels'
		| 'zoning_zones'
		| 'overlays'
		| 'buildings'
		| 'zone_values'
		| 'street_surfaces'
		| 'restrictions';
	geometry: GeometryFamily;
	fields: TargetField[];
	/** Unique columns: a second feature with the same value is rejected, not a crash. */
	unique?: string[];
	/** Columns the database derives (ids, joins, generated columns): never read from a file. */
	derived: string[];
	/** Unmapped source attributes are kept in an `attributes` jsonb column rather than dropped. */
	keepsAttributes?: boolean;
}

const text = { type: 'text' } as const;
// numeric(6,2) and numeric(12,2) bounds of the columns
const width = { type: 'number', min: 0, max: 9999.99, exclusiveMin: true } as const;
const height = { type: 'number', min: 0, max: 9999.99 } as const;
const floorArea = { type: 'number', min: 0, max: 9_999_999_999.99 } as const;
const floors = { type: 'integer', min: 0, max: 500 } as const;

const nameFa = ['name_fa', 'name', 'nam', 'esm', 'نام', 'اسم', 'name_persian', 'farsi_name', 'نام_فارسی'];
const nameEn = ['name_en', 'ename', 'name_latin', 'english_name', 'latin_name', 'نام_انگلیسی'];
const maxHeight = ['max_height_m', 'max_height', 'maxheight', 'height', 'height_m', 'ertefa', 'ertefaa', 'ارتفاع', 'حداکثر_ارتفاع'];
const maxFloors = ['max_floors', 'maxfloors', 'floors', 'nfloors', 'tabaghe', 'tabaqe', 'tabagheh', 'طبقات', 'تعداد_طبقات', 'حداکثر_طبقات'];

const SURFACES = {
	asphalt: 'asphalt', asphalte: 'asphalt', asfalt: 'asphalt', bitumen: 'asphalt', آسفالت: 'asphalt',
	concrete: 'concrete', cement: 'concrete', beton: 'concrete', بتن: 'concrete', بتنی: 'concrete',
	paving: 'paving', pavers: 'paving', paved: 'paving', sett: 'paving', setts: 'paving', cobble: 'paving', cobblestone: 'paving', tiles: 'paving',
	mosaic: 'paving', sangfarsh: 'paving', سنگفرش: 'paving', موزاییک: 'paving', موزائیک: 'paving', بلوک: 'paving',
	unpaved: 'unpaved', dirt: 'unpaved', earth: 'unpaved', gravel: 'unpaved', ground: 'unpaved', khaki: 'unpaved', خاکی: 'unpaved', خاک: 'unpaved', شنی: 'unpaved'
} as const;
const LOCATIONS = {
	carriageway: 'carriageway', road: 'carriageway', roadway: 'carriageway', street: 'carriageway', savareh: 'carriageway', savareroo: 'carriageway',
	سواره: 'carriageway', سوارهرو: 'carriageway',
	footway: 'footway', sidewalk: 'footway', footpath: 'footway', piadeh: 'footway', piaderoo: 'footway', پیاده: 'footway', پیادهرو: 'footway',
	verge: 'verge', median: 'verge', refuge: 'verge', island: 'verge', refuj: 'verge', رفوژ: 'verge', حاشیه: 'verge'
} as const;
const startDate = ['starts_on', 'start', 'start_date', 'from', 'from_date', 'date_from', 'az_tarikh', 'tarikh_shoru', 'از_تاریخ', 'تاریخ_شروع'];
const endDate = ['ends_on', 'end', 'end_date', 'until', 'to', 'to_date', 'date_to', 'ta_tarikh', 'tarikh_payan', 'تا_تاریخ', 'تاریخ_پایان'];

/** Layers the excavation check reads: the road surface (what a dig breaks) and moratoriums. */
export const EXCAVATION_LAYERS: Pick<Record<CityLayer, LayerSpec>, 'street_surfaces' | 'restrictions'> = {
	street_surfaces: {
		layer: 'street_surfaces',
		table: 'street_surfaces',
		geometry: 'polygon',
		fields: [
			{ name: 'surface', kind: { type: 'choice', values: SURFACES }, required: true, aliases: ['surface', 'surface_type', 'material', 'rooye', 'rouye', 'noe_rooye', 'رویه', 'نوع_رویه', 'جنس_رویه', 'جنس'] },
			{ name: 'location', kind: { type: 'choice', values: LOCATIONS }, fallback: 'carriageway', aliases: ['location', 'part', 'position', 'mahal', 'bakhsh_maabar', 'محل', 'بخش_معبر', 'نوع_معبر'] }
		],
		derived: ['id', 'street_id', 'geom_3857']
	},
	restrictions: {
		layer: 'restrictions',
		table: 'restrictions',
		geometry: 'polygon',
		fields: [
			{ name: 'reason', kind: text, required: true, aliases: ['reason', 'cause', 'description', 'desc', 'note', 'elat', 'dalil', 'علت', 'دلیل', 'شرح'] },
			{ name: 'starts_on', kind: { type: 'date' }, required: true, aliases: startDate },
			{ name: 'ends_on', kind: { type: 'date' }, aliases: endDate },
			{ name: 'source', kind: text, aliases: ['source', 'contract', 'contract_no', 'reference', 'manba', 'gharardad', 'منبع', 'قرارداد', 'شماره_قرارداد'] }
		],
		derived: ['id', 'street_id', 'period', 'geom_3857']
	}
};

export const LAYERS: Record<CityLayer, LayerSpec> = {
	districts: {
		layer: 'districts',
		table: 'districts',
		geometry: 'polygon',
		fields: [
			{ name: 'code', kind: text, required: true, aliases: ['district', 'district_code', 'district_no', 'mantaghe', 'mantaqe', 'mantaghe_no', 'region', 'code', 'کد', 'منطقه', 'شماره_منطقه'] },
			{ name: 'name_fa', kind: text, required: true, aliases: nameFa },
			{ name: 'name_en', kind: text, aliases: nameEn }
		],
		unique: ['code'],
		derived: ['id']
	},
	blocks: {
		layer: 'blocks',
		table: 'blocks',
		geometry: 'polygon',
		fields: [{ name: 'code', kind: text, required: true, aliases: ['block', 'block_code', 'block_no', 'blok', 'blook', 'code', 'کد', 'بلوک', 'کد_بلوک', 'شماره_بلوک'] }],
		derived: ['id', 'district_id']
	},
	streets: {
		layer: 'streets',
		table: 'streets',
		geometry: 'line',
		fields: [
			{ name: 'name_fa', kind: text, aliases: nameFa },
			{ name: 'name_en', kind: text, aliases: nameEn },
			{ name: 'class', kind: { type: 'street_class' }, fallback: 'local', aliases: ['class', 'road_class', 'fclass', 'highway', 'street_class', 'type', 'rade', 'radeh', 'رده', 'نوع', 'درجه'] },
			{ name: 'width_m', kind: width, aliases: ['width', 'width_m', 'existing_width', 'current_width', 'arz', 'arz_mojud', 'عرض', 'عرض_موجود'] },
			{ name: 'planned_width_m', kind: width, aliases: ['planned_width', 'planned_width_m', 'plan_width', 'target_width', 'arz_tarh', 'arz_mosavab', 'عرض_طرح', 'عرض_مصوب', 'عرض_تعریض'] }
		],
		derived: ['id']
	},
	widening_lines: {
		layer: 'widening_lines',
		table: 'widening_lines',
		geometry: 'line',
		fields: [{ name: 'planned_width_m', kind: { type: 'number', min: 0, max: 9999.99 }, aliases: ['planned_width', 'planned_width_m', 'width', 'arz_tarh', 'عرض', 'عرض_طرح', 'عرض_مصوب'] }],
		derived: ['id', 'street_id']
	},
	parcels: {
		layer: 'parcels',
		table: 'parcels',
		geometry: 'polygon',
		fields: [
			{
				name: 'renovation_code',
				kind: text,
				aliases: ['renovation_code', 'renov_code', 'renovcode', 'reno_code', 'renocode', 'renovation', 'code_nosazi', 'codenosazi', 'code_nosaz', 'kod_nosazi', 'nosazi', 'nosazi_code', 'کد_نوسازی', 'کدنوسازی', 'نوسازی']
			},
			{ name: 'registration_plate', kind: text, aliases: ['registration_plate', 'reg_plate', 'plate', 'plate_no', 'pelak', 'pelak_sabti', 'plak', 'plak_sabti', 'sabti', 'پلاک_ثبتی', 'پلاک'] },
			{ name: 'registry_section', kind: text, aliases: ['registry_section', 'reg_section', 'section', 'bakhsh', 'bakhsh_sabti', 'بخش', 'بخش_ثبتی'] },
			{ name: 'postal_code', kind: { type: 'postal_code' }, aliases: ['postal_code', 'postcode', 'post_code', 'postal', 'zip', 'zipcode', 'zip_code', 'code_posti', 'codeposti', 'kod_posti', 'کد_پستی', 'کدپستی'] },
			{ name: 'address', kind: text, aliases: ['address', 'addr', 'adres', 'neshani', 'nashani', 'نشانی', 'آدرس'] }
		],
		unique: ['renovation_code'],
		derived: ['id', 'plate_main', 'plate_sub', 'district_id', 'block_id', 'area_m2', 'attributes', 'open_cases'],
		keepsAttributes: true
	},
	zoning: {
		layer: 'zoning',
		table: 'zoning_zones',
		geometry: 'polygon',
		fields: [
			{ name: 'code', kind: text, required: true, aliases: ['zone', 'zone_code', 'zonecode', 'zoning', 'zoning_code', 'pahne', 'pahneh', 'code_pahne', 'code', 'پهنه', 'کد_پهنه', 'کد'] },
			// Only the code is needed: the rules (land use and limits too) come from the rule book by code.
			{ name: 'land_use', kind: text, aliases: ['land_use', 'landuse', 'use', 'karbari', 'karbary', 'کاربری'] },
			{ name: 'density_pct', kind: { type: 'number', min: 0, max: 99999.99 }, aliases: ['density', 'density_pct', 'tarakom', 'tarakom_pct', 'tarakom_sakhtemani', 'تراکم', 'درصد_تراکم', 'تراکم_ساختمانی'] },
			{
				name: 'occupancy_pct',
				kind: { type: 'number', min: 0, max: 100 },
				aliases: ['occupancy', 'occupancy_pct', 'coverage', 'lot_coverage', 'sath_eshghal', 'sathe_eshghal', 'eshghal', 'سطح_اشغال', 'اشغال']
			},
			{ name: 'max_floors', kind: floors, aliases: maxFloors },
			{ name: 'max_height_m', kind: height, aliases: maxHeight },
			{ name: 'description', kind: text, aliases: ['description', 'desc', 'descr', 'sharh', 'tozih', 'شرح', 'توضیحات', 'توضیح'] }
		],
		derived: ['id']
	},
	overlays: {
		layer: 'overlays',
		table: 'overlays',
		geometry: 'polygon',
		fields: [
			{ name: 'kind', kind: text, required: true, aliases: ['kind', 'type', 'overlay', 'overlay_type', 'noe', 'نوع'] },
			{ name: 'name_fa', kind: text, required: true, aliases: nameFa },
			{ name: 'name_en', kind: text, aliases: nameEn },
			{ name: 'max_height_m', kind: height, aliases: maxHeight },
			{ name: 'max_floors', kind: floors, aliases: maxFloors },
			{ name: 'rule_fa', kind: text, aliases: ['rule_fa', 'rule', 'zabete', 'zabeteh', 'ضابطه'] },
			{ name: 'rule_en', kind: text, aliases: ['rule_en', 'rule_english'] }
		],
		derived: ['id']
	},
	buildings: {
		layer: 'buildings',
		table: 'buildings',
		geometry: 'polygon',
		fields: [
			{ name: 'floors', kind: floors, aliases: ['floors', 'nfloors', 'storeys', 'stories', 'levels', 'building_levels', 'tabaghe', 'tabaqe', 'طبقات', 'تعداد_طبقات'] },
			{ name: 'built_floor_area_m2', kind: floorArea, aliases: ['built_floor_area_m2', 'built_floor_area', 'built_area', 'floor_area', 'zirbana', 'zirbana_mojud', 'زیربنا', 'زیربنای_موجود'] },
			{ name: 'permitted_floor_area_m2', kind: floorArea, fallback: 0, aliases: ['permitted_floor_area_m2', 'permitted_floor_area', 'permitted_area', 'zirbana_mojaz', 'mojaz', 'زیربنای_مجاز', 'مجاز'] },
			{ name: 'permit_no', kind: text, aliases: ['permit_no', 'permit', 'permit_number', 'parvane', 'parvaneh', 'shomare_parvane', 'شماره_پروانه', 'پروانه'] },
			{ name: 'permit_date', kind: { type: 'date' }, aliases: ['permit_date', 'date', 'tarikh', 'tarikh_parvane', 'تاریخ_پروانه', 'تاریخ'] }
		],
		derived: ['id', 'parcel_id']
	},
	// P (قیمت منطقه‌ای) per use class from the Article 64 commission's book, rials per m²
	zone_values: {
		layer: 'zone_values',
		table: 'zone_values',
		geometry: 'polygon',
		fields: [
			{ name: 'use_class', kind: { type: 'use_class' }, required: true, aliases: ['use', 'use_class', 'land_use', 'landuse', 'karbari', 'کاربری', 'نوع_کاربری'] },
			{
				name: 'p_rial_per_m2',
				kind: { type: 'integer', min: 0, max: 9_000_000_000_000 },
				required: true,
				aliases: ['p', 'p_rial', 'p_rial_m2', 'value', 'price', 'zone_value', 'gheymat', 'gheymat_mantaghei', 'arzesh', 'arzesh_moamelati', 'قیمت', 'قیمت_منطقه_ای', 'قیمت_منطقه‌ای', 'ارزش_معاملاتی', 'ارزش']
			},
			{ name: 'jalali_year', kind: { type: 'integer', min: 1300, max: 1700 }, aliases: ['year', 'jalali_year', 'sal', 'سال'] },
			{ name: 'source_ref', kind: text, aliases: ['source', 'source_ref', 'book', 'daftarche', 'منبع', 'دفترچه'] }
		],
		derived: ['id']
	},
	...EXCAVATION_LAYERS
};

export function isCityLayer(value: string): value is CityLayer {
	return Object.hasOwn(LAYERS, value);
}
