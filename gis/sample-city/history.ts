/**
 * Stores the SAMPLE year of requests (./history-plan.ts) in the real workflow tables — cases, their
 * audit log, citizen tasks, agency referrals, fee bills and payments, and the permits they left on
 * the parcels' record — with a few bulk INSERTs from arrays (no service calls), so the cartables,
 * case pages, public tracking and the council dashboards all show the same living city. Runs
 * once: `pelak_settings.sample_history` records it. Everything is marked sample: the applicants'
 * names say «نمونه», each audit entry's details carry `sample: true`, the bills' inputs too.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import type { AgencyKind } from '../../src/lib/server/workflows/roles';
import { stateColumns } from '../../src/lib/server/cases/case-state';
import { transitionEvent } from '../../src/lib/server/cases/audit';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { refreshDashboard, SAMPLE_HISTORY_KEY } from '../../src/lib/server/dashboard';
import { SAMPLE_BILL_COMPANY_CODE } from '../../src/lib/server/config';
import { issueInstalments, type Instalment } from '../../src/lib/domain/bills';
import { FEE_ENGINE_VERSION } from '../../src/lib/domain/fees/assess';
import type { TariffBook } from '../../src/lib/domain/fees';
import { fromDocument, type BookDocument } from '../../src/lib/server/fees/book-document';
import { feeKindOf, isTwoStagePermit, SYSTEM_ROLE } from '../../src/lib/server/workflows';
import { chargedUseOf } from '../../src/lib/server/permits/parcel-fee-inputs';
import { overlapsWith } from '../../src/lib/server/db/area-parts';
import { applicable, zoneRulesInForce } from '../../src/lib/server/rules/rule-book.service';
import { tehranDate } from '../../src/lib/domain/working-days';
import { zoningRulesOf } from '../../src/lib/server/permits/stages.service';
import { issueHistoryDocuments, proposeHistoryPermits } from './history-permits';
import { zoneValueCoveringMost } from '../../src/lib/server/fees/zone-value.repository';
import { nationalIdCheckDigit } from '../../src/lib/domain/national-id';
import { generateTrackingCode } from '../../src/lib/domain/tracking-code';
import { faDigits } from './names-fa';
import { toJalali } from '../../src/lib/domain/jalali';
import { HERITAGE_OVERLAY, holdAtZoningStatement, planHistory, type HistoryParcel, type HistoryStaff, type PlannedCase } from './history-plan';
import { randomFor } from './prng';

const FIRST = ['رضا', 'مریم', 'حسین', 'فاطمه', 'محمد', 'زهرا', 'علی', 'سارا', 'مهدی', 'نرگس', 'امیر', 'لیلا', 'حمید', 'الهام', 'سعید', 'مینا'];
const LAST = ['اصفهانی', 'نجفی', 'جابری', 'صفوی', 'کاظمی', 'رحیمی', 'موسوی', 'شریفی', 'قاسمی', 'طاهری', 'نوری', 'حیدری'];

/** Parcels per case filed over the year: 12,000 parcels give about 1,500 requests. */
export const PARCELS_PER_CASE = 8;
const BATCH = 4000;

export interface HistoryCounts {
	cases: number;
	open: number;
	case_events: number;
	fee_assessments: number;
	payments: number;
	permits: number;
	/** Zoning statements issued to the two-stage permits the planner approved (./history-permits.ts). */
	zoning_statements: number;
	/** Permits issued (as documents) to the completed two-stage permits. */
	permit_documents: number;
	/** Proposals the applicants of two-stage permits sent with their drawings. */
	proposals: number;
	/** Documents the cases were filed with (SAMPLE PDFs), drawings included. */
	documents: number;
}

/**
 * `zoningStatements: false` leaves out the permits' papers (./history-permits.ts: proposals, documents,
 * zoning statements and permits; the dashboard bench's million-parcel city: the dashboards read none,
 * and its tens of thousands of permits, each checked and issued one by one, would add many minutes to
 * its one-time load).
 */
