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

/** What an issued permit is called in cases.issued. Cases count by parcel: every open case and issued permit on a parcel the corridor cuts. */
export const PERMIT_KINDS = ['building_permit', 'demolition_permit'] as const;

/** Overlap, m², below which a footprint only touches the corridor (the setbacks' threshold). */
export const MIN_BEYOND_M2 = 0.01;

/**
 * Whether case `c` has a building permit issued: recorded on the case when it completed, or issued
 * by the permit stage and neither revoked nor superseded (permit_stages by its key).
 */
export function hasPermitSql(c: string): RawBuilder<boolean> {
	const id = sql.ref(`${c}.id`);
	return sql<boolean>`(coalesce(${sql.ref(`${c}.issued`)} = any(${[...PERMIT_KINDS]}::text[]), false) or exists (
		select 1 from permit_stages ps join issued_documents d on d.id = ps.permit_id
		where ps.case_id = ${id} and d.status in ('valid', 'suspended')))`;
}

/**
 * The proposals of the cases on the parcels `parcels` (a query of `parcel_id`) that are pending or
 * have a permit: the latest proposal of each case, when it has a drawn footprint (storage CRS).
 * Columns: parcel_id, case_id, tracking_code, permit, footprint. Index-backed: cases by parcel,
 * case_proposals by (case_id, id desc), permit_stages by its key.
 */
export function footprintsSql(parcels: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`select c.parcel_id, c.id as case_id, c.tracking_code, pm.permit, f.footprint
		from cases c
		cross join lateral (select cp.footprint from case_proposals cp where cp.case_id = c.id order by cp.id desc limit 1) f
		cross join lateral (select ${hasPermitSql('c')} as permit) pm
		where c.parcel_id in (${parcels}) and f.footprint is not null and (c.status = 'open' or pm.permit)`;
}

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

/** The proposal figures of a group of proposals beyond the line (`pr` rows): a case once, its area per street. */
const PROPOSAL_FIGURES = sql`count(distinct pr.case_id)::int as proposals_beyond,
	(count(distinct pr.case_id) filter (where pr.permit))::int as permits_beyond,
	coalesce(sum(pr.beyond_m2), 0)::float8 as proposals_beyond_m2`;

/** The same figures of a grouped row, as JSON object members. */
function figuresJson(alias: string): RawBuilder<unknown> {
	const c = (name: string) => sql.ref(`${alias}.${name}`);
	return sql`'parcels', ${c('parcels')}, 'land_m2', ${c('land_m2')}, 'buildings', ${c('buildings')},
	'parcels_with_open_cases', ${c('parcels_with_open_cases')}, 'parcels_with_permits', ${c('parcels_with_permits')}, 'cost_rial', ${c('cost_rial')},
	'proposals_beyond', ${c('proposals_beyond')}, 'permits_beyond', ${c('permits_beyond')}, 'proposals_beyond_m2', ${c('proposals_beyond_m2')}`;
}

const DISTRICT_JSON = sql`json_build_object('id', d.id, 'code', d.code, 'name_fa', d.name_fa, 'name_en', d.name_en)`;

const STREET_JSON = sql`json_build_object('id', st.id, 'name_fa', st.name_fa, 'name_en', st.name_en, 'class', st.class,
	'width_m', st.width_m, 'planned_width_m', st.planned_width_m,
	'status', case when coalesce(pl.revised, false) then 'revised' else 'planned' end, 'has_draft', coalesce(pl.has_draft, false))`;

/** [west, south, east, north] (WGS84) of a group of rows' pieces. */
const GROUP_BBOX = sql`json_build_array(min(r.west), min(r.south), max(r.east), max(r.north))`;

/**
 * One view's rows: `grouped` gives the sortable rows (`sort_m2`, `sort_id`, `sort_id2`, `sort_id3`),
 * `json` the answer of one (`v`, with `joins`).
 */
interface ViewSql {
	grouped: RawBuilder<unknown>;
	joins: RawBuilder<unknown>;
	json: RawBuilder<unknown>;
}

