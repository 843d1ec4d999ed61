/**
 * A parcel's zones with their rules: from the rule book in force by zone code; from the zoning
 * layer's legacy columns only when no book is in force (migrations/0020). A code the book lacks
 * gets null limits and `rules_defined: false`, never zeros.
 */
import type { RuleBookInfo, ZoningInfo } from '../../api/parcel';
import { zoneCodeKey } from '../../domain/rules';
import type { RulesInForce } from '../rules';
import type { ZoneRow } from './parcel.repository';

const round2 = (pct: number) => Math.round(pct * 100) / 100;

export function zoningInfo(z: ZoneRow, inForce: RulesInForce | null): ZoningInfo {
	const share_pct = round2(z.share_pct);
	if (!inForce) {
		const rules_defined = [z.density_pct, z.occupancy_pct, z.max_floors, z.max_height_m].some((v) => v !== null);
		return { ...z, share_pct, rules_defined };
	}
	const rules = inForce.zones.get(zoneCodeKey(z.code)) ?? null;
	return {
		id: z.id,
		code: z.code,
		land_use: rules?.land_use ?? null,
		density_pct: rules?.density_pct ?? null,
		occupancy_pct: rules?.occupancy_pct ?? null,
		max_floors: rules?.max_floors ?? null,
		max_height_m: rules?.max_height_m ?? null,
		description: z.description,
		share_pct,
		rules_defined: rules !== null
	};
}

export function ruleBookInfo(inForce: RulesInForce | null): RuleBookInfo | null {
	if (!inForce) return null;
	const { id, title, title_en, effective_from, is_sample } = inForce.book;
	return { id, title, title_en, effective_from, sample: is_sample };
}
