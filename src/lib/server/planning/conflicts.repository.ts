/**
 * The setback conflicts as the planners' table lists them: one statement per view, read from
 * parcel_setbacks (kept beside the corridors, see streets/parcel-setbacks.repository.ts) through
 * its district or street index, so a district of a million-parcel city answers without
 * intersecting anything. Rows and totals come back as one JSON value.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ConflictFigures, ConflictFilter, ConflictRow, ConflictView } from '../../api/planning';
import type { DB } from '../db/schema';
import { asGeoJson, storageGeom, toWgs84 } from '../spatial';
import { setbackAcquisitionCost } from './acquisition-cost.repository';
import { withoutJit } from './without-jit';

type Queryable = Kysely<DB> | Transaction<DB>;

/**
 * What an issued permit is called in cases.issued. Cases count by parcel: every open case and
 * issued permit on a parcel the corridor cuts. TODO(proposals): once a case's proposal carries its
 * footprint, flag the cases whose proposed footprint reaches beyond the widening line instead.
 */
export const PERMIT_KINDS = ['building_permit', 'demolition_permit'] as const;

export interface ConflictRowWithGeometry extends ConflictRow {
	geometry: GeoJSON.Geometry | null;
}

export interface ConflictResult {
	rows: ConflictRowWithGeometry[];
	/** Rows before the limit. */
	rowCount: number;
	totals: ConflictFigures;
	costAvailable: boolean;
}

function filterSql(f: ConflictFilter): RawBuilder<unknown> {
	const parts: RawBuilder<unknown>[] = [sql`true`];
	if (f.district !== null) parts.push(sql`s.district_id = ${f.district}::int`);
	if (f.street !== null) parts.push(sql`s.street_id = ${f.street}::int`);
	if (f.parcel !== null) parts.push(sql`s.parcel_id = ${f.parcel}::int8`);
	if (f.streetClass !== null) parts.push(sql`st.class = ${f.streetClass}`);
	if (f.status === 'revised') parts.push(sql`coalesce(pl.revised, false)`);
	if (f.status === 'planned') parts.push(sql`not coalesce(pl.revised, false)`);
	if (f.status === 'draft') parts.push(sql`coalesce(pl.has_draft, false)`);
	return sql.join(parts, sql` and `);
}

/** The figures of a group of conflicts (`r` rows), as columns. */
const FIGURES = sql`count(distinct r.parcel_id)::int as parcels,
	coalesce(sum(r.land_m2), 0) as land_m2,
	coalesce(sum(r.buildings_cut), 0)::int as buildings,
	(count(distinct r.parcel_id) filter (where r.open_cases > 0))::int as parcels_with_open_cases,
	(count(distinct r.parcel_id) filter (where r.permits > 0))::int as parcels_with_permits,
	case when count(r.cost_rial) = count(*) then coalesce(sum(r.cost_rial), 0) end as cost_rial`;

/** The same figures of a grouped row, as JSON object members. */
function figuresJson(alias: string): RawBuilder<unknown> {
	const c = (name: string) => sql.ref(`${alias}.${name}`);
	return sql`'parcels', ${c('parcels')}, 'land_m2', ${c('land_m2')}, 'buildings', ${c('buildings')},
	'parcels_with_open_cases', ${c('parcels_with_open_cases')}, 'parcels_with_permits', ${c('parcels_with_permits')}, 'cost_rial', ${c('cost_rial')}`;
}

const DISTRICT_JSON = sql`json_build_object('id', d.id, 'code', d.code, 'name_fa', d.name_fa, 'name_en', d.name_en)`;

const STREET_JSON = sql`json_build_object('id', st.id, 'name_fa', st.name_fa, 'name_en', st.name_en, 'class', st.class,
	'width_m', st.width_m, 'planned_width_m', st.planned_width_m,
	'status', case when coalesce(pl.revised, false) then 'revised' else 'planned' end, 'has_draft', coalesce(pl.has_draft, false))`;

/** [west, south, east, north] (WGS84) of a group of rows' pieces. */
const GROUP_BBOX = sql`json_build_array(min(r.west), min(r.south), max(r.east), max(r.north))`;

/** One view's rows: `grouped` gives the sortable rows (`sort_m2`, `sort_id`, `sort_id2`), `json` the answer of one (`v`, with `joins`). */
interface ViewSql {
	grouped: RawBuilder<unknown>;
	joins: RawBuilder<unknown>;
	json: RawBuilder<unknown>;
}