function viewSql(view: ConflictView, geometry: (ref: string) => RawBuilder<unknown>, collected: RawBuilder<unknown>): ViewSql {
	// each shown row's street by its key: a page of rows never reads the whole streets table
	const streetByKey = sql`cross join lateral (select * from streets where streets.id = v.street_id) st`;
	const district = sql`case when d.id is null then '[]'::json else json_build_array(${DISTRICT_JSON}) end`;
	const proposal = sql`v.kind = 'proposal'`;
	switch (view) {
		case 'parcels':
			return {
				// a parcel's row, then the proposals beyond its street's line
				grouped: sql`select 'setback' as kind, r.parcel_id, r.street_id, r.district_id, null::int8 as case_id,
						r.land_m2 as sort_m2, r.parcel_id as sort_id, r.street_id as sort_id2, 0::int8 as sort_id3 from r
					union all
					select 'proposal', pr.parcel_id, pr.street_id, pr.district_id, pr.case_id, rr.land_m2, pr.parcel_id, pr.street_id, pr.case_id
					from pr join r rr on rr.parcel_id = pr.parcel_id and rr.street_id = pr.street_id`,
				joins: sql`${streetByKey} left join plans pl on pl.street_id = v.street_id left join districts d on d.id = v.district_id
					join r rr on rr.parcel_id = v.parcel_id and rr.street_id = v.street_id
					left join pr on ${proposal} and pr.case_id = v.case_id and pr.street_id = v.street_id`,
				// the parcel by its key, row by row: a few hundred shown rows never make the planner read every parcel
				json: sql`json_build_object('key', case when ${proposal} then 'c' || v.case_id else 'p' || v.parcel_id end || '-s' || v.street_id,
					'kind', v.kind, 'districts', ${district}, 'street', ${STREET_JSON},
					'parcel', (select json_build_object('id', p.id, 'renovation_code', p.renovation_code, 'area_m2', p.area_m2,
						'open_cases', rr.open_cases, 'permits', rr.permits) from parcels p where p.id = v.parcel_id),
					'proposal', case when ${proposal} then json_build_object('case_id', pr.case_id, 'tracking_code', pr.tracking_code,
						'status', case when pr.permit then 'permit' else 'pending' end, 'beyond_m2', pr.beyond_m2) end,
					'parcels', (not ${proposal})::int, 'land_m2', case when ${proposal} then 0 else rr.land_m2 end,
					'buildings', case when ${proposal} then 0 else rr.buildings_cut end,
					'parcels_with_open_cases', (not ${proposal} and rr.open_cases > 0)::int, 'parcels_with_permits', (not ${proposal} and rr.permits > 0)::int,
					'cost_rial', case when not ${proposal} then rr.cost_rial when rr.cost_rial is not null then 0 end,
					'proposals_beyond', (${proposal})::int, 'permits_beyond', (${proposal} and pr.permit)::int,
					'proposals_beyond_m2', coalesce(pr.beyond_m2, 0),
					'bbox', json_build_array(rr.west, rr.south, rr.east, rr.north),
					'geometry', case when ${proposal} then ${geometry('pr.geom')} else ${geometry('rr.geom')} end)`
			};
		case 'streets':
			return {
				grouped: sql`select gr.*, pf.* from (
					select r.street_id, array_agg(distinct r.district_id) as district_ids, ${GROUP_BBOX} as bbox, ${collected} as geoms,
						${FIGURES}, coalesce(sum(r.land_m2), 0) as sort_m2, r.street_id::int8 as sort_id, 0 as sort_id2, 0 as sort_id3 from r group by r.street_id) gr
					cross join lateral (select ${PROPOSAL_FIGURES} from pr where pr.street_id = gr.street_id) pf`,
				joins: sql`${streetByKey} left join plans pl on pl.street_id = v.street_id`,
				json: sql`json_build_object('key', 's' || v.street_id, 'kind', 'setback', 'proposal', null,
					'districts', (select coalesce(json_agg(${DISTRICT_JSON} order by d.code), '[]') from districts d where d.id = any(v.district_ids)),
					'street', ${STREET_JSON}, 'parcel', null, ${figuresJson('v')}, 'bbox', v.bbox, 'geometry', ${geometry('v.geoms')})`
			};
		case 'districts':
			return {
				grouped: sql`select gr.*, pf.* from (
					select r.district_id, ${GROUP_BBOX} as bbox, ${collected} as geoms, ${FIGURES},
						coalesce(sum(r.land_m2), 0) as sort_m2, coalesce(r.district_id, 0)::int8 as sort_id, 0 as sort_id2, 0 as sort_id3 from r group by r.district_id) gr
					cross join lateral (select ${PROPOSAL_FIGURES} from pr where pr.district_id is not distinct from gr.district_id) pf`,
				joins: sql`left join districts d on d.id = v.district_id`,
				json: sql`json_build_object('key', 'd' || coalesce(v.district_id, 0), 'kind', 'setback', 'proposal', null, 'districts', ${district},
					'street', null, 'parcel', null, ${figuresJson('v')}, 'bbox', v.bbox, 'geometry', ${geometry('v.geoms')})`
			};
	}
}

