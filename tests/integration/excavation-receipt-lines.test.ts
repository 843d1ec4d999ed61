/**
 * An excavation's bill and receipt itemise the fee once for each kind of ground the dig breaks, so
 * one tariff item appears on several lines; each line names its part of the dig (surface, street
 * class, area) on the bill page, the receipt page and the receipt PDF, on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildExcavationWorld, fileTrenchAssessedOn, type ExcavationWorld } from '../factories/excavation-world';
import { staffUser } from '../factories/staff';
import { actOnWork } from '../../src/lib/server/excavation';
import type { SessionUser } from '../../src/lib/server/auth';
import { getAssessmentView, seedSampleTariffBook } from '../../src/lib/server/fees';
import { completePayment, SandboxGateway, startPayment } from '../../src/lib/server/payments';
import { getReceipt, receiptSpec } from '../../src/lib/server/payments/receipt';
import { receiptContent } from '../../src/lib/server/permits/receipt-pdf.service';
import { lineBasisDetail } from '../../src/lib/domain/fees/line-basis';

const NOW = new Date('2026-11-30T05:30:00Z');
const CALLBACK = 'http://pelak.test/payments/callback';

let database: TestDatabase;
let world: ExcavationWorld;
let gateway: SandboxGateway;
let applicant: SessionUser;
let officer: SessionUser;
let workId: number;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildExcavationWorld(database.db);
	await seedSampleTariffBook(database.db, 1405, { now: NOW });
	gateway = new SandboxGateway(database.db, () => NOW);
	applicant = await staffUser(database.db, 'water.applicant', { role: 'utility_applicant', organisationId: world.water });
	officer = await staffUser(database.db, 'excavation.officer', { role: 'excavation_officer' });
	// a dig across two kinds of ground: the fee is assessed on each
	workId = await fileTrenchAssessedOn(database.db, applicant, [
		{ surface: 'asphalt', road_class: 'arterial', recently_paved: false, area_m2: 12 },
		{ surface: 'paving', road_class: 'local', recently_paved: false, area_m2: 6 }
	]);
});
afterAll(async () => {
	await database?.close();
});

describe(`the lines of an excavation bill (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
	it('names the ground each line of one item was charged on, on the bill, the receipt and its PDF', async () => {
		const work = await actOnWork(database.db, officer, workId, { action: 'approve' }, { now: NOW });
		const assessmentId = work.assessment_id!;

		const bill = await getAssessmentView(database.db, applicant, assessmentId, { now: NOW });
		const charged = bill.lines.filter((l) => l.item_code === '2-1');
		expect(charged).toHaveLength(2);
		expect(charged.map((l) => lineBasisDetail(l, bill.valueLabels)?.fa)).toEqual(['رویهٔ آسفالت، معبر شریانی، ۱۲ مترمربع', 'رویهٔ سنگ‌فرش و موزاییک، معبر محلی، ۶ مترمربع']);

		const started = await startPayment(database.db, gateway, applicant, assessmentId, { callbackUrl: CALLBACK, now: NOW });
		const back = new URL(await gateway.settle(started.authority, true));
		const paid = await completePayment(database.db, gateway, back.searchParams, { now: NOW });
		expect(paid.outcome).toBe('paid');

		const spec = receiptSpec(await getReceipt(database.db, applicant, paid.paymentRowId));
		const lines = spec.lines.filter((l) => l.itemCode === '2-1');
		expect(lines.map((l) => l.detail?.en)).toEqual(['Asphalt surface, Arterial street, 12 m²', 'Paving stones surface, Local street, 6 m²']);
		// every line of the PDF reads differently from the others
		const items = receiptContent(spec, null).sections.find((x) => x.kind === 'items')!;
		const titles = items.kind === 'items' ? items.rows.map((r) => r.title) : [];
		expect(titles.length).toBe(spec.lines.length);
		expect(new Set(titles).size).toBe(titles.length);
		expect(titles.filter((t) => t.includes('رویهٔ آسفالت، معبر شریانی'))).toHaveLength(spec.lines.filter((l) => l.detail?.fa.startsWith('رویهٔ آسفالت')).length);
	});
});
