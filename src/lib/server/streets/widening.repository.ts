import { sql, type Expression, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { StorageGeometry } from '../spatial';
import { refreshParcelSetbacks } from './parcel-setbacks.repository';

type Queryable = Kysely<DB> | Transaction<DB>;

/**
 * Which side of a drawn widening line the street lies on: 1 left, -1 right (of the line's
 * direction), by which single-sided band of the planned width holds more of the centre line.
 */
function sideOfStreet(
	centre: Expression<StorageGeometry>,
	line: Expression<StorageGeometry>,
	widthM: Expression<number>
): RawBuilder<number> {
	return sql<number>`(case when ST_Length(ST_Intersection(${centre}, ST_Buffer(${line}, ${widthM}::float8, 'side=left')))
		>= ST_Length(ST_Intersection(${centre}, ST_Buffer(${line}, ${widthM}::float8, 'side=right'))) then 1 else -1 end)`;
}

/**
 * The planned street (its corridor: land the widening scheme takes into the street) of a centre
 * line at a planned width. With no drawn widening line, the band of half the planned width either
 * side of the centre line; with one, the band of the planned width from that line (one edge of the
 * planned street) towards the centre line, so a street can be widened on one side only.
 *
 * Flat end caps, round joins: a street row ends at a junction, where the crossing street's own
 * corridor (if widened) takes over; a round cap would bite a half-disc of planned-street width
 * into the parcels beyond a T junction or a dead end, a setback the plan never drew. Round joins
 * keep a bent street's corridor whole at the bend.
 *
 * Street imports, plan adoption and the planners' what-if all build corridors with this one expression.
 */
export function corridorGeometry(
	centre: Expression<StorageGeometry>,
	widthM: Expression<number>,
	wideningLine: Expression<StorageGeometry | null>
): RawBuilder<StorageGeometry> {
	return sql<StorageGeometry>`ST_Multi(ST_CollectionExtract(case
		when ${wideningLine} is null then ST_Buffer(${centre}, ${widthM}::float8 / 2.0, 'endcap=flat join=round')
		when ${sideOfStreet(centre, wideningLine as Expression<StorageGeometry>, widthM)} = 1 then ST_Buffer(${wideningLine}, ${widthM}::float8, 'side=left')
		else ST_Buffer(${wideningLine}, ${widthM}::float8, 'side=right') end, 3))`;
}

/**
 * Whether a plan takes land at all: the planned street is wider than today's (or today's width is
 * unknown), or it is drawn as its own widening line.
 */
export function planWidens(
	widthM: Expression<number | null>,
	plannedWidthM: Expression<number | null>,
	wideningLine: Expression<StorageGeometry | null>
): RawBuilder<boolean> {
	return sql<boolean>`(${plannedWidthM} is not null and (${wideningLine} is not null or ${widthM} is null or ${plannedWidthM} > ${widthM}))`;
}

/**
 * Rebuilds the planned street corridors from the streets, each at its planned width and, where a
 * street plan version with a drawn widening line is adopted, along that line; then the parcels'
 * setback conflicts that follow from them. A parcel's setback (عقب‌نشینی) is its intersection with
 * these corridors. All streets, or only `streetIds` (a plan adopted for one street).
 *
 * Returns the number of corridors written.
 */
export async function rebuildWideningCorridors(db: Queryable, streetIds?: number[]): Promise<number> {
	const only = streetIds ? sql`and s.id = any(${streetIds}::int[])` : sql``;
	if (streetIds) await db.deleteFrom('widening_corridors').where('street_id', 'in', streetIds.length ? streetIds : [-1]).execute();
	else await db.deleteFrom('widening_corridors').execute();
	const result = await sql`
		insert into widening_corridors (street_id, planned_width_m, geom)
		select s.id, s.planned_width_m, ${corridorGeometry(sql`s.geom`, sql`s.planned_width_m`, sql`sp.widening_line`)}
		from streets s
		left join street_plans sp on sp.street_id = s.id and sp.status = 'adopted'
		where ${planWidens(sql`s.width_m`, sql`s.planned_width_m`, sql`sp.widening_line`)}
		  and not ST_IsEmpty(s.geom) ${only}`.execute(db);
	await refreshParcelSetbacks(db, streetIds ? { streetIds } : 'all');
	return Number(result.numAffectedRows ?? 0);
}

/**
 * Redraws a street's widening lines (بر اصلاحی) as the two edges of its planned corridor, after
 * its plan changed: half the planned width either side of the centre line, or the drawn line and
 * its parallel the planned width towards the street. A plan that takes no land leaves none.
 */
export async function redrawWideningLines(db: Queryable, streetId: number): Promise<number> {
	await db.deleteFrom('widening_lines').where('street_id', '=', streetId).execute();
	const result = await sql`
		with s as (
			select s.id, s.geom, s.planned_width_m as w, sp.widening_line as line
			from streets s
			left join street_plans sp on sp.street_id = s.id and sp.status = 'adopted'
			where s.id = ${streetId}::int and ${planWidens(sql`s.width_m`, sql`s.planned_width_m`, sql`sp.widening_line`)}
		),
		edges as (
			select ST_OffsetCurve(d.geom, k.sign * s.w::float8 / 2.0) as e
			from s cross join lateral ST_Dump(s.geom) d cross join (values (1), (-1)) k(sign)
			where s.line is null
			union all
			select s.line from s where s.line is not null
			union all
			select ST_OffsetCurve(s.line, ${sideOfStreet(sql`s.geom`, sql`s.line`, sql`s.w`)} * s.w::float8)
			from s where s.line is not null
		)
		insert into widening_lines (street_id, planned_width_m, geom)
		select s.id, s.w, ST_Multi(ST_CollectionExtract(ST_Collect(edges.e), 2))
		from s cross join edges
		where not ST_IsEmpty(edges.e)
		group by s.id, s.w`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}
