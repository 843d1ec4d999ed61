import { sql, type RawBuilder } from 'kysely';
import { CLASHING_STATUSES, PUBLIC_STATUSES, type ExcavationStatus } from '../../domain/excavation/works';

/**
 * A fixed list of statuses as SQL literals, `'planned', 'approved', 'active'`, for `status in (…)`.
 * Literals rather than parameters: the planner can then see that a query's condition matches a
 * partial index's predicate (excavation_works_clash_idx). Only our own constants reach it.
 */
function statusLiterals(statuses: readonly ExcavationStatus[]): RawBuilder<unknown> {
	return sql.raw(statuses.map((s) => `'${s}'`).join(', '));
}

/** Works still to come or under way, as the clash index is defined. */
export const CLASHING_STATUSES_SQL = statusLiterals(CLASHING_STATUSES);
/** What the public map and list show. */
export const PUBLIC_STATUSES_SQL = statusLiterals(PUBLIC_STATUSES);
