/**
 * The setback conflicts as the planners' table lists them: one statement per view, read from
 * parcel_setbacks (kept beside the corridors, see streets/parcel-setbacks.repository.ts) through
 * its district or street index, so a district of a million-parcel city answers without
 * intersecting anything. Rows and totals come back as one JSON value.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ConflictFigures, ConflictFilter, ConflictRow, ConflictView } from '../../api/planning';
import type { DB } from '../db/schema';
import { asGeoJson, storageGeom, storageSrid, toWgs84 } from '../spatial';
import { acquisitionCost } from './acquisition-cost.repository';

type Queryable = Kysely<DB> | Transaction<DB>;

/** What an issued permit is called in cases.issued. */
export const PERMIT_KINDS = ['building_permit', 'demolition_permit'] as const;

export interface ConflictRowWithGeometry extends ConflictRow {
	geometry: GeoJSON.Geometry | null;
}

export interface ConflictResult {
	rows: ConflictRowWithGeometry[];
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

/** The same figures of a grouped row `g`, as JSON object members. */
const FIGURES_JSON = sql`'parcels', g.parcels, 'land_m2', g.land_m2, 'buildings', g.buildings,
	'parcels_with_open_cases', g.parcels_with_open_cases, 'parcels_with_permits', g.parcels_with_permits, 'cost_rial', g.cost_rial`;

const DISTRICT_JSON = sql`json_build_object('id', d.id, 'code', d.code, 'name_fa', d.name_fa, 'name_en', d.name_en)`;

const STREET_JSON = sql`json_build_object('id', st.id, 'name_fa', st.name_fa, 'name_en', st.name_en, 'class', st.class,
	'width_m', st.width_m, 'planned_width_m', st.planned_width_m,
	'status', case when coalesce(pl.revised, false) then 'revised' else 'planned' end, 'has_draft', coalesce(pl.has_draft, false))`;

/** [west, south, east, north] in WGS84 of a storage-CRS box or geometry. */
function bboxJson(geom: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`(select json_build_array(ST_XMin(b.g), ST_YMin(b.g), ST_XMax(b.g), ST_YMax(b.g))
		from (select ${toWgs84(sql`ST_Envelope(${geom})`)} as g) b)`;
}

/**
 * The rows of one view and the totals of every conflict that passes the filter. Per view:
 * `parcels` one row per parcel cut by a street's corridor, largest land first; `streets` and
 * `districts` the same figures summed.
 */
export function conflictsQuery(
	view: ConflictView,
	filter: ConflictFilter,
	opts: { srid: number; cost: RawBuilder<number | null>; withGeometry: boolean }
): RawBuilder<{ result: { rows: ConflictRowWithGeometry[] | null; totals: ConflictFigures } }> {
	const extent = sql`ST_SetSRID(ST_Extent(r.geom)::geometry, ${opts.srid}::int)`;
	const geometry = (g: string) => (opts.withGeometry ? asGeoJson(toWgs84(storageGeom(g))) : sql`null::json`);
	const collected = opts.withGeometry ? sql`ST_Collect(r.geom)` : sql`null::geometry`;
	const rows = {
		parcels: sql`select json_build_object('key', 'p' || r.parcel_id || '-s' || r.street_id,
				'districts', case when d.id is null then '[]'::json else json_build_array(${DISTRICT_JSON}) end,
				'street', ${STREET_JSON},
				'parcel', json_build_object('id', p.id, 'renovation_code', p.renovation_code, 'area_m2', p.area_m2,
					'open_cases', r.open_cases, 'permits', r.permits),
				'parcels', 1, 'land_m2', r.land_m2, 'buildings', r.buildings_cut,
				'parcels_with_open_cases', (r.open_cases > 0)::int, 'parcels_with_permits', (r.permits > 0)::int,
				'cost_rial', r.cost_rial, 'bbox', ${bboxJson(sql`r.geom`)}, 'geometry', ${geometry('r.geom')}) as j,
				r.land_m2 as sort_m2, r.parcel_id as sort_id
			from r join parcels p on p.id = r.parcel_id join streets st on st.id = r.street_id
			left join plans pl on pl.street_id = r.street_id left join districts d on d.id = r.district_id`,
		streets: sql`select json_build_object('key', 's' || st.id,
				'districts', (select coalesce(json_agg(${DISTRICT_JSON} order by d.code), '[]') from districts d where d.id = any(g.district_ids)),
				'street', ${STREET_JSON}, 'parcel', null, ${FIGURES_JSON},
				'bbox', ${bboxJson(sql`g.ext`)}, 'geometry', ${geometry('g.geoms')}) as j,
				g.land_m2 as sort_m2, st.id::int8 as sort_id
			from (select r.street_id, array_agg(distinct r.district_id) as district_ids, ${extent} as ext, ${collected} as geoms, ${FIGURES}
				from r group by r.street_id) g
			join streets st on st.id = g.street_id left join plans pl on pl.street_id = st.id`,
		districts: sql`select json_build_object('key', 'd' || coalesce(d.id, 0),
				'districts', case when d.id is null then '[]'::json else json_build_array(${DISTRICT_JSON}) end,
				'street', null, 'parcel', null, ${FIGURES_JSON},
				'bbox', ${bboxJson(sql`g.ext`)}, 'geometry', ${geometry('g.geoms')}) as j,
				g.land_m2 as sort_m2, coalesce(d.id, 0)::int8 as sort_id
			from (select r.district_id, ${extent} as ext, ${collected} as geoms, ${FIGURES} from r group by r.district_id) g
			left join districts d on d.id = g.district_id`
	}[view];
	return sql`
		with plans as (
			select street_id, bool_or(status = 'adopted') as revised, bool_or(status = 'draft') as has_draft
			from street_plans where street_id is not null group by street_id
		),
		s0 as materialized (
			select s.* from parcel_setbacks s
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
			select s0.parcel_id, s0.street_id, s0.district_id, s0.land_m2, s0.buildings_cut, s0.geom,
				coalesce(k.open_cases, 0) as open_cases, coalesce(k.permits_issued, 0) + s0.permitted_buildings as permits,
				${opts.cost} as cost_rial
			from s0 left join k on k.parcel_id = s0.parcel_id
		),
		v as (${rows})
		select json_build_object(
			'rows', (select json_agg(v.j order by v.sort_m2 desc, v.sort_id) from v),
			'totals', (select json_build_object(${FIGURES_JSON}) from (select ${FIGURES} from r) g)
		) as result`;
}

/** The conflicts of one view (see {@link conflictsQuery}). */
export async function findConflicts(
	db: Queryable,
	view: ConflictView,
	filter: ConflictFilter,
	withGeometry = false
): Promise<ConflictResult> {
	const [srid, cost] = await Promise.all([storageSrid(db as Kysely<DB>), acquisitionCost(db, storageGeom('s0.geom'), sql`s0.land_m2`)]);
	const { rows } = await conflictsQuery(view, filter, { srid, cost: cost ?? sql`null::float8`, withGeometry }).execute(db);
	const result = rows[0].result;
	return { rows: result.rows ?? [], totals: result.totals, costAvailable: cost !== null };
}
