/** The rule-book tables (migrations/0020_zoning_rule_books.sql), part of the `DB` interface in schema.ts. */
import type { ColumnType, Generated } from 'kysely';
import type { ClauseRefs, LightWellRule, NorthDepthRule, ParkingBand, PilotisRule } from '../../domain/rules';

/** A jsonb column: read as the value, written as its JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface RuleBooks {
	id: Generated<number>;
	title: string;
	title_en: string | null;
	/** YYYY-MM-DD; select it as text so both drivers give the same string. */
	effective_from: ColumnType<string, string, string>;
	source: string;
	clauses: Json<ClauseRefs>;
	is_sample: ColumnType<boolean, boolean | undefined, boolean>;
	imported_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One zone code's rules in a book; null = not defined by the book (never zero). */
export interface ZoneRulesTable {
	book_id: number;
	zone_code: string;
	land_use: string | null;
	allowed_uses: string[] | null;
	density_pct: number | null;
	occupancy_pct: number | null;
	max_floors: number | null;
	max_height_m: number | null;
	min_parcel_area_m2: number | null;
	min_frontage_m: number | null;
	parking: Json<ParkingBand[] | null>;
	pilotis: PilotisRule | null;
	light_well: Json<LightWellRule | 'none' | null>;
	north_depth: Json<NorthDepthRule | 'none' | null>;
	front_setback_m: number | null;
	clause: string | null;
	clauses: Json<ClauseRefs>;
	note: string | null;
}