function viewSql(view: ConflictView, geometry: (ref: string) => RawBuilder<unknown>, collected: RawBuilder<unknown>): ViewSql {
	// each shown row's street by its key: a page of rows never reads the whole streets table
	const streetByKey = sql`cross join lateral (select * from streets where streets.id = v.street_id) st`;
	const district = sql`case when d.id is null then '[]'::json else json_build_array(${DISTRICT_JSON}) end`;
	switch (view) {
		case 'parcels':
			return {
				grouped: sql`select r.*, r.land_m2 as sort_m2, r.parcel_id as sort_id, r.street_id as sort_id2 from r`,
				joins: sql`${streetByKey} left join plans pl on pl.street_id = v.street_id left join districts d on d.id = v.district_id`,
				// the parcel by its key, row by row: a few hundred shown rows never make the planner read every parcel
				json: sql`json_build_object('key', 'p' || v.parcel_id || '-s' || v.street_id, 'districts', ${district}, 'street', ${STREET_JSON},
					'parcel', (select json_build_object('id', p.id, 'renovation_code', p.renovation_code, 'area_m2', p.area_m2,
						'open_cases', v.open_cases, 'permits', v.permits) from parcels p where p.id = v.parcel_id),
					'parcels', 1, 'land_m2', v.land_m2, 'buildings', v.buildings_cut,
					'parcels_with_open_cases', (v.open_cases > 0)::int, 'parcels_with_permits', (v.permits > 0)::int,
					'cost_rial', v.cost_rial, 'bbox', json_build_array(v.west, v.south, v.east, v.north), 'geometry', ${geometry('v.geom')})`
			};
		case 'streets':
			return {
				grouped: sql`select r.street_id, array_agg(distinct r.district_id) as district_ids, ${GROUP_BBOX} as bbox, ${collected} as geoms,
					${FIGURES}, coalesce(sum(r.land_m2), 0) as sort_m2, r.street_id::int8 as sort_id, 0 as sort_id2 from r group by r.street_id`,
				joins: sql`${streetByKey} left join plans pl on pl.street_id = v.street_id`,
				json: sql`json_build_object('key', 's' || v.street_id,
					'districts', (select coalesce(json_agg(${DISTRICT_JSON} order by d.code), '[]') from districts d where d.id = any(v.district_ids)),
					'street', ${STREET_JSON}, 'parcel', null, ${figuresJson('v')}, 'bbox', v.bbox, 'geometry', ${geometry('v.geoms')})`
			};
		case 'districts':
			return {
				grouped: sql`select r.district_id, ${GROUP_BBOX} as bbox, ${collected} as geoms, ${FIGURES},
					coalesce(sum(r.land_m2), 0) as sort_m2, coalesce(r.district_id, 0)::int8 as sort_id, 0 as sort_id2 from r group by r.district_id`,
				joins: sql`left join districts d on d.id = v.district_id`,
				json: sql`json_build_object('key', 'd' || coalesce(v.district_id, 0), 'districts', ${district}, 'street', null, 'parcel', null,
					${figuresJson('v')}, 'bbox', v.bbox, 'geometry', ${geometry('v.geoms')})`
			};
	}
}

/**
 * The rows of one view and the totals of every conflict that passes the filter. Per view:
 * `parcels` one row per parcel cut by a street's corridor, largest land first; `streets` and
 * `districts` the same figures summed. Rows are sorted and cut to `limit` before their JSON is
 * built, so a page of a large district costs what the page shows.
 */
export function conflictsQuery(
	view: ConflictView,
	filter: ConflictFilter,
	opts: { cost: RawBuilder<number | null>; withGeometry: boolean; limit?: number; needsGeometry?: boolean }
): RawBuilder<{ result: { rows: ConflictRowWithGeometry[] | null; row_count: number; totals: ConflictFigures } }> {
	const geometry = (ref: string) => (opts.withGeometry ? asGeoJson(toWgs84(storageGeom(ref))) : sql`null::json`);
	const collected = opts.withGeometry ? sql`ST_Collect(r.geom)` : sql`null::geometry`;
	const { grouped, joins, json } = viewSql(view, geometry, collected);
	const needsGeometry = opts.needsGeometry || opts.withGeometry;
	return sql`
		with plans as (
			select street_id, bool_or(status = 'adopted') as revised, bool_or(status = 'draft') as has_draft
			from street_plans where street_id is not null group by street_id
		),
		s0 as materialized (
			select s.parcel_id, s.street_id, s.district_id, s.land_m2, s.buildings_cut, s.permitted_buildings,
				s.acquisition_p_rial_per_m2, s.west, s.south, s.east, s.north, ${needsGeometry ? sql`s.geom` : sql`null::geometry as geom`}
			from parcel_setbacks s
			join streets st on st.id = s.street_id
			left join plans pl on pl.street_id = s.street_id
			where ${filterSql(filter)}
		),
		k as (
			select c.parcel_id, (count(*) filter (where c.status = 'open'))::int as open_cases,
				(count(*) filter (where c.issued = any(${[...PERMIT_KINDS]}::text[])))::int as permits_issued
			from cases c
			where c.parcel_id in (select parcel_id from s0) and (c.status = 'open' or c.issued = any(${[...PERMIT_KINDS]}::text[]))
			group by c.parcel_id
		),
		r as materialized (
			select s0.*, coalesce(k.open_cases, 0) as open_cases, coalesce(k.permits_issued, 0) + s0.permitted_buildings as permits,
				${opts.cost} as cost_rial
			from s0 left join k on k.parcel_id = s0.parcel_id
		),
		g as materialized (${grouped})
		select json_build_object(
			'rows', (select json_agg(${json} order by v.sort_m2 desc, v.sort_id, v.sort_id2)
				from (select * from g order by g.sort_m2 desc, g.sort_id, g.sort_id2 ${opts.limit === undefined ? sql`` : sql`limit ${opts.limit}::int`}) v ${joins}),
			'row_count', (select count(*) from g),
			'totals', (select json_build_object(${figuresJson('t')}) from (select ${FIGURES} from r) t)
		) as result`;
}

/** The conflicts of one view (see {@link conflictsQuery}); at most `limit` rows, the totals of all. */
export async function findConflicts(
	db: Queryable,
	view: ConflictView,
	filter: ConflictFilter,
	{ withGeometry = false, limit }: { withGeometry?: boolean; limit?: number } = {}
): Promise<ConflictResult> {
	// priced from the P each piece keeps (migrations/0145): the pieces themselves are read only to send them
	const cost = await setbackAcquisitionCost(db, 's0');
	const query = conflictsQuery(view, filter, { cost: cost ?? sql`null::float8`, withGeometry, limit });
	const { rows } = await withoutJit(db, (q) => query.execute(q));
	const result = rows[0].result;
	return { rows: result.rows ?? [], rowCount: result.row_count, totals: result.totals, costAvailable: cost !== null };
}
