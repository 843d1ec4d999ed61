/**
 * Assessments in the database: the inputs are frozen with P read from the zone values layer, the
 * total is whole thousands of rials, the bill and payment ids validate, a re-assessment keeps the
 * file and counts the period up, and nothing assessed is ever rewritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildFeeWorld, feeTableCounts, P_A, P_B, P_C_1405, P_COMMERCIAL, type FeeWorld } from '../factories/fee-world';
import { assessForCase, assessForParcel, bookInForce, getAssessmentView, listCaseAssessments, zoneValueAtParcel } from '../../src/lib/server/fees';
import { validateBill, MUNICIPAL_CHARGES } from '../../src/lib/domain/bills';
import { addCalendarDays, tehranDate } from '../../src/lib/domain/working-days';

let database: TestDatabase;
let world: FeeWorld;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildFeeWorld(database.db);
});
afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

// 180 m² in one unit: K = 30 % (150–200 m²); 1-1 = 0.30 × P × 180
const PERMIT = { use: 'residential', floor_area: 180, units: 1, net_land_area: 200, base_density_pct: 120 } as const;

describe(`fee assessments (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('reads P at a parcel from the zone value covering most of it, for the use class and year', async () => {
		expect(await zoneValueAtParcel(database.db, world.parcel6, 'residential', 1404)).toMatchObject({ p_rial_per_m2: P_A, share: 0.75 });
		expect(await zoneValueAtParcel(database.db, world.parcel6b, 'residential', 1404)).toMatchObject({ p_rial_per_m2: P_B, share: 1 });
		expect(await zoneValueAtParcel(database.db, world.parcel6, 'commercial', 1404)).toMatchObject({ p_rial_per_m2: P_COMMERCIAL });
		// a year's own values win over undated ones once that year comes
		expect(await zoneValueAtParcel(database.db, world.parcel6, 'residential', 1405)).toMatchObject({ p_rial_per_m2: P_C_1405, jalali_year: 1405 });
		expect(await zoneValueAtParcel(database.db, world.parcel7, 'residential', 1404)).toBeNull();
	});

	it('freezes every input, P from the layer included, with itemised lines and a total in whole thousands', async () => {
		const stored = await assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: PERMIT, now: world.now, company_code: 123 });
		const row = await database.db.selectFrom('fee_assessments').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
		expect(row.inputs).toEqual({ ...PERMIT, P: P_A });
		expect(row.input_sources).toMatchObject({ P: { share: 0.75, source_ref: 'test' } });
		expect(row.book_id).toBe(world.bookId);
		expect(row.book_sha256).toBe((await bookInForce(database.db, 1404)).sha256);
		expect(row.engine_version).toBe(1);
		expect(row.parcel_id).toBe(world.parcel6);
		expect(row.total_rial).toBe(0.3 * P_A * 180);
		expect(row.total_rial % 1000).toBe(0);
		const [line] = stored.assessment.lines;
		expect(line).toMatchObject({ item_code: '1-1', formula: 'table(K_residential_single, floor_area) * P * floor_area', rounded_rial: 162_000_000 });
		expect(line.variables).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'P', value: P_A, unit: 'rial/m2' }),
				expect.objectContaining({ name: 'floor_area', value: 180, unit: 'm2' })
			])
		);
		expect(line.coefficients).toEqual([expect.objectContaining({ table: 'K_residential_single', value: 0.3 })]);
		expect(row.lines).toEqual(JSON.parse(JSON.stringify(stored.assessment)));
	});

	it('issues a bill and payment id of service type 6 that validate, for the assessed amount', async () => {
		const row = await database.db.selectFrom('fee_assessments').selectAll().orderBy('id').executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'open', period: 0 });
		const check = validateBill(row.bill_id!, row.payment_id!, { amount_rial: row.total_rial, service_type: MUNICIPAL_CHARGES });
		expect(check).toMatchObject({ valid: true, amount_rial: 162_000_000, service_type: 6, year_digit: 4, period: 0, problems: [] });
		// file id · company code 123 · service type 6 · check digit
		expect(row.bill_id).toMatch(new RegExp(`^${row.file_id}1236\\d$`));
		// payable to the end (in Iran) of the thirtieth day after the day of issue
		expect(tehranDate(new Date(row.expires_at))).toBe(addCalendarDays(tehranDate(world.now), 30));
		expect(tehranDate(new Date(new Date(row.expires_at).getTime() + 1))).toBe(addCalendarDays(tehranDate(world.now), 31));
	});

	it('keeps the file on a re-assessment: the period counts up and the open bill it replaces is cancelled', async () => {
		const first = await database.db.selectFrom('fee_assessments').selectAll().orderBy('id').executeTakeFirstOrThrow();
		const again = await assessForCase(database.db, { case_id: world.caseId, request_kind: 'building_permit', inputs: { ...PERMIT, floor_area: 190 }, now: world.now });
		expect(again.row).toMatchObject({ file_id: first.file_id, period: 1, status: 'open' });
		expect(again.row.bill_id!.slice(0, String(first.file_id).length)).toBe(String(first.file_id));
		expect(validateBill(again.row.bill_id!, again.row.payment_id!, { amount_rial: again.row.total_rial })).toMatchObject({ valid: true, period: 1 });
		const old = await database.db.selectFrom('fee_assessments').select(['status', 'closed_at']).where('id', '=', first.id).executeTakeFirstOrThrow();
		expect(old.status).toBe('cancelled');
		// another kind of request on the same case is another file
		const dig = await assessForCase(database.db, { case_id: world.caseId, request_kind: 'excavation', inputs: { dig_area: 30, surface: 'asphalt', road_class: 'arterial' }, now: world.now });
		expect(dig.row.file_id).not.toBe(first.file_id);
		expect(dig.row.inputs).not.toHaveProperty('P');
		expect(dig.row.total_rial).toBe(243_000_000);
	});

	it('takes a P given by hand over the layer, and says when the layer has none', async () => {
		const byHand = await assessForParcel(database.db, { parcel_id: world.parcel7, request_kind: 'building_permit', inputs: { ...PERMIT, P: 2_000_000 }, now: world.now });
		expect(byHand.row.inputs).toMatchObject({ P: 2_000_000 });
		expect(byHand.row.input_sources).toEqual({});
		const before = await feeTableCounts(database.db);
		await expect(assessForParcel(database.db, { parcel_id: world.parcel7, request_kind: 'building_permit', inputs: PERMIT, now: world.now })).rejects.toMatchObject({
			code: 'zone_value_not_found',
			status: 400
		});
		expect(await feeTableCounts(database.db)).toEqual(before);
	});

	it('refuses inputs the book does not accept, naming every problem, and changes nothing', async () => {
		const before = await feeTableCounts(database.db);
		const error = await assessForParcel(database.db, {
			parcel_id: world.parcel6,
			request_kind: 'building_permit',
			inputs: { ...PERMIT, floor_area: -5, flor_area: 10 },
			now: world.now
		}).catch((e) => e);
		expect(error.code).toBe('assessment_inputs_invalid');
		expect(error.problems.map((p: { code: string; variable?: string }) => `${p.code}:${p.variable}`)).toEqual(
			expect.arrayContaining(['out_of_range:floor_area', 'unknown_input:flor_area'])
		);
		expect(error.messages.en).toContain('floor_area');
		expect(error.messages.fa).toContain('flor_area');
		await expect(assessForParcel(database.db, { parcel_id: 999_999, request_kind: 'building_permit', inputs: PERMIT, now: world.now })).rejects.toMatchObject({ code: 'parcel_not_found' });
		await expect(assessForParcel(database.db, { parcel_id: world.parcel7, case_id: world.caseId, request_kind: 'building_permit', inputs: PERMIT, now: world.now })).rejects.toMatchObject({
			code: 'case_parcel_mismatch'
		});
		expect(await feeTableCounts(database.db)).toEqual(before);
	});

	it('records nothing to pay, and no bill, when no item applies', async () => {
		const none = await assessForParcel(database.db, { parcel_id: world.parcel6b, request_kind: 'demolition', inputs: {}, now: world.now });
		expect(none.row).toMatchObject({ total_rial: 0, status: 'nothing_due', bill_id: null, payment_id: null });
	});

	it('never rewrites what was assessed: the database refuses it', async () => {
		const { id } = await database.db.selectFrom('fee_assessments').select('id').where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();
		await expect(sql`update fee_assessments set total_rial = 1000 where id = ${id}`.execute(database.db)).rejects.toThrow(/frozen/);
		await expect(sql`update fee_assessments set inputs = '{}'::jsonb where id = ${id}`.execute(database.db)).rejects.toThrow(/frozen/);
		await expect(sql`delete from fee_assessments where id = ${id}`.execute(database.db)).rejects.toThrow(/frozen/);
	});

	it('shows the assessment to the case’s applicant and its district’s staff, and to no one else', async () => {
		const { id } = await database.db.selectFrom('fee_assessments').select('id').where('case_id', '=', world.caseId).where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();
		const mine = await getAssessmentView(database.db, world.users.maryam, id, { now: world.now });
		expect(mine).toMatchObject({ side: 'payer', canPay: true, case: { trackingCode: 'FEE-0001' }, book: { sample: true } });
		expect(mine.bill?.barcode).toHaveLength(26);
		// a coefficient's keys read by the labels of the variables its table is keyed by
		expect(mine.tableDimensions).toMatchObject({ M_floor: ['floor_level', 'use'], R_surface: ['surface'], C_road: ['road_class'] });
		expect(mine.valueLabels.surface.asphalt).toEqual({ fa: 'آسفالت', en: expect.stringMatching(/asphalt/i) });
		expect((await getAssessmentView(database.db, world.users.officer6, id, { now: world.now })).side).toBe('staff');
		for (const stranger of [world.users.ali, world.users.officer7, world.users.heritage]) {
			await expect(getAssessmentView(database.db, stranger, id, { now: world.now })).rejects.toMatchObject({ code: 'assessment_not_found', status: 404 });
		}
		// a parcel-only assessment is for staff of the parcel's district
		const { id: parcelOnly } = await database.db.selectFrom('fee_assessments').select('id').where('case_id', 'is', null).where('parcel_id', '=', world.parcel7).executeTakeFirstOrThrow();
		expect((await getAssessmentView(database.db, world.users.officer7, parcelOnly, { now: world.now })).side).toBe('staff');
		await expect(getAssessmentView(database.db, world.users.officer6, parcelOnly, { now: world.now })).rejects.toMatchObject({ code: 'assessment_not_found' });
		// past its last day an open bill shows as expired and cannot be paid
		const late = await getAssessmentView(database.db, world.users.maryam, id, { now: new Date(world.now.getTime() + 31 * 86_400_000) });
		expect(late).toMatchObject({ status: 'expired', canPay: false });
	});

	it('lists a case’s assessments, newest first, for its applicant and staff only', async () => {
		const mine = await listCaseAssessments(database.db, world.users.maryam, world.caseId, { now: world.now });
		expect(mine.side).toBe('payer');
		expect(mine.assessments.map((a) => a.status)).toEqual(['open', 'open', 'cancelled']);
		expect(mine.assessments.map((a) => a.requestKind)).toEqual(['excavation', 'building_permit', 'building_permit']);
		expect((await listCaseAssessments(database.db, world.users.officer6, world.caseId, { now: world.now })).side).toBe('staff');
		await expect(listCaseAssessments(database.db, world.users.ali, world.caseId)).rejects.toMatchObject({ code: 'case_not_found', status: 404 });
	});
});
