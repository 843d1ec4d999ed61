/**
 * The sample city's year of SAMPLE requests (gis/sample-city/history.ts): loaded with the city at
 * start-up, stored in the real workflow tables so the cartables of the demo accounts hold open
 * cases, every step of the building permit flow is populated, and the dashboards see a living
 * city — and loaded once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, TEST_SRID, type TestDatabase } from '../db';
import { seedSampleData } from '../../src/lib/server/sample-data';
import { sampleCitySeeder } from '../../gis/sample-city/seeder';
import { loadSampleHistory } from '../../gis/sample-city/history';
import { districtReport, importedBacklog, monthlySeries } from '../../src/lib/server/dashboard';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import { actOnCase, listCartable, listMyCases } from '../../src/lib/server/cases';
import { BUILDING_PERMIT_NEW } from '../../src/lib/server/workflows/definitions/building-permits';
import { tehranDate, addCalendarDays } from '../../src/lib/domain/working-days';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { issueSupervisedCertificate } from '../../src/lib/server/permits/certificate.service';
import { issuedDocumentPdf } from '../../src/lib/server/issued-documents/issue.service';

let database: TestDatabase;
const PARCELS = 4000;
beforeAll(async () => {
	database = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
	await seedSampleData(database.db, sampleCitySeeder, { parcels: PARCELS, srid: TEST_SRID });
}, 600_000);
afterAll(async () => {
	vi.restoreAllMocks();
	await database?.close();
});

async function userNamed(username: string) {
	const { id } = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
	return (await findActiveUser(database.db, id))!;
}

describe(`sample history (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('has the dashboards built after the whole sample: their first reader sees every seeded case and closing', async () => {
		const today = tehranDate(new Date());
		const range = { from: addCalendarDays(today, -364), to: today };
		// as a first visitor right after start-up: whatever the views hold, not rebuilt for this read
		const backlog = await importedBacklog(database.db, range, { maxAgeS: 86_400 });
		const { rows } = await sql<{ open: number; closed: number }>`
			select count(*) filter (where status = 'open')::int as open, count(*) filter (where status <> 'open')::int as closed
			from cases where request_type is null`.execute(database.db);
		expect(rows[0].closed).toBeGreaterThan(0); // the sample's officers closed some of the imported cases
		expect(backlog.city.open).toBe(rows[0].open);
	});

	it('files a year of requests in every district, decided and open, with bills, payments and permits', async () => {
		const { rows } = await sql<{ districts: number; cases: number; open: number; decided: number; first: string; last: string; events: number; paid: number; permits: number }>`
			select count(distinct district_id)::int as districts, count(*)::int as cases,
			       count(*) filter (where workflow_status = 'in_progress')::int as open,
			       count(*) filter (where decision is not null)::int as decided,
			       min(opened_at)::date::text as first, max(opened_at)::date::text as last,
			       (select count(*)::int from case_events) as events,
			       (select count(*)::int from payments where status = 'paid') as paid,
			       (select count(*)::int from buildings b join issued_documents d on d.number = b.permit_no and d.kind = 'building_permit') as permits
			from cases where request_type is not null`.execute(database.db);
		const r = rows[0];
		const { n } = (await sql<{ n: number }>`select count(distinct district_id)::int as n from parcels`.execute(database.db)).rows[0];
		expect(r.districts).toBe(n);
		expect(r.cases).toBeGreaterThan(PARCELS / 12);
		expect(r.open).toBeGreaterThan(10);
		expect(r.decided).toBeGreaterThan(r.cases / 2);
		expect(r.first < addCalendarDays(tehranDate(new Date()), -300)).toBe(true);
		expect(r.events).toBeGreaterThan(r.cases * 3);
		expect(r.paid).toBeGreaterThan(0);
		expect(r.permits).toBeGreaterThan(0);
		// every case's audit log starts with its filing and the case stands where its last entry put it
		const { rows: broken } = await sql<{ id: number }>`
			select c.id from cases c
			where c.request_type is not null and (
			  (select e.action from case_events e where e.case_id = c.id order by e.id limit 1) <> 'file'
			  or (select e.status from case_events e where e.case_id = c.id order by e.id desc limit 1) <> c.workflow_status)`.execute(database.db);
		expect(broken).toEqual([]);
	});

	it('leaves open building permits at every step a case rests at live, and work in each demo account’s cartable', async () => {
		const { rows } = await sql<{ step: string }>`
			select distinct current_step as step from cases where workflow_status = 'in_progress' and request_type = 'building_permit_new'`.execute(database.db);
		// the system passes the fee step (assessed from the proposal) and the issue (on payment) by itself:
		// a permit rests there only when something is missing, which the sample's are not
		const steps = BUILDING_PERMIT_NEW.steps.map((s) => s.id).filter((s) => !['filing', 'fee_calculation', 'issue'].includes(s));
		expect(steps.filter((s) => !rows.some((r) => r.step === s))).toEqual([]);
		// the city's busiest district holds the showcase of every step
		const { rows: busiest } = await sql<{ code: string }>`
			select d.code from districts d join parcels p on p.district_id = d.id group by d.code order by count(*) desc limit 1`.execute(database.db);
		const n = busiest[0].code;
		for (const username of [`officer.d${n}`, 'planner', `inspector.d${n}`, 'supervisor', 'heritage', 'registry']) {
			const user = await userNamed(username);
			const cases = await listCartable(database.db, user, ['heritage', 'registry'].includes(username) ? 'mine' : 'unassigned');
			expect([username, cases.length > 0]).toEqual([username, true]);
		}
		// the engineering office's representative follows building permits filed for owners, some still open
		const filedForOwners = await listMyCases(database.db, await userNamed('engineer'));
		expect(filedForOwners.some((c) => c.status === 'in_progress')).toBe(true);
	});

	it('backs every figure with records that agree: bills itemised, permits and statements issued, heritage answered, reports that say what they record', async () => {
		// every bill of a history case carries the book's frozen assessment, itemised, with the total billed and paid
		const { rows: bills } = await sql<{ id: number; lines: number; frozen: string | null; total: number; book: string | null; paid: number | null; status: string }>`
			select f.id::int as id, case when jsonb_typeof(f.lines -> 'lines') = 'array' then jsonb_array_length(f.lines -> 'lines') else 0 end as lines,
			       f.lines ->> 'total_rial' as frozen, f.total_rial::float8 as total, f.lines -> 'book' ->> 'title' as book, f.status,
			       (select sum(p.amount_rial)::float8 from payments p where p.assessment_id = f.id and p.status = 'paid') as paid
			from fee_assessments f join cases c on c.id = f.case_id where c.request_type is not null`.execute(database.db);
		expect(bills.length).toBeGreaterThan(10);
		expect(bills.filter((b) => b.lines === 0 || b.book === null || Number(b.frozen) !== b.total)).toEqual([]);
		expect(bills.filter((b) => b.status === 'paid' && b.paid !== b.total)).toEqual([]);

		// every completed two-stage permit: its statement and its permit issued, on its accepted proposal, its drawings
		// filed, and the parcel's permit on record under the issued number with the proposal's storeys
		const { rows: completed } = await sql<{ id: number; statement: string | null; permit: string | null; proposal: boolean; accepted: boolean; drawings: boolean; deed: boolean; recorded: number; storeys: number | null; floors: number | null; height: number | null }>`
			select c.id::int as id, zs.kind as statement, pd.kind as permit, pr.id is not null as proposal,
			       coalesce(pr.check_ok or s.override_proposal_id = pr.id, false) as accepted,
			       exists (select 1 from documents d where d.case_id = c.id and d.kind = 'engineering_drawings') as drawings,
			       exists (select 1 from documents d where d.case_id = c.id and d.kind = 'deed') as deed,
			       (select count(*)::int from buildings b where b.parcel_id = c.parcel_id and b.permit_no = pd.number) as recorded,
			       (select b.floors from buildings b where b.parcel_id = c.parcel_id and b.permit_no = pd.number limit 1) as storeys,
			       (select count(*)::int from jsonb_array_elements(pr.body -> 'floors') f where f ->> 'use' not in ('pilotis', 'parking')) as floors,
			       (pr.body ->> 'height_m')::float8 / nullif(jsonb_array_length(pr.body -> 'floors'), 0) as height
			from cases c
			left join permit_stages s on s.case_id = c.id
			left join issued_documents zs on zs.id = s.zoning_statement_id
			left join issued_documents pd on pd.id = s.permit_id
			left join lateral (select * from case_proposals p where p.case_id = c.id order by p.id desc limit 1) pr on true
			where c.workflow_status = 'completed' and c.request_type in ('building_permit_new', 'building_permit_extension')`.execute(database.db);
		expect(completed.length).toBeGreaterThan(5);
		const broken = completed.filter(
			(c) => c.statement !== 'zoning_statement' || c.permit !== 'building_permit' || !c.proposal || !c.accepted || !c.drawings || !c.deed || c.recorded !== 1 || c.storeys !== c.floors
		);
		expect(broken).toEqual([]);
		// about 3.2 m a storey, the pilotis included: no three levels in 7 m
		expect(completed.filter((c) => c.height === null || c.height < 3 || c.height > 3.5)).toEqual([]);
		// the dashboard's count of permits issued is the count of issued permits
		const { rows: counts } = await sql<{ issued: number; completed: number }>`
			select (select count(*)::int from issued_documents d join cases c on c.id = d.case_id where d.kind = 'building_permit' and c.request_type in ('building_permit_new', 'building_permit_extension')) as issued,
			       (select count(*)::int from cases where workflow_status = 'completed' and request_type in ('building_permit_new', 'building_permit_extension')) as completed`.execute(database.db);
		expect(counts[0].issued).toBe(counts[0].completed);

		// a permit issued without rendering is rendered on its first download, which records its fingerprint; the next must match it
		const sample = completed[0];
		const { applicant } = (await sql<{ applicant: number }>`select applicant_user_id::int as applicant from cases where id = ${sample.id}`.execute(database.db)).rows[0];
		const owner = (await findActiveUser(database.db, applicant))!;
		const { id: permitId } = await database.db.selectFrom('permit_stages').select('permit_id as id').where('case_id', '=', sample.id).executeTakeFirstOrThrow();
		const first = await issuedDocumentPdf(database.db, owner, Number(permitId));
		expect(first.pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const { pdf_sha256 } = await database.db.selectFrom('issued_documents').select('pdf_sha256').where('id', '=', Number(permitId)).executeTakeFirstOrThrow();
		expect(pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
		expect((await issuedDocumentPdf(database.db, owner, Number(permitId))).pdf.equals(first.pdf)).toBe(true);
		// and once recorded, the fingerprint is as frozen as the rest
		await expect(sql`update issued_documents set pdf_sha256 = ${'0'.repeat(64)} where id = ${Number(permitId)}`.execute(database.db)).rejects.toThrow(/only the status/);

		// a permit on a heritage-buffer parcel passed its district review only with the heritage agency's answer
		const { rows: heritage } = await sql<{ id: number; answered: boolean }>`
			select c.id::int as id, exists (select 1 from case_referrals r where r.case_id = c.id and r.agency_kind = 'cultural_heritage' and r.status = 'answered' and r.reply_text is not null) as answered
			from cases c join parcels p on p.id = c.parcel_id
			where c.request_type in ('building_permit_new', 'building_permit_extension')
			  and exists (select 1 from overlays o where o.kind = 'heritage_buffer' and ST_Intersects(o.geom, p.geom))
			  and exists (select 1 from case_events e where e.case_id = c.id and e.from_step = 'district_review' and e.action = 'approve')`.execute(database.db);
		expect(heritage.filter((h) => !h.answered)).toEqual([]);

		// a supervision report that records a violation does not say the work conforms
		const { rows: reports } = await sql<{ violation: boolean; body: string }>`select violation, body from supervision_reports`.execute(database.db);
		expect(reports.some((r) => r.violation)).toBe(true);
		expect(reports.filter((r) => r.violation && /مطابق پروانه است/.test(r.body))).toEqual([]);
	});

	it('files the history\'s open cases with the documents their request types require, so their officers can approve them', async () => {
		const { rows: lacking } = await sql<{ id: number }>`
			select c.id::int as id from cases c
			where c.workflow_status = 'in_progress' and c.request_type = 'building_permit_new' and c.applicant_type = 'natural_person' and c.representative_user_id is null
			  and not exists (select 1 from documents d where d.case_id = c.id and d.kind = 'deed')`.execute(database.db);
		expect(lacking).toEqual([]);
		// a case waiting for its district officer: approved, not refused for a missing document
		const { rows: waitingRows } = await sql<{ id: number; username: string }>`
			select c.id::int as id, u.username from cases c join districts d on d.id = c.holder_district_id join users u on u.username = 'officer.d' || d.code
			where c.workflow_status = 'in_progress' and c.current_step = 'district_review' and c.request_type = 'building_permit_new'
			  -- not one an overlay's referral holds (the heritage buffer: overlay-referrals.service)
			  and not exists (select 1 from overlays o join parcels p on p.id = c.parcel_id where o.rule_fa like '%استعلام%' and ST_Intersects(o.geom, p.geom))
			order by c.id limit 1`.execute(database.db);
		const waiting = waitingRows[0];
		const done = await actOnCase(database.db, await userNamed(waiting.username), waiting.id, { type: 'approve', stepId: 'district_review' }, {}, { sender: null, now: new Date() });
		expect(done.step.id).not.toBe('district_review');
		// the file the officer saw: a SAMPLE PDF of each kind
		const docs = await database.db.selectFrom('documents').select(['kind', 'media_type', 'original_name']).where('case_id', '=', waiting.id).execute();
		expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['deed', 'national_card']));
		expect(docs.every((d) => d.media_type === 'application/pdf' && d.original_name.endsWith('-sample.pdf'))).toBe(true);
	});

	it('takes a history permit waiting for its drawings on to its permit: statement issued, proposal checked, fees billed and paid', async () => {
		// every open two-stage permit past the zoning statement has its statement, dated as the planner's approval
		const { rows: open } = await sql<{ id: number; step: string; parcel_id: number; applicant: number; statement: number | null; approved: string | null; issued: string | null }>`
			select c.id::int as id, c.current_step as step, c.parcel_id::int as parcel_id, c.applicant_user_id::int as applicant, s.zoning_statement_id::int as statement,
			       (select e.at::text from case_events e where e.case_id = c.id and e.from_step = 'zoning_statement' and e.action = 'approve' order by e.id limit 1) as approved,
			       d.issued_at::text as issued
			from cases c left join permit_stages s on s.case_id = c.id left join issued_documents d on d.id = s.zoning_statement_id
			where c.workflow_status = 'in_progress' and c.request_type in ('building_permit_new', 'building_permit_extension')
			  and c.current_step not in ('district_review', 'site_inspection', 'zoning_statement')
			  and c.applicant_user_id in (select id from users where display_name like '%(نمونه)')`.execute(database.db);
		expect(open.length).toBeGreaterThan(0);
		expect(open.filter((c) => c.step !== 'drawings_submission' || c.statement === null || c.issued !== c.approved)).toEqual([]);

		// its applicant sends a house the rules allow, and the system carries it to the bill
		const { sampleProposalFor, sendSampleDrawings } = await import('../../src/lib/server/permits/sample-permits');
		let moved: (typeof open)[number] | null = null;
		for (const c of open) {
			const proposal = await sampleProposalFor(database.db, c.parcel_id);
			if (!proposal) continue;
			await sendSampleDrawings(database.db, (await findActiveUser(database.db, c.applicant))!, c.id, proposal, new Date());
			moved = c;
			break;
		}
		expect(moved).not.toBeNull();
		const atPayment = await database.db.selectFrom('cases').select('current_step').where('id', '=', moved!.id).executeTakeFirstOrThrow();
		expect(atPayment.current_step).toBe('payment');
		// paid in the sandbox gateway: the permit is issued by itself
		const payer = (await findActiveUser(database.db, moved!.applicant))!;
		const assessment = await database.db.selectFrom('fee_assessments').select('id').where('case_id', '=', moved!.id).where('status', '=', 'open').executeTakeFirstOrThrow();
		const gateway = new SandboxGateway(database.db);
		const started = await startPayment(database.db, gateway, payer, assessment.id, { callbackUrl: 'https://pelak.example.ir/payments/callback' });
		expect((await completePayment(database.db, gateway, new URL(await gateway.settle(started.authority, true)).searchParams)).outcome).toBe('paid');
		const done = await database.db.selectFrom('cases').select(['workflow_status', 'current_step']).where('id', '=', moved!.id).executeTakeFirstOrThrow();
		expect(done.workflow_status).toBe('completed');
		const permit = await database.db.selectFrom('issued_documents').select('kind').where('case_id', '=', moved!.id).where('kind', '=', 'building_permit').execute();
		expect(permit).toHaveLength(1);
	});

	it('gives every open certificate what its issue needs: a supervised permit and the engineer’s report of each stage it certifies', async () => {
		const { rows: open } = await sql<{ id: number; request_type: string }>`
			select id::int as id, request_type from cases
			where workflow_status = 'in_progress' and request_type in ('rough_construction_certificate', 'completion_certificate') order by id`.execute(database.db);
		expect(open.length).toBeGreaterThan(0);
		// issued as the officer's completion would issue it, then rolled back
		const issued = await database.db
			.transaction()
			.execute(async (trx) => {
				const numbers: string[] = [];
				for (const c of open) {
					const doc = await issueSupervisedCertificate(trx, { now: new Date(), watermark: 'SAMPLE' }, c.id, c.request_type, null);
					numbers.push(doc!.number);
				}
				throw Object.assign(new Error('rollback'), { numbers });
			})
			.catch((err: Error & { numbers?: string[] }) => {
				if (!err.numbers) throw err;
				return err.numbers;
			});
		expect(issued).toHaveLength(open.length);
		expect(await database.db.selectFrom('issued_documents').select('id').where('kind', '=', 'certificate').execute()).toEqual([]);
	});

	it('bills completion certificates, notary inquiries and transfers as their automated fee step does: from the book, payable, held only with the reason', async () => {
		const kinds: Record<string, string> = { completion_certificate: 'completion_certificate', notary_inquiry: 'renovation', transfer_request: 'renovation' };
		const { rows: billed } = await sql<{ case_id: number; request_type: string; current_step: string; workflow_status: string; request_kind: string; status: string; total_rial: number; lines: { total_rial: number; lines: { item_code: string }[] }; bills: number }>`
			select c.id::int as case_id, c.request_type, c.current_step, c.workflow_status, a.request_kind, a.status, a.total_rial::float8 as total_rial, a.lines,
			       (select coalesce(sum(b.amount_rial), 0)::float8 from fee_bills b where b.assessment_id = a.id) as bills
			from cases c join fee_assessments a on a.case_id = c.id
			where c.request_type in ('completion_certificate', 'notary_inquiry', 'transfer_request')`.execute(database.db);
		expect(billed.length).toBeGreaterThan(0);
		for (const b of billed) {
			expect([b.request_type, b.request_kind]).toEqual([b.request_type, kinds[b.request_type]]);
			// the book's own lines and total, billed in full
			expect(b.lines.lines.length).toBeGreaterThan(0);
			expect([b.case_id, b.lines.total_rial, b.bills]).toEqual([b.case_id, b.total_rial, b.total_rial]);
		}
		const waiting = billed.filter((b) => b.workflow_status === 'in_progress' && b.current_step === 'payment');
		expect(waiting.length).toBeGreaterThan(0);
		expect(waiting.every((b) => b.status === 'open')).toBe(true);
		// nobody approved their fee step by hand, and one rests there only where the system could not assess
		const { rows: byHand } = await sql<{ n: number }>`
			select count(*)::int as n from case_events e join cases c on c.id = e.case_id
			where c.request_type in ('completion_certificate', 'notary_inquiry', 'transfer_request') and e.from_step in ('fee_calculation', 'payment')
			  and e.action = 'approve' and e.actor_role <> 'system'`.execute(database.db);
		expect(byHand[0].n).toBe(0);
		const { rows: atFee } = await sql<{ last: string }>`
			select (select e.action from case_events e where e.case_id = c.id order by e.id desc limit 1) as last from cases c
			where c.request_type in ('completion_certificate', 'notary_inquiry', 'transfer_request') and c.workflow_status = 'in_progress' and c.current_step = 'fee_calculation'`.execute(database.db);
		expect(atFee.filter((r) => r.last !== 'automation_held')).toEqual([]);

		// the applicant pays one in the sandbox gateway and the case moves on by itself
		const one = waiting[0];
		const { applicant } = await database.db.selectFrom('cases').select('applicant_user_id as applicant').where('id', '=', one.case_id).executeTakeFirstOrThrow();
		const payer = (await findActiveUser(database.db, applicant!))!;
		const assessment = await database.db.selectFrom('fee_assessments').select('id').where('case_id', '=', one.case_id).where('status', '=', 'open').executeTakeFirstOrThrow();
		const gateway = new SandboxGateway(database.db);
		const started = await startPayment(database.db, gateway, payer, assessment.id, { callbackUrl: 'https://pelak.example.ir/payments/callback' });
		const back = new URL(await gateway.settle(started.authority, true));
		expect((await completePayment(database.db, gateway, back.searchParams)).outcome).toBe('paid');
		const after = await database.db.selectFrom('cases').select('current_step').where('id', '=', one.case_id).executeTakeFirstOrThrow();
		expect(after.current_step).toBe('issue');
	});

	it('peoples every district of the sample, and each district’s officer and inspector find work', async () => {
		const { rows } = await sql<{ code: string; parcels: number }>`
			select d.code, (select count(*)::int from parcels p where p.district_id = d.id) as parcels from districts d order by d.code`.execute(database.db);
		expect(rows).toHaveLength(15);
		expect(rows.filter((d) => d.parcels < 50)).toEqual([]);
		for (const { code } of rows) {
			for (const username of [`officer.d${code}`, `inspector.d${code}`]) {
				const cases = await listCartable(database.db, await userNamed(username), 'unassigned');
				expect([username, cases.length > 0]).toEqual([username, true]);
			}
		}
	});

	it('gives the council dashboards figures in every district and every month', async () => {
		const today = tehranDate(new Date());
		const range = { from: addCalendarDays(today, -364), to: today };
		const report = await districtReport(database.db, range);
		expect(report.sample).toBe(true);
		const { rows: peopled } = await sql<{ id: number }>`select distinct district_id as id from parcels`.execute(database.db);
		for (const d of report.districts.filter((x) => peopled.some((p) => p.id === x.district.id))) {
			expect(d.requests_filed).toBeGreaterThan(0);
			expect(d.capacity_floor_area_m2).toBeGreaterThan(0);
		}
		expect(report.city.median_days_to_decision).toBeGreaterThan(0);
		expect(report.city.overdue_share).toBeGreaterThan(0);
		expect(report.city.overdue_share).toBeLessThan(1);
		expect(report.city.fees_paid_rial).toBeGreaterThan(0);
		const months = await monthlySeries(database.db, range, null);
		expect(months.filter((m) => m.requests_filed > 0).length).toBeGreaterThanOrEqual(12);
	});

	it('announces an office closure a few working days ahead, through the admin, moving the open deadlines past it', async () => {
		const closures = await database.db.selectFrom('office_closures').select([sql<string>`day::text`.as('day'), 'reason_fa', 'deadlines_moved']).execute();
		expect(closures).toHaveLength(1);
		const [closure] = closures;
		expect(closure.reason_fa).toContain('نمونه');
		expect(closure.day > tehranDate(new Date())).toBe(true);
		// the seeded city has open steps due after any day a few working days ahead
		expect(closure.deadlines_moved).toBeGreaterThan(0);
		const moved = await sql<{ n: number }>`
			select count(*)::int as n from case_events where action = 'deadline_moved' and details->>'closure' = ${closure.day}`.execute(database.db);
		expect(moved.rows[0].n).toBeGreaterThan(0);
		const audit = await database.db.selectFrom('audit_events').select(['details']).where('action', '=', 'admin.office_closure_recorded').execute();
		expect(audit).toEqual([{ details: { day: closure.day, deadlinesMoved: closure.deadlines_moved } }]);
	});

	it('is loaded once', async () => {
		expect(await loadSampleHistory(database.db)).toBeNull();
	});
});