/**
 * The rows of one view and the totals of every conflict that passes the filter. Per view:
 * `parcels` one row per parcel cut by a street's corridor, largest land first; `streets` and
 * `districts` the same figures summed. Each parcel row is followed by the cases on the parcel
 * (pending, or with a permit issued) whose latest proposal's footprint reaches beyond that
 * street's widening line, as `proposal` rows with the area beyond. Rows are sorted and cut to `limit` before their JSON is
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
				s.acquisition_p_rial_per_m2, s.parcel_cases, s.west, s.south, s.east, s.north, ${needsGeometry ? sql`s.geom` : sql`null::geometry as geom`}
			from parcel_setbacks s
			join streets st on st.id = s.street_id
			left join plans pl on pl.street_id = s.street_id
			where ${filterSql(filter)}
		),
		-- the cases of the shown parcels that are open or hold a permit, read once for the counts and the proposals:
		-- only the parcels that have a case at all are looked up (parcel_cases, kept by triggers: migrations/0151)
		cs as materialized (
			select c.parcel_id, c.id as case_id, c.tracking_code, c.status, pm.permit
			from cases c cross join lateral (select ${hasPermitSql('c')} as permit) pm
			where c.parcel_id in (select parcel_id from s0 where s0.parcel_cases > 0) and (c.status = 'open' or pm.permit)
		),
		k as (
			select cs.parcel_id, (count(*) filter (where cs.status = 'open'))::int as open_cases,
				(count(*) filter (where cs.permit))::int as permits_issued
			from cs group by cs.parcel_id
		),
		pr as materialized (
			select s0.parcel_id, s0.street_id, s0.district_id, fp.case_id, fp.tracking_code, fp.permit, x.beyond_m2,
				${opts.withGeometry ? sql`x.piece` : sql`null::geometry`} as geom
			from (select cs.parcel_id, cs.case_id, cs.tracking_code, cs.permit, f.footprint
				from cs cross join lateral (select cp.footprint from case_proposals cp where cp.case_id = cs.case_id order by cp.id desc limit 1) f
				where f.footprint is not null) fp
			join s0 on s0.parcel_id = fp.parcel_id
			-- the piece by its key for each of the few proposals (offset 0: never a scan of every piece to hash)
			cross join lateral (select ps.geom from parcel_setbacks ps where ps.parcel_id = s0.parcel_id and ps.street_id = s0.street_id offset 0) ps
			cross join lateral (select ST_Multi(ST_CollectionExtract(ST_Intersection(fp.footprint, ps.geom), 3)) as piece) x0
			cross join lateral (select x0.piece, ST_Area(x0.piece) as beyond_m2) x
			where ST_Intersects(fp.footprint, ps.geom) and x.beyond_m2 > ${MIN_BEYOND_M2}
		),
		r as materialized (
			select s0.*, coalesce(k.open_cases, 0) as open_cases, coalesce(k.permits_issued, 0) + s0.permitted_buildings as permits,
				${opts.cost} as cost_rial
			from s0 left join k on k.parcel_id = s0.parcel_id
		),
		g as materialized (${grouped})
		select json_build_object(
			'rows', (select json_agg(${json} order by v.sort_m2 desc, v.sort_id, v.sort_id2, v.sort_id3)
				from (select * from g order by g.sort_m2 desc, g.sort_id, g.sort_id2, g.sort_id3 ${opts.limit === undefined ? sql`` : sql`limit ${opts.limit}::int`}) v ${joins}),
			'row_count', (select count(*) from g),
			'totals', (select json_build_object(${figuresJson('t')})
				from (select * from (select ${FIGURES} from r) t0 cross join (select ${PROPOSAL_FIGURES} from pr) tp) t)
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
