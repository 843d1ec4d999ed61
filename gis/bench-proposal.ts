/**
 * The proposal check in `npm run bench` (gis/bench.ts): p50 / p95 of
 * `POST /api/parcels/:id/proposal-check` and of the bare service, one request at a time and with
 * several in flight, on the bench city (1M parcels on PostgreSQL). Each request draws a footprint
 * (the parcel shrunk by 1.5 m) so the whole facts query runs: setback, overlays, the footprint
 * against the widening corridors, the parcel and the nearest street.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/lib/server/db';
import { parseProposal, SAMPLE_RULE_BOOK, type Proposal } from '../src/lib/domain/rules';
import { checkParcelProposal, newRuleBookOf, ruleBookInForce, rulesForParcel, saveRuleBook } from '../src/lib/server/rules';
import { assessInTransaction, jalaliYearAt } from '../src/lib/server/fees/assessment.service';
import { seedSampleTariffBook } from '../src/lib/server/fees';
import { permitFeeInputs } from '../src/lib/server/permits/fee-inputs';

type Variant = [via: string, fn: (i: number) => Promise<number>];
export interface ProposalBenchDeps {
	measure: (what: string, variants: Variant[], distinct: number, inFlight: number) => Promise<unknown>;
	/** POST on the bench's server; resolves with the body size, rejects on anything but 200. */
	httpPost: (path: string, body: string) => Promise<number>;
	notes: string[];
	concurrency: number;
}

export interface Sample {
	id: number;
	body: string;
	proposal: Proposal;
}

export async function benchProposalCheck(db: Kysely<DB>, parcels: { id: number }[], deps: ProposalBenchDeps): Promise<void> {
	await ensureRuleBook(db, deps.notes);
	const samples = await proposalsFor(db, parcels.map((p) => p.id));
	if (!samples.length) {
		deps.notes.push('proposal check skipped: no parcel large enough to draw a footprint on');
		return;
	}
	const at = (i: number) => samples[i % samples.length];
	const bare: Variant = ['bare service', async (i) => JSON.stringify(await checkParcelProposal(db, at(i).id, at(i).proposal)).length];
	const http: Variant = ['HTTP', (i) => deps.httpPost(`/api/parcels/${at(i).id}/proposal-check`, at(i).body)];
	for (const inFlight of [1, deps.concurrency]) {
		await deps.measure(`proposal check, drawn footprint, ${inFlight} in flight`, [bare, http], samples.length, inFlight);
	}
}

/** A bench city loaded before rule books existed has none: it gets the SAMPLE book, as a new sample city does. */
export async function ensureRuleBook(db: Kysely<DB>, notes: string[]) {
	if (await ruleBookInForce(db)) return;
	const { book, zones } = newRuleBookOf(SAMPLE_RULE_BOOK);
	await db.transaction().execute((trx) => saveRuleBook(trx, book, zones));
	notes.push('the bench database had no rule book in force: the SAMPLE rule book was loaded');
}

/** Per parcel: its outline shrunk by 1.5 m as the drawn footprint, and three storeys at half its area. */
export async function proposalsFor(db: Kysely<DB>, ids: number[]): Promise<Sample[]> {
	const { rows } = await sql<{ id: number; area_m2: number; footprint: string }>`
		select id, area_m2, ST_AsGeoJSON(ST_Transform(fp, 4326), 7) as footprint
		from parcels, lateral ST_Buffer(geom, -1.5, 'join=mitre') as fp
		where id = any(${ids}::int8[]) and not ST_IsEmpty(fp)
		order by id`.execute(db);
	return rows.flatMap((r) => {
		const storey = Math.round(r.area_m2 * 0.5 * 100) / 100;
		const json = {
			floors: [0, 1, 2].map((level) => ({ level, use: 'residential', area_m2: storey })),
			footprint: JSON.parse(r.footprint),
			height_m: 10.5,
			units: [{ area_m2: Math.min(storey, 120) }],
			parking_spaces: 1
		};
		const parsed = parseProposal(json);
		return parsed.ok ? [{ id: r.id, body: JSON.stringify(json), proposal: parsed.value }] : [];
	});
}

class Rollback extends Error {}

/**
 * One case's stage-2 server work: the proposal check as the case stores it, then the fee
 * assessment for it (rules, P from the zone values map, the lines, the bill ids) in a transaction
 * that is rolled back, so a bench leaves no assessments behind. Resolves with the check's size;
 * a refused assessment (no zone value under the parcel) rejects.
 */
export async function checkAndAssess(db: Kysely<DB>, s: Sample, now: Date): Promise<number> {
	const check = await checkParcelProposal(db, s.id, s.proposal);
	const rules = await rulesForParcel(db, s.id);
	const inputs = permitFeeInputs(s.proposal, check, rules?.zone?.density_pct ?? null);
	await db
		.transaction()
		.execute(async (trx) => {
			await assessInTransaction(trx, { parcel_id: s.id, request_kind: 'building_permit', inputs, now });
			throw new Rollback();
		})
		.catch((err) => {
			if (!(err instanceof Rollback)) throw err;
		});
	return JSON.stringify(check).length;
}

/** In `npm run bench`: the proposal check plus the fee assessment, bare, one at a time and several in flight. */
export async function benchPermitFees(db: Kysely<DB>, parcels: { id: number }[], deps: ProposalBenchDeps): Promise<void> {
	const now = new Date();
	await seedSampleTariffBook(db, jalaliYearAt(now), { now });
	const samples = await proposalsFor(db, parcels.map((p) => p.id));
	if (!samples.length) return;
	const at = (i: number) => samples[i % samples.length];
	for (const inFlight of [1, deps.concurrency]) {
		await deps.measure(`proposal check + fee assessment (rolled back), ${inFlight} in flight`, [['bare service', (i) => checkAndAssess(db, at(i), now)]], samples.length, inFlight);
	}
}
