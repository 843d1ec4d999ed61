import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import { SAMPLE_SRID } from './geometry';

/** Marks every zone value row as demonstration data. */
export const SAMPLE_ZONE_VALUE_SOURCE = 'نمونه — sample؛ ارزش معاملاتی فرضی شهر نمونه (به الگوی دفترچهٔ ماده ۶۴)';

/**
 * Rials per m² of a residential block at the historic core, falling 1,000 rials per metre outwards
 * to a floor; other uses are multiples of it, in the proportions Article 64 books tend to give
 * (a shop front is worth several times a flat on the same block).
 */
const CORE_RESIDENTIAL_P = 9_000_000;
const PER_METRE_FROM_CORE = 1_000;
const FLOOR_RESIDENTIAL_P = 1_500_000;
const USE_FACTORS = [
	['residential', 1.0],
	['commercial', 2.5],
	['office', 1.8],
	['industrial', 0.7]
] as const;

/**
 * The SAMPLE zone values layer (P, قیمت منطقه‌ای): one polygon per block that has parcels (the
 * empty blocks of a small city would only slow its load) and use class, its P
 * falling with the distance from the core and varying ±10 % from block to block by the block's id,
 * rounded to 10,000 rials. Deterministic: the same city gives the same values. Undated (valid for
 * every year until dated values are imported).
 */
export async function insertSampleZoneValues(db: Kysely<DB> | Transaction<DB>, core: readonly [number, number], srid: number): Promise<void> {
	const centre = sql`ST_Transform(ST_SetSRID(ST_MakePoint(${core[0]}::float8, ${core[1]}::float8), ${sql.lit(SAMPLE_SRID)}), ${sql.lit(srid)})`;
	const uses = sql.join(USE_FACTORS.map(([use, factor]) => sql`(${use}::text, ${factor}::float8)`));
	await sql`
		insert into zone_values (use_class, p_rial_per_m2, jalali_year, source_ref, geom)
		select u.use_class, (round(b.base * u.factor / 10000.0) * 10000)::bigint, null, ${SAMPLE_ZONE_VALUE_SOURCE}, b.geom
		from (
			select blocks.geom,
			       greatest(${FLOOR_RESIDENTIAL_P}::float8,
			                ${CORE_RESIDENTIAL_P}::float8 - ${PER_METRE_FROM_CORE}::float8 * ST_Distance(ST_PointOnSurface(blocks.geom), ${centre}))
			       * (0.9 + ((blocks.id * 7919) % 201) / 1000.0) as base
			from blocks
			where exists (select 1 from parcels where parcels.block_id = blocks.id)
		) b
		cross join (values ${uses}) as u(use_class, factor)`.execute(db);
}
