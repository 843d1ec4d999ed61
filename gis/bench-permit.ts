/**
 * `npm run bench:permit` — a benchmark, not a test: the two-stage permit's server work per case on
 * a sample city of BENCH_PARCELS parcels (default 100,000; PostgreSQL from DATABASE_URL, database
 * BENCH_DB = pelak_bench_permit, created and loaded if empty):
 *
 * - the proposal check of a drawn footprint (gis/bench-proposal.ts's proposals) as the case
 *   stores it, then the fee assessment from the tariff book for that proposal (P from the zone
 *   values map, lines, bill ids) in a transaction that is rolled back, so nothing accumulates;
 * - the fee of a request that brings no proposal (a notary inquiry's renovation charge: the parcel's
 *   area and zone use, P, lines, bill; rolled back), as the fee step of a renewal, a completion
 *   certificate, an inquiry or a transfer assesses it;
 * - the queries the automatic steps run per case (blockers, readiness, the parcel's fee facts), with EXPLAIN;
 * - rendering the permit and zoning statement PDFs as issued (content builders + renderer).
 *
 * Prints n, p50 and p95 in ms per row. Knobs: BENCH_PERMIT_SAMPLES (300), BENCH_PDF_ROUNDS (20).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, migrate } from '../src/lib/server/db';
import { loadConfig } from '../src/lib/server/config';
import { checkParcelProposal, rulesForParcel } from '../src/lib/server/rules';
import { assessInTransaction, jalaliYearAt } from '../src/lib/server/fees/assessment.service';
import { seedSampleTariffBook } from '../src/lib/server/fees';
import { permitFeeInputs } from '../src/lib/server/permits/fee-inputs';
import { parcelFeeInputs } from '../src/lib/server/permits/parcel-fee-inputs';
import { findParcelFeeFacts, parcelFeeFactsQuery } from '../src/lib/server/permits/permit.repository';
import { permitContent, zoningStatementContent } from '../src/lib/server/permits/permit-documents';
import { findProposalFacts } from '../src/lib/server/rules/proposal-facts.repository';
import { renderOfficialDocument } from '../src/lib/server/pdf';
import { checkAndAssess, ensureRuleBook, proposalsFor } from './bench-proposal';

const ROOT = path.resolve(import.meta.dirname, '..');
const env = process.env;
const PARCELS = Number(env.BENCH_PARCELS ?? 100_000);
const SAMPLES = Number(env.BENCH_PERMIT_SAMPLES ?? 300);
const PDF_ROUNDS = Number(env.BENCH_PDF_ROUNDS ?? 20);
const BENCH_DB = env.BENCH_DB ?? 'pelak_bench_permit';
const SRID = loadConfig().srid;

const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
function row(what: string, times: number[]) {
	const s = [...times].sort((a, b) => a - b);
	console.log(`${what.padEnd(58)} n=${String(s.length).padStart(4)}  p50 ${q(s, 0.5).toFixed(1).padStart(7)} ms  p95 ${q(s, 0.95).toFixed(1).padStart(7)} ms`);
}

class Rollback extends Error {}

void checkAndAssess; // the same per-case work `npm run bench` measures (gis/bench-proposal.ts)

async function main() {
	if (!env.DATABASE_URL) throw new Error('DATABASE_URL (PostgreSQL + PostGIS) is needed');
	const admin = new pg.Client({ connectionString: env.DATABASE_URL });
	await admin.connect();
	const exists = await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB]);
	if (!exists.rowCount) await admin.query(`create database ${BENCH_DB}`);
	await admin.end();
	const url = new URL(env.DATABASE_URL);
	url.pathname = `/${BENCH_DB}`;
	const database = await openDatabase({ databaseUrl: url.href, dataDir: '', poolSize: 4 });
	const db = database.db;
	try {
		await migrate(db, path.join(ROOT, 'migrations'), SRID);
		const { n } = await db.selectFrom('parcels').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
		if (n === 0) {
			const { loadSampleCity } = await import('./sample-city/index');
			const t = performance.now();
			await loadSampleCity(db, { parcels: PARCELS, srid: SRID, onProgress: (m) => console.log(`[bench] ${m}`) });
			console.log(`[bench] loaded ${PARCELS} parcels in ${((performance.now() - t) / 1000).toFixed(0)} s`);
		}
		const parcels = (await db.selectFrom('parcels').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
		const notes: string[] = [];
		await ensureRuleBook(db, notes);
		const now = new Date();
		await seedSampleTariffBook(db, jalaliYearAt(now), { now });
		notes.forEach((n) => console.log(`[bench] ${n}`));
		console.log(`[bench] ${parcels} parcels; ${SAMPLES} sampled proposals`);

		const ids = (await sql<{ id: number }>`select id from parcels where district_id is not null order by md5(id::text) limit ${SAMPLES}`.execute(db)).rows.map((r) => Number(r.id));
		const samples = await proposalsFor(db, ids);
		const checkTimes: number[] = [];
		const feeTimes: number[] = [];
		const bothTimes: number[] = [];
		let assessed = 0;
		const refused = new Map<string, number>();
		for (const s of samples) {
			const t0 = performance.now();
			const check = await checkParcelProposal(db, s.id, s.proposal);
			const t1 = performance.now();
			const rules = await rulesForParcel(db, s.id);
			const inputs = permitFeeInputs(s.proposal, check, rules?.zone?.density_pct ?? null);
			await db
				.transaction()
				.execute(async (trx) => {
					await assessInTransaction(trx, { parcel_id: s.id, request_kind: 'building_permit', inputs, now });
					assessed++;
					throw new Rollback();
				})
				.catch((err) => {
					if (err instanceof Rollback) return;
					const code = (err as { code?: string }).code ?? String(err);
					refused.set(code, (refused.get(code) ?? 0) + 1);
				});
			const t2 = performance.now();
			checkTimes.push(t1 - t0);
			feeTimes.push(t2 - t1);
			bothTimes.push(t2 - t0);
		}
		row('proposal check (drawn footprint), bare service', checkTimes);
		row('fee assessment for it (rules, P, lines, bill; rolled back)', feeTimes);
		row('proposal check + fee assessment', bothTimes);
		console.log(`[bench] assessed ${assessed}/${samples.length}; refused: ${JSON.stringify(Object.fromEntries(refused))}`);

		// a request without a proposal: its fee from the parcel alone (permits/automation.service's `from: 'parcel'`)
		const parcelFeeTimes: number[] = [];
		let parcelAssessed = 0;
		const parcelRefused = new Map<string, number>();
		for (const id of ids) {
			const t0 = performance.now();
			await db
				.transaction()
				.execute(async (trx) => {
					const facts = await findParcelFeeFacts(trx, id);
					if (!facts) throw new Error(`parcel ${id} vanished`);
					await assessInTransaction(trx, { parcel_id: id, request_kind: 'renovation', inputs: parcelFeeInputs(facts), now });
					parcelAssessed++;
					throw new Rollback();
				})
				.catch((err) => {
					if (err instanceof Rollback) return;
					const code = (err as { code?: string }).code ?? String(err);
					parcelRefused.set(code, (parcelRefused.get(code) ?? 0) + 1);
				});
			parcelFeeTimes.push(performance.now() - t0);
		}
		row('fee from the parcel alone (renovation; rolled back)', parcelFeeTimes);
		console.log(`[bench] assessed ${parcelAssessed}/${ids.length} from the parcel; refused: ${JSON.stringify(Object.fromEntries(parcelRefused))}`);

		// the per-case queries of the automatic steps, on a real case id if any
		const kase = await db.selectFrom('cases').select(['id', 'parcel_id']).orderBy('id', 'desc').limit(1).executeTakeFirst();
		const caseId = kase?.id ?? 1;
		for (const [name, text] of [
			['blockers: open referrals of the case', sql`explain select count(*) from case_referrals where case_id = ${caseId} and status = 'open'`],
			['blockers: open cases of the parcel', sql`explain select id from cases where parcel_id = ${kase?.parcel_id ?? 1} and status = 'open' and id <> ${caseId} and (request_type in ('transfer_request') or kind in ('violation'))`],
			['readiness: latest proposal', sql`explain select id from case_proposals where case_id = ${caseId} order by id desc limit 1`],
			['readiness: latest assessment', sql`explain select id from fee_assessments where case_id = ${caseId} and request_kind = 'building_permit' order by id desc limit 1`],
			["the parcel's fee facts (area, the zone covering most of it)", sql`explain ${parcelFeeFactsQuery(kase?.parcel_id ?? ids[0])}`]
		] as const) {
			const plan = (await text.execute(db)).rows.map((r) => Object.values(r as Record<string, string>)[0]);
			console.log(`[explain] ${name}: ${plan.filter((l) => /Scan|Index/.test(l)).map((l) => l.trim()).join(' | ')}`);
		}

		// PDFs as issued
		const s = samples[0];
		const facts = (await findProposalFacts(db, s.id, null))!;
		const rules = (await rulesForParcel(db, s.id))!;
		const header = { renovationCode: '01-0001-001', address: 'نشانی نمونه', registrationPlate: '۱۲۳/۴', districtName: 'منطقهٔ ۱', trackingCode: '140500000001', applicantName: 'مالک نمونه' };
		const verification = { origin: 'https://pelak.example.ir', code: 'ABCDE-FGHIJ-KLMNO-PQRST' };
		const docs = {
			zoning_statement: rules.zone ? zoningStatementContent(header, facts, { ...rules, zone: rules.zone }) : null,
			building_permit: permitContent(header, {
				proposal: s.proposal,
				checkOk: true,
				override: null,
				zoningStatementNumber: 'ZS-1405-000001',
				ruleBookTitle: rules.book.title_fa,
				fees: [{ title: 'عوارض زیربنا', formula: 'K × P × S', amountRials: 123_456_000 }],
				bills: [{ billId: '1234567812361', paymentId: '15234040120', amountRials: 123_456_000, paidOn: '2026-11-29' }],
				supervisor: { name: 'مهندس ناظر (نمونه)', licenceNo: '۱-۲۳-۴۵۶۷۸' }
			})
		};
		for (const [kind, content] of Object.entries(docs)) {
			if (!content) continue;
			const spec = { kind: kind as 'building_permit', ...content, number: 'BP-1405-000001', issuedOn: '2026-11-30', verification };
			for (let i = 0; i < 3; i++) await renderOfficialDocument(spec);
			const times: number[] = [];
			let bytes = 0;
			for (let i = 0; i < PDF_ROUNDS; i++) {
				const t = performance.now();
				bytes = (await renderOfficialDocument(spec)).length;
				times.push(performance.now() - t);
			}
			row(`PDF render, ${kind} as issued (${Math.round(bytes / 1024)} KB)`, times);
		}
	} finally {
		await database.close();
	}
}

await main();