export async function loadSampleHistory(
	db: Kysely<DB>,
	{ seed = 1, now = new Date(), cases, zoningStatements = true }: { seed?: number; now?: Date; cases?: number; zoningStatements?: boolean } = {}
): Promise<HistoryCounts | null> {
	const done = await db.selectFrom('pelak_settings').select('value').where('key', '=', SAMPLE_HISTORY_KEY).executeTakeFirst();
	if (done) return null;
	const counts = await db.transaction().execute(async (trx) => {
		await sampleInspectors(trx);
		const staff = await staffOf(trx);
		const applicants = await sampleApplicants(trx, seed);
		const book = await bookOf(trx);
		const parcels = await historyParcels(trx, book?.jalaliYear ?? null, now);
		const plan = planHistory({
			seed,
			now,
			calendar: municipalCalendar(),
			parcels,
			applicants,
			staff,
			cases: cases ?? Math.round(parcels.length / PARCELS_PER_CASE),
			book: book?.book ?? null
		});
		await holdWithoutZoningRules(trx, plan);
		const caseIds = await insertCases(trx, plan, seed);
		const events = await insertEvents(trx, plan, caseIds);
		await insertTasksAndReferrals(trx, plan, caseIds);
		const papers = zoningStatements ? await proposeHistoryPermits(trx, plan, caseIds, book?.book ?? null) : null;
		const fees = await insertFees(trx, plan, caseIds, now, book);
		const issued = papers ? await issueHistoryDocuments(trx, plan, caseIds, papers.drawings) : null;
		const permits = await insertPermits(trx, plan, caseIds, issued?.permits ?? new Map());
		const zoning_statements = issued?.zoning_statements ?? 0;
		const result: HistoryCounts = {
			cases: plan.length,
			open: plan.filter((p) => p.state.status === 'in_progress').length,
			case_events: events,
			...fees,
			permits,
			zoning_statements,
			permit_documents: issued?.permits.size ?? 0,
			proposals: papers?.proposals ?? 0,
			documents: issued?.documents ?? 0
		};
		await trx.insertInto('pelak_settings').values({ key: SAMPLE_HISTORY_KEY, value: JSON.stringify({ seed, at: now.toISOString(), ...result }) }).execute();
		return result;
	});
	// the planner's statistics still say these tables are as they were (autovacuum catches up a minute later): the
	// dashboard views built from them right away would join tens of thousands of fee rows by nested loop (1M city:
	// the fee facts ran for over ten minutes instead of a second)
	await sql`analyze cases, case_events, case_tasks, case_referrals, fee_assessments, fee_bills, payments, issued_documents`.execute(db);
	await refreshDashboard(db);
	return counts;
}

interface HistoryBook {
	id: number;
	sha256: string;
	jalaliYear: number;
	book: TariffBook;
}

/** The newest published (or superseded) tariff book: the history's automated fee steps assess from it. */
async function bookOf(db: Kysely<DB>): Promise<HistoryBook | null> {
	const row = await db
		.selectFrom('tariff_books')
		.select(['id', 'sha256', 'jalali_year', 'document'])
		.where('status', 'in', ['published', 'superseded'])
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row ? { id: row.id, sha256: row.sha256, jalaliYear: row.jalali_year, book: fromDocument(row.document as BookDocument, 'published') } : null;
}

/**
 * The free parcels, with what the fee steps read from a parcel: the land use of the zone covering
 * most of it (permits/permit.repository's choice: the largest overlap), its base density as the rule
 * book in force gives it (what the live fee step reads through zoningRulesOf; the zones' own density
 * column is empty in the sample city), the zone value P of that use in the book's year
 * (fees/zone-value.repository's `zoneValueCoveringMost`), and whether it lies in an overlay whose
 * agency must answer before a permit's district review (the heritage buffer).
 */
