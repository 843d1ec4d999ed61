/**
 * Zone rules between the database and the rules core: a `zone_rules` row (as JSON, the way the
 * queries aggregate it) ↔ {@link ZoneRules}. NULL stays null ("not defined"), never zero.
 */
import type { ClauseRefs, FloorUse, RuleBookVersion, ZoneRules } from '../../domain/rules';

/**
 * A zone_rules row as `json_agg` / `to_jsonb` gives it: numerics are JSON numbers, the uses are
 * plain strings and a row without clauses has null; every other field is the core's own.
 */
export type ZoneRulesJson = Omit<ZoneRules, 'allowed_uses' | 'clauses'> & { allowed_uses: string[] | null; clauses: ClauseRefs | null };

/** A rule_books row; `effective_from` is selected as text (YYYY-MM-DD). */
export interface RuleBookRow {
	id: number;
	title: string;
	title_en: string | null;
	effective_from: string;
	source: string;
	clauses: ClauseRefs;
	is_sample: boolean;
	imported_at: Date | string;
}

/** What a new book is stored with; its rows come separately. */
export interface NewRuleBook {
	title: string;
	title_en: string | null;
	effective_from: string;
	source: string;
	clauses: ClauseRefs;
	is_sample: boolean;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toZoneRules(r: ZoneRulesJson): ZoneRules {
	return {
		zone_code: r.zone_code,
		land_use: r.land_use,
		allowed_uses: r.allowed_uses as FloorUse[] | null,
		density_pct: num(r.density_pct),
		occupancy_pct: num(r.occupancy_pct),
		max_floors: num(r.max_floors),
		max_height_m: num(r.max_height_m),
		min_parcel_area_m2: num(r.min_parcel_area_m2),
		min_frontage_m: num(r.min_frontage_m),
		parking: r.parking,
		pilotis: r.pilotis,
		light_well: r.light_well,
		north_depth: r.north_depth,
		front_setback_m: num(r.front_setback_m),
		clause: r.clause,
		clauses: r.clauses ?? {},
		note: r.note
	};
}

/** The core's view of a stored book: its id as text, both titles (the English one falls back to the title). */
export function toRuleBookVersion(row: RuleBookRow): RuleBookVersion & { clauses: ClauseRefs } {
	return {
		id: String(row.id),
		title_fa: row.title,
		title_en: row.title_en ?? row.title,
		effective_from: row.effective_from,
		source: row.source,
		sample: row.is_sample,
		clauses: row.clauses ?? {}
	};
}
