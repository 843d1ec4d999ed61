/**
 * SAMPLE DATA (داده نمونه): a made-up detailed-plan rule book for the generated sample city
 * (gis/sample-city), covering every zone code it uses. The figures follow common Iranian
 * practice (parking per unit by size, «۶۰٪ + ۲ متر» on the north side, a light well of 12 m² and
 * 3 %), but no city approved them; the clause numbers are invented. A CSV copy lives in
 * tests/fixtures/rules/sample-rule-book.csv.
 */
import { emptyZoneRules, type RuleBook, type ZoneRules } from './rule-book';
import type { ParkingBand } from './parking-bands';

const SAMPLE = 'داده نمونه — sample data';

const ONE_PER_UNIT_TWO_ABOVE_150: ParkingBand[] = [
	{ up_to_m2: 150, spaces: 1 },
	{ up_to_m2: null, spaces: 2 }
];
const WITH_HALF_SPACES: ParkingBand[] = [
	{ up_to_m2: 150, spaces: 1 },
	{ up_to_m2: 200, spaces: 1.5 },
	{ up_to_m2: null, spaces: 2 }
];
const ONE_PER_UNIT: ParkingBand[] = [{ up_to_m2: null, spaces: 1 }];
const SIXTY_PCT_PLUS_2M = { fraction: 0.6, plus_m: 2, text: '60% + 2 m' };
const LIGHT_WELL = { min_area_m2: 12, min_pct_of_net: 3 };

const zone = (code: string, rules: Partial<ZoneRules>): ZoneRules => ({ ...emptyZoneRules(code), ...rules });

/** A residential zone: the common rows differ only in their limits and subdivision minimums. */
const residential = (code: string, density: number, occupancy: number, floors: number, height: number, minArea: number, frontage: number, extra: Partial<ZoneRules> = {}) =>
	zone(code, {
		land_use: 'residential',
		density_pct: density,
		occupancy_pct: occupancy,
		max_floors: floors,
		max_height_m: height,
		min_parcel_area_m2: minArea,
		min_frontage_m: frontage,
		parking: ONE_PER_UNIT_TWO_ABOVE_150,
		pilotis: 'required',
		light_well: LIGHT_WELL,
		north_depth: SIXTY_PCT_PLUS_2M,
		front_setback_m: 0,
		...extra
	});

export const SAMPLE_RULE_BOOK: RuleBook = {
	id: 'sample-1404',
	title_fa: `ضوابط و مقررات طرح تفصیلی شهر نمونه (${SAMPLE})`,
	title_en: `Detailed-plan rules of the sample city (${SAMPLE})`,
	effective_from: '2025-03-21', // 1 Farvardin 1404
	source: `${SAMPLE}: made up for the generated sample city; not approved by any council`,
	sample: true,
	clauses: {
		zone_rules: 'ضوابط طرح تفصیلی نمونه، بند ۱-۱',
		net_area: 'ضوابط طرح تفصیلی نمونه، بند ۱-۳',
		land_use: 'ضوابط طرح تفصیلی نمونه، بند ۲-۱',
		density: 'ضوابط طرح تفصیلی نمونه، بند ۳-۲',
		occupancy: 'ضوابط طرح تفصیلی نمونه، بند ۳-۳',
		floors: 'ضوابط طرح تفصیلی نمونه، بند ۳-۴',
		height: 'ضوابط طرح تفصیلی نمونه، بند ۳-۴',
		north_depth: 'ضوابط طرح تفصیلی نمونه، بند ۳-۵',
		unit_areas: 'ضوابط طرح تفصیلی نمونه، بند ۳-۶',
		light_well: 'ضوابط طرح تفصیلی نمونه، بند ۴-۲',
		parking: 'ضوابط طرح تفصیلی نمونه، بند ۵-۱',
		pilotis: 'ضوابط طرح تفصیلی نمونه، بند ۵-۲',
		footprint_beyond_widening: 'ضوابط طرح تفصیلی نمونه، بند ۶-۱',
		footprint_in_parcel: 'ضوابط طرح تفصیلی نمونه، بند ۶-۲',
		front_setback: 'ضوابط طرح تفصیلی نمونه، بند ۶-۳',
		overlay_height: 'ضوابط طرح تفصیلی نمونه، بند ۷-۱',
		overlay_floors: 'ضوابط طرح تفصیلی نمونه، بند ۷-۱',
		overlay_rule: 'ضوابط طرح تفصیلی نمونه، بند ۷-۲'
	},
	zones: [
		residential('T111', 120, 60, 2, 8, 200, 8, {
			land_use: 'heritage',
			parking: ONE_PER_UNIT,
			pilotis: 'not_allowed',
			clause: 'ضوابط طرح تفصیلی نمونه، فصل ۸ (بافت تاریخی)',
			clauses: { pilotis: 'ضوابط طرح تفصیلی نمونه، بند ۸-۳' },
			note: `بافت تاریخی: نما و ورودی با تأیید میراث فرهنگی (${SAMPLE})`
		}),
		residential('R111', 120, 60, 2, 8, 200, 8.5, { pilotis: 'allowed' }),
		residential('R121', 180, 60, 3, 11, 200, 8.5),
		residential('R122', 240, 60, 4, 14, 250, 10),
		residential('R131', 300, 60, 5, 18, 300, 10, { parking: WITH_HALF_SPACES }),
		residential('R141', 360, 40, 12, 40, 1000, 20, {
			parking: WITH_HALF_SPACES,
			north_depth: 'none',
			note: `بلندمرتبه: جانمایی با طرح توده‌گذاری (${SAMPLE})`
		}),
		zone('C211', {
			land_use: 'commercial',
			density_pct: 280,
			occupancy_pct: 70,
			max_floors: 4,
			max_height_m: 16,
			min_parcel_area_m2: 150,
			min_frontage_m: 8,
			parking: ONE_PER_UNIT,
			pilotis: 'allowed',
			north_depth: 'none',
			front_setback_m: 0
		}),
		residential('M131', 300, 60, 5, 18, 300, 10, { land_use: 'mixed', allowed_uses: ['residential', 'commercial', 'office'] }),
		zone('G311', {
			land_use: 'green',
			allowed_uses: [],
			density_pct: 60,
			occupancy_pct: 40,
			max_floors: 2,
			max_height_m: 7,
			min_parcel_area_m2: 2000,
			pilotis: 'not_allowed',
			light_well: 'none',
			north_depth: 'none'
		}),
		zone('E411', { land_use: 'educational', density_pct: 160, occupancy_pct: 40, max_floors: 4, max_height_m: 15, min_parcel_area_m2: 1000, north_depth: 'none' }),
		zone('A511', { land_use: 'administrative', density_pct: 240, occupancy_pct: 50, max_floors: 6, max_height_m: 22, min_parcel_area_m2: 500, north_depth: 'none' }),
		zone('I611', { land_use: 'industrial', density_pct: 80, occupancy_pct: 60, max_floors: 2, max_height_m: 12, min_parcel_area_m2: 1000, min_frontage_m: 20, north_depth: 'none', light_well: 'none' }),
		zone('H711', { land_use: 'healthcare', density_pct: 200, occupancy_pct: 50, max_floors: 5, max_height_m: 20, min_parcel_area_m2: 1000, north_depth: 'none' })
	]
};
