/**
 * SAMPLE ONLY. Puts the sample city's works where their status says they are in the life cycle,
 * once the sample tariff book is published: the check as if just filed (clashes, referrals, fee
 * bases) for works awaiting review or payment, the referrals of those awaiting review sent to their
 * agencies, fees assessed through the engine for works awaiting payment, paid fees and issued
 * permits for permitted ones, each in its inbox with its deadline
 * (some overdue: the emergencies not regularised in two working days), and a history entry
 * «نمونه — sample». Works already placed (check_result or holder set) are left alone.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { municipalCalendar } from '../calendar';
import { addCalendarDays, addWorkingDays, tehranDate, type IsoDate } from '../../domain/working-days';
import type { WorkState } from '../../domain/excavation/lifecycle';
import type { ExcavationStatus } from '../../domain/excavation/works';
import type { DrawnFeature } from '../../schemas/excavation';
import type { Assessment } from '../../domain/fees';
import { checkDrawing } from './check.service';
import { assessWork } from './fee.service';
import { issuePermit } from './permit.service';
import { findWork, insertEvent, insertReferrals, updateWork, type WorkUpdate } from './lifecycle.repository';
import { placeIn } from './lifecycle.service';

const SAMPLE_NOTE = 'نمونه — sample';

export async function seedSampleWorksLifecycle(db: Kysely<DB>, { now = new Date(), permits = true } = {}): Promise<number> {
	const calendar = municipalCalendar();
	const today = tehranDate(now);
	const { rows } = await sql<{ id: number; status: ExcavationStatus; emergency: boolean; features: DrawnFeature[]; start: IsoDate; end: IsoDate }>`
		select id, status, emergency, features, starts_on::text as start, ends_on::text as "end"
		from excavation_works
		where check_result is null and holder is null and status in ('planned', 'approved', 'permitted', 'active', 'completed', 'remedial', 'closed')
		order by id`.execute(db);
	let placed = 0;
	let k = 0;
	for (const row of rows) {
		k++;
		await db.transaction().execute(async (trx) => {
			const work = (await findWork(trx, row.id, { forUpdate: true }))!;
			const needsCheck = row.status === 'planned' || row.status === 'approved' || row.status === 'permitted' || (row.status === 'active' && row.emergency);
			const update: Partial<WorkUpdate> & { check_result?: string; regularise_by?: string } = {};
			let bases = null;
			let pendingReferrals = 0;
			if (needsCheck) {
				try {
					const { check, bases: b } = await checkDrawing(trx, { features: row.features, start: row.start, end: row.end, emergency: row.emergency }, undefined, { workId: row.id, now, calendar });
					bases = b;
					update.check_result = JSON.stringify({ ...check, fee_bases: b });
					// a dig awaiting review in a protected area waits on the agency, as a filed one does (its inbox)
					if (row.status === 'planned' && check.referrals.length) {
						await insertReferrals(trx, row.id, check.referrals);
						pendingReferrals = check.referrals.length;
					}
				} catch {
					// a sample drawing the check refuses keeps no check; it is still placed in its inbox
				}
			}
			const reviewed = !(row.status === 'planned' || (row.status === 'active' && row.emergency));
			const state: WorkState = { status: row.status, emergency: row.emergency, reviewed, pendingReferrals, permitIssued: !['planned', 'approved'].includes(row.status) && !row.emergency };
			const regulariseBy = row.emergency ? addWorkingDays(row.start, 2, calendar) : null;
			// half the remedial orders still running, half overdue
			const remedialDue = row.status === 'remedial' ? (k % 2 === 0 ? addWorkingDays(today, 5, calendar) : addCalendarDays(today, -4)) : null;
			if (reviewed) Object.assign(update, { reviewed_at: now });
			// a work awaiting payment is due on its bill's last day
			let billLastDay: IsoDate | null = null;
			if (row.status === 'approved' || (row.status === 'permitted' && permits)) {
				const fee = await assessWork(trx, work, bases ?? [], null, now);
				billLastDay = fee.billLastDay;
				Object.assign(update, { assessment_id: fee.assessmentId, deposit_rial: fee.depositRial });
				if (row.status === 'permitted') {
					await trx.updateTable('fee_assessments').set({ status: 'paid', paid_at: now }).where('id', '=', fee.assessmentId).where('status', '=', 'open').execute();
					const assessment = await trx.selectFrom('fee_assessments').select('lines').where('id', '=', fee.assessmentId).executeTakeFirstOrThrow();
					update.permit_document_id = await issuePermit(trx, { ...work, check_result: update.check_result ? JSON.parse(update.check_result) : null }, assessment.lines as Assessment, now);
				}
			}
			if (row.status === 'closed') Object.assign(update, { deposit_released_at: now, closed_at: now });
			const place = placeIn({ ...work }, state, { regularise_by: regulariseBy, remedial_due_on: remedialDue, bill_last_day: billLastDay }, now, calendar);
			const { check_result, regularise_by, ...rest } = update;
			await updateWork(trx, row.id, row.status, { ...rest, status: row.status, remedial_due_on: remedialDue, ...place }, now);
			await trx
				.updateTable('excavation_works')
				.set({ ...(check_result ? { check_result } : {}), regularise_by: regulariseBy ?? regularise_by ?? null })
				.where('id', '=', row.id)
				.execute();
			await insertEvent(trx, { work_id: row.id, at: now, actor_user_id: null, actor: 'system', action: 'sample', from_status: null, to_status: row.status, note: SAMPLE_NOTE, details: { holder: place.holder, due_on: place.due_on } });
			placed++;
		});
	}
	return placed;
}