async function historyParcels(db: Kysely<DB>, bookYear: number | null, now: Date): Promise<HistoryParcel[]> {
	const { rows } = await sql<HistoryParcel & { landUse: string | null; zoneCode: string | null; zoneDensity: number | null }>`
		select p.id::int as id, p.district_id as "districtId", p.area_m2::float8 as "areaM2",
		       exists (select 1 from buildings b where b.parcel_id = p.id) as built,
		       z.land_use as "landUse", z.density_pct::float8 as "zoneDensity", z.code as "zoneCode",
		       exists (select 1 from overlays o where o.kind = ${HERITAGE_OVERLAY} and ST_Intersects(o.geom, p.geom)) as heritage
		from parcels p
		left join lateral (
			select z.land_use, z.density_pct, z.code from (${overlapsWith('zoning_zones', sql.ref('p.geom'))}) shared join zoning_zones z on z.id = shared.id
			order by shared.overlap_m2 desc, z.id limit 1) z on true
		where p.district_id is not null and p.open_cases = 0 order by p.id`.execute(db);
	const inForce = await zoneRulesInForce(db, [...new Set(rows.flatMap((r) => (r.zoneCode ? [r.zoneCode] : [])))], tehranDate(now));
	const parcels = rows.map(({ landUse, zoneCode, zoneDensity, ...p }) => ({
		...p,
		use: chargedUseOf(landUse),
		densityPct: (inForce && zoneCode ? applicable(inForce, zoneCode).zone?.density_pct : null) ?? zoneDensity,
		p: null as number | null
	}));
	if (bookYear === null || parcels.length === 0) return parcels;
	const { rows: values } = await sql<{ id: number; p: number }>`
		select x.id::int as id, v.p_rial_per_m2::float8 as p
		from unnest(${parcels.map((p) => p.id)}::bigint[], ${parcels.map((p) => p.use)}::text[]) as x(id, use_class)
		join parcels p on p.id = x.id
		cross join lateral (${zoneValueCoveringMost(sql.ref('p.geom'), sql.ref('x.use_class'), bookYear)}) v`.execute(db);
	const byId = new Map(values.map((v) => [v.id, v.p]));
	return parcels.map((p) => ({ ...p, p: byId.get(p.id) ?? null }));
}

/**
 * The demo accounts have one inspector, for the pilot district (6), which the generated city may
 * not reach; every district that has parcels gets a SAMPLE inspector `inspector.d<n>` with the
 * demo staff password (its hash copied from a demo officer), so site inspections have someone to
 * do them. Nothing when there are no demo officers (a real city).
 */
async function sampleInspectors(db: Kysely<DB>): Promise<void> {
	const template = await db.selectFrom('users').select('password_hash').where('username', 'like', 'officer.d%').where('kind', '=', 'staff').executeTakeFirst();
	if (!template?.password_hash) return;
	const { rows } = await sql<{ id: number; code: string }>`
		select d.id, d.code from districts d
		where exists (select 1 from parcels p where p.district_id = d.id)
		  and not exists (select 1 from user_roles r where r.role = 'inspector' and r.district_id = d.id)
		order by d.id`.execute(db);
	for (const d of rows) {
		const n = d.code.replace(/\D/g, '').replace(/^0+(?=\d)/, '') || String(d.id);
		const username = `inspector.d${n}`;
		const user = await db
			.insertInto('users')
			.values({ kind: 'staff', username, password_hash: template.password_hash, display_name: `بازرس منطقهٔ ${faDigits(n)} (نمونه)` })
			.onConflict((oc) => oc.column('username').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (user) await db.insertInto('user_roles').values({ user_id: user.id, role: 'inspector', district_id: d.id }).execute();
	}
}

async function staffOf(db: Kysely<DB>): Promise<HistoryStaff> {
	const { rows } = await sql<{ id: number; role: string; district_id: number | null; agency_kind: AgencyKind | null }>`
		select u.id::int as id, r.role, r.district_id, r.agency_kind from users u join user_roles r on r.user_id = u.id
		where u.kind = 'staff' and u.active order by u.id`.execute(db);
	const staff: HistoryStaff = { officers: new Map(), inspectors: new Map(), planner: null, supervisor: null, engineer: null, agencies: new Map() };
	for (const r of rows) {
		if (r.role === 'district_officer' && r.district_id !== null && !staff.officers.has(r.district_id)) staff.officers.set(r.district_id, r.id);
		if (r.role === 'inspector' && r.district_id !== null && !staff.inspectors.has(r.district_id)) staff.inspectors.set(r.district_id, r.id);
		if (r.role === 'planner') staff.planner ??= r.id;
		if (r.role === 'supervising_engineer') staff.supervisor ??= r.id;
		if (r.role === 'representative') staff.engineer ??= r.id;
		if (r.role === 'agency' && r.agency_kind && !staff.agencies.has(r.agency_kind)) staff.agencies.set(r.agency_kind, r.id);
	}
	return staff;
}

/** 150 SAMPLE citizens (valid national ids from 009…, sandbox mobiles 0913…), the applicants of the history. */
async function sampleApplicants(db: Kysely<DB>, seed: number): Promise<number[]> {
	const rnd = randomFor(seed, 'applicants');
	const people = Array.from({ length: 150 }, (_, i) => {
		const nine = `009${String(i + 1).padStart(6, '0')}`;
		return { nationalId: nine + nationalIdCheckDigit(nine), mobile: `0913${String(i + 1).padStart(7, '0')}`, name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)} (نمونه)` };
	});
	await sql`
		insert into users (kind, national_id, mobile, display_name)
		select 'citizen', n, m, d from unnest(${people.map((p) => p.nationalId)}::text[], ${people.map((p) => p.mobile)}::text[], ${people.map((p) => p.name)}::text[]) as x(n, m, d)
		on conflict (national_id) do nothing`.execute(db);
	const { rows } = await sql<{ id: number }>`
		select id::int as id from users where national_id = any(${people.map((p) => p.nationalId)}::text[]) order by national_id`.execute(db);
	await sql`
		insert into user_roles (user_id, role)
		select u, 'citizen' from unnest(${rows.map((r) => r.id)}::bigint[]) as u
		where not exists (select 1 from user_roles r where r.user_id = u and r.role = 'citizen')`.execute(db);
	return rows.map((r) => r.id);
}

async function reserveIds(db: Kysely<DB>, table: string, n: number): Promise<number[]> {
	if (n === 0) return [];
	const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint::float8 as id from generate_series(1, ${n})`.execute(db);
	return rows.map((r) => Number(r.id));
}

function chunks<T>(items: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
	return out;
}

async function insertCases(db: Kysely<DB>, plan: PlannedCase[], seed: number): Promise<number[]> {
	const ids = await reserveIds(db, 'cases', plan.length);
	const rnd = randomFor(seed, 'tracking');
	const used = new Set<string>();
	const codes = plan.map((p) => {
		let code: string;
		do code = generateTrackingCode(toJalali(p.filedAt.toISOString().slice(0, 10)).year, (n) => Array.from({ length: n }, () => String(rnd.int(0, 9))).join(''));
		while (used.has(code));
		used.add(code);
		return code;
	});
	const rows = plan.map((p, i) => ({ id: ids[i], code: codes[i], p, c: stateColumns(p.definition, p.state, p.closingText) }));
	for (const part of chunks(rows)) {
		const col = <T>(f: (r: (typeof rows)[number]) => T) => part.map(f);
		await sql`
			insert into cases (id, parcel_id, tracking_code, kind, status, title_fa, title_en, step_fa, step_en, opened_at, due_on, closed_at,
			                   request_type, applicant_user_id, applicant_type, district_id, workflow_status, current_step, waiting,
			                   holder_role, holder_district_id, holder_agency_kind, assigned_user_id, step_started_at, filed_online,
			                   decision, closed_reason, issued, representative_user_id, poa_status)
			select * from unnest(
				${col((r) => r.id)}::bigint[], ${col((r) => r.p.parcel.id)}::bigint[], ${col((r) => r.code)}::text[], ${col((r) => r.p.definition.id)}::text[],
				${col((r) => r.c.status)}::text[], ${col((r) => r.p.definition.name.fa)}::text[], ${col((r) => r.p.definition.name.en)}::text[],
				${col((r) => r.c.step_fa)}::text[], ${col((r) => r.c.step_en)}::text[], ${col((r) => r.p.filedAt.toISOString())}::timestamptz[],
				${col((r) => r.c.due_on)}::date[], ${col((r) => r.c.closed_at)}::timestamptz[], ${col((r) => r.p.definition.id)}::text[],
				${col((r) => r.p.applicantId)}::bigint[], ${col(() => 'natural_person')}::text[], ${col((r) => r.p.parcel.districtId)}::int[],
				${col((r) => r.c.workflow_status)}::text[], ${col((r) => r.c.current_step)}::text[], ${col((r) => r.c.waiting)}::jsonb[],
				${col((r) => r.c.holder_role)}::text[], ${col((r) => r.c.holder_district_id)}::int[], ${col((r) => r.c.holder_agency_kind)}::text[],
				${col((r) => r.c.assigned_user_id)}::bigint[], ${col((r) => r.c.step_started_at)}::timestamptz[], ${col(() => true)}::bool[],
				${col((r) => r.c.decision)}::text[], ${col((r) => r.c.closed_reason)}::text[], ${col((r) => r.c.issued)}::text[],
				${col((r) => r.p.representativeId ?? null)}::bigint[], ${col((r) => (r.p.representativeId ? 'accepted' : null))}::text[])`.execute(db);
	}
	return ids;
}

async function insertEvents(db: Kysely<DB>, plan: PlannedCase[], caseIds: number[]): Promise<number> {
	const events = plan.flatMap((p, i) => p.events.map((e) => transitionEvent(caseIds[i], e.audit, null, e.extra)));
	for (const part of chunks(events)) {
		const col = <T>(f: (e: (typeof events)[number]) => T) => part.map(f);
		await sql`
			insert into case_events (case_id, at, actor_user_id, actor_role, action, from_step, to_step, status, due_on, text, details)
			select * from unnest(${col((e) => e.case_id)}::bigint[], ${col((e) => String(e.at))}::timestamptz[], ${col((e) => (e.actor_role === SYSTEM_ROLE ? null : e.actor_user_id))}::bigint[],
				${col((e) => e.actor_role)}::text[], ${col((e) => e.action)}::text[], ${col((e) => e.from_step)}::text[], ${col((e) => e.to_step)}::text[],
				${col((e) => e.status)}::text[], ${col((e) => e.due_on)}::date[], ${col((e) => e.text)}::text[], ${col((e) => JSON.stringify(e.details))}::jsonb[])`.execute(db);
	}
	return events.length;
}

async function insertTasksAndReferrals(db: Kysely<DB>, plan: PlannedCase[], caseIds: number[]): Promise<void> {
	const tasks = plan.flatMap((p, i) => p.tasks.map((t) => ({ ...t, caseId: caseIds[i], applicant: p.applicantId, open: t.answeredAt === null && p.state.status === 'in_progress' })));
	for (const part of chunks(tasks)) {
		const col = <T>(f: (t: (typeof tasks)[number]) => T) => part.map(f);
		await sql`
			insert into case_tasks (case_id, kind, prompt, document_kinds, step, requested_by, requested_at, due_on, status, answer_text, answered_by, answered_at)
			select c, k, pr, coalesce(string_to_array(nullif(dk, ''), ','), '{}'), s, rb, ra, du, st, an, ab, aa
			from unnest(${col((t) => t.caseId)}::bigint[], ${col((t) => t.kind)}::text[], ${col((t) => t.prompt)}::text[], ${col((t) => t.documentKinds.join(','))}::text[],
				${col((t) => t.step)}::text[], ${col((t) => t.by)}::bigint[], ${col((t) => t.at.toISOString())}::timestamptz[], ${col((t) => t.dueOn)}::date[],
				${col((t) => (t.open ? 'open' : t.answeredAt ? 'answered' : 'cancelled'))}::text[], ${col((t) => (t.answeredAt ? 'مدارک خواسته‌شده بارگذاری شد.' : null))}::text[],
				${col((t) => (t.answeredAt ? t.applicant : null))}::bigint[], ${col((t) => t.answeredAt?.toISOString() ?? null)}::timestamptz[])
			     as x(c, k, pr, dk, s, rb, ra, du, st, an, ab, aa)`.execute(db);
	}
	const referrals = plan.flatMap((p, i) => p.referrals.map((r) => ({ ...r, caseId: caseIds[i], open: r.repliedAt === null && p.state.status === 'in_progress' })));
	for (const part of chunks(referrals)) {
		const col = <T>(f: (r: (typeof referrals)[number]) => T) => part.map(f);
		await sql`
			insert into case_referrals (case_id, agency_kind, question, step, referred_by, referred_at, due_on, status, reply_text, replied_by, replied_at)
			select * from unnest(${col((r) => r.caseId)}::bigint[], ${col((r) => r.agency)}::text[], ${col((r) => r.question)}::text[], ${col((r) => r.step)}::text[],
				${col((r) => r.by)}::bigint[], ${col((r) => r.at.toISOString())}::timestamptz[], ${col((r) => r.dueOn)}::date[],
				${col((r) => (r.open ? 'open' : r.repliedAt ? 'answered' : 'withdrawn'))}::text[], ${col((r) => r.reply)}::text[],
				${col((r) => r.repliedBy)}::bigint[], ${col((r) => r.repliedAt?.toISOString() ?? null)}::timestamptz[])`.execute(db);
	}
}

/**
 * The bills of the history: each with its bill rows (fee_bills, one per instalment) so an open one
 * can be paid in the sandbox gateway like any other. Those the system assessed carry the book's
 * inputs and itemised lines; all are marked sample in their inputs.
 */
async function insertFees(db: Kysely<DB>, plan: PlannedCase[], caseIds: number[], now: Date, book: HistoryBook | null): Promise<{ fee_assessments: number; payments: number }> {
	const billed = plan.map((p, i) => ({ p, caseId: caseIds[i] })).filter((x) => x.p.fee !== null);
	if (!book || billed.length === 0) return { fee_assessments: 0, payments: 0 };
	const { rows: files } = await sql<{ n: number }>`select nextval('fee_file_seq')::int as n from generate_series(1, ${billed.length})`.execute(db);
	const rows = billed.map(({ p, caseId }, i) => {
		const fee = p.fee!;
		const year = toJalali(fee.issuedAt.toISOString().slice(0, 10)).year;
		const bills: Instalment[] =
			fee.totalRial > 0 ? issueInstalments({ file_id: files[i].n, company_code: SAMPLE_BILL_COMPANY_CODE, amount_rial: fee.totalRial, jalali_year: year, first_period: 1 }) : [];
		const bill = bills[0] ?? null;
		const status = !bill ? 'nothing_due' : fee.paidAt ? 'paid' : p.state.status === 'in_progress' ? 'open' : 'cancelled';
		const expires = new Date(Math.max(fee.issuedAt.getTime() + 30 * 86_400_000, status === 'open' ? now.getTime() + 30 * 86_400_000 : 0));
		// the request kind the type's fee step assesses; the building permit's for the rest (demolition is assessed as one)
		const kind = feeKindOf(p.definition) ?? 'building_permit';
		return { p, caseId, fee, bill, bills, status, expires, kind, file: files[i].n };
	});
	let payments = 0;
	for (const part of chunks(rows)) {
		const col = <T>(f: (r: (typeof rows)[number]) => T) => part.map(f);
		const { rows: inserted } = await sql<{ id: number; file_id: number }>`
			insert into fee_assessments (case_id, parcel_id, request_kind, book_id, book_sha256, engine_version, inputs, lines, total_rial, status,
			                             file_id, period, bill_id, payment_id, issued_at, issued_by, expires_at, paid_at, closed_at)
			select c, pa, rk, ${book.id}, ${book.sha256}, ${FEE_ENGINE_VERSION}, i, l, t, st, f, 1, b, pi, ia, ib, ea, pd, pd
			from unnest(${col((r) => r.caseId)}::bigint[], ${col((r) => r.p.parcel.id)}::bigint[], ${col((r) => r.kind)}::text[],
				${col((r) => JSON.stringify({ ...(r.fee.inputs ?? {}), sample: true }))}::jsonb[], ${col((r) => JSON.stringify(r.fee.assessment ?? []))}::jsonb[],
				${col((r) => r.fee.totalRial)}::bigint[], ${col((r) => r.status)}::text[], ${col((r) => r.file)}::int[], ${col((r) => r.bill?.bill_id ?? null)}::text[],
				${col((r) => r.bill?.payment_id ?? null)}::text[], ${col((r) => r.fee.issuedAt.toISOString())}::timestamptz[], ${col((r) => r.fee.by)}::bigint[],
				${col((r) => r.expires.toISOString())}::timestamptz[], ${col((r) => (r.bill ? (r.fee.paidAt?.toISOString() ?? null) : null))}::timestamptz[])
			     as x(c, pa, rk, i, l, t, st, f, b, pi, ia, ib, ea, pd)
			returning id::int as id, file_id`.execute(db);
		const idOf = new Map(inserted.map((r) => [r.file_id, r.id]));
		const billRows = part.flatMap((r) => r.bills.map((b) => ({ assessment: idOf.get(r.file)!, ...b })));
		if (billRows.length) {
			const bcol = <T>(f: (b: (typeof billRows)[number]) => T) => billRows.map(f);
			await sql`
				insert into fee_bills (assessment_id, seq, period, bill_id, payment_id, amount_rial)
				select * from unnest(${bcol((b) => b.assessment)}::bigint[], ${bcol((b) => b.seq)}::int[], ${bcol((b) => b.period)}::int[],
					${bcol((b) => b.bill_id)}::text[], ${bcol((b) => b.payment_id)}::text[], ${bcol((b) => b.amount_rial)}::bigint[])`.execute(db);
		}
		// one payment per bill (an instalment each), as the gateway records them
		const paid = part.filter((r) => r.fee.paidAt).flatMap((r) => r.bills.map((b) => ({ r, b })));
		payments += paid.length;
		if (!paid.length) continue;
		const pcol = <T>(f: (x: (typeof paid)[number]) => T) => paid.map(f);
		await sql`
			insert into payments (assessment_id, gateway, authority, bill_id, payment_id, amount_rial, status, requested_at, requested_by, verified_at, ref_id)
			select a, 'sandbox', 'SAMPLE-' || f || suffix, b, pi, t, 'paid', pd, rb, pd, 'S' || f || suffix
			from unnest(${pcol((x) => idOf.get(x.r.file))}::bigint[], ${pcol((x) => x.r.file)}::int[], ${pcol((x) => (x.b.seq > 1 ? `-${x.b.seq}` : ''))}::text[],
				${pcol((x) => x.b.bill_id)}::text[], ${pcol((x) => x.b.payment_id)}::text[], ${pcol((x) => x.b.amount_rial)}::bigint[],
				${pcol((x) => x.r.fee.paidAt!.toISOString())}::timestamptz[], ${pcol((x) => x.r.p.applicantId)}::bigint[]) as x(a, f, suffix, b, pi, t, pd, rb)`.execute(db);
	}
	return { fee_assessments: rows.length, payments };
}

/** The planner's approval of an open two-stage permit's zoning statement, when the history got that far. */
function statementApproval(p: PlannedCase) {
	if (p.state.status !== 'in_progress' || !isTwoStagePermit(p.definition)) return undefined;
	const step = p.definition.steps.find((s) => s.automation?.kind === 'zoning_statement')!.id;
	return p.events.find((e) => e.audit.fromStepId === step && e.audit.action === 'approve');
}

/**
 * Live, nobody can issue the zoning statement of a parcel the rule book has no rules for (its zone
 * is missing or undefined): an open two-stage permit the history took past it goes back to that
 * step, held for the planner with the reason (history-plan's holdAtZoningStatement).
 */
async function holdWithoutZoningRules(trx: Transaction<DB>, plan: PlannedCase[]): Promise<void> {
	for (const p of plan) {
		const approval = statementApproval(p);
		if (!approval) continue;
		const found = await zoningRulesOf(trx, p.parcel.id, new Date(approval.audit.at));
		if (!found.ok) holdAtZoningStatement(p, found.problem);
	}
}

/**
 * The permits the completed building permit cases issued, on the parcels' record (no footprint drawn yet),
 * numbered as the issued permit (`numbers`, by case id) where there is one.
 */
async function insertPermits(db: Kysely<DB>, plan: PlannedCase[], caseIds: number[], numbers: ReadonlyMap<number, string>): Promise<number> {
	const permits = plan.map((p, i) => ({ p, caseId: caseIds[i] })).filter((x) => x.p.permit !== null);
	for (const part of chunks(permits)) {
		const col = <T>(f: (r: (typeof permits)[number]) => T) => part.map(f);
		await sql`
			insert into buildings (parcel_id, floors, permitted_floor_area_m2, permit_no, permit_date)
			select * from unnest(${col((r) => r.p.parcel.id)}::bigint[], ${col((r) => r.p.permit!.floors)}::int[], ${col((r) => r.p.permit!.floorAreaM2)}::numeric[],
				${col((r) => numbers.get(r.caseId) ?? `S-BP-${toJalali(r.p.permit!.issuedOn).year}-${String(r.caseId).padStart(6, '0')}`)}::text[], ${col((r) => r.p.permit!.issuedOn)}::date[])`.execute(db);
	}
	return permits.length;
}
