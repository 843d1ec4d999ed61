import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { addCalendarDays, addWorkingDays, isWorkingDay, previousWorkingDay, tehranDate, weekday, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
import { municipalCalendar, officialHolidayOn } from './index';
import { BadInputError, DomainError } from '../errors';

/**
 * Days the offices close outside the official calendar (migrations/0154_office_closures.sql): a day
 * off announced for air pollution, heat or a power shortage. They are the database's, so that every
 * instance of the app counts them alike; each deadline computed reads them first
 * (`workingCalendarOf`), and recording one moves the open deadlines it falls within, in the same
 * transaction (`moveDeadlines`); withdrawing one before its day moves them back. A deadline computed
 * in the very instant a closure is being recorded (read before that commit, written after it) keeps
 * the day it was given: the window is one transaction's length, a few times a year, and that
 * deadline is no worse than before.
 */

export interface OfficeClosure {
	day: IsoDate;
	reasonFa: string;
	reasonEn: string | null;
	recordedBy: string | null;
	recordedAt: Date;
	deadlinesMoved: number;
}

/** How far ahead a closure may be recorded: announced days off are days, at most weeks, ahead. */
export const CLOSURE_MAX_DAYS_AHEAD = 90;

type Reader = Kysely<DB> | Transaction<DB>;

async function closureDays(db: Reader): Promise<IsoDate[]> {
	const { rows } = await sql<{ day: IsoDate }>`select day::text as day from office_closures order by day`.execute(db);
	return rows.map((r) => r.day);
}

// the calendar of the last set of days read, reused while the set is the same (it is rebuilt from ~330 dates)
let cached: { key: string; calendar: WorkingCalendar } | null = null;

/** The municipality's working calendar with the closures recorded now: Fridays, Thursdays, official holidays and these. */
export async function workingCalendarOf(db: Reader): Promise<WorkingCalendar> {
	const days = await closureDays(db);
	const key = days.join(',');
	if (cached?.key !== key) cached = { key, calendar: municipalCalendar({ extraHolidays: days }) };
	return cached.calendar;
}

/** The closures from `from` on (the recent past and what is announced), in date order. */
export async function listOfficeClosures(db: Reader, from: IsoDate): Promise<OfficeClosure[]> {
	const { rows } = await sql<{ day: IsoDate; reason_fa: string; reason_en: string | null; recorded_by: string | null; recorded_at: Date; deadlines_moved: number }>`
		select c.day::text as day, c.reason_fa, c.reason_en, u.display_name as recorded_by, c.recorded_at, c.deadlines_moved
		from office_closures c left join users u on u.id = c.recorded_by
		where c.day >= ${from}::date
		order by c.day`.execute(db);
	return rows.map((r) => ({ day: r.day, reasonFa: r.reason_fa, reasonEn: r.reason_en, recordedBy: r.recorded_by, recordedAt: r.recorded_at, deadlinesMoved: r.deadlines_moved }));
}

export interface ClosureInput {
	day: IsoDate;
	reasonFa: string;
	reasonEn?: string | null;
}

/**
 * Why a day cannot be recorded as a closure, or null. From today (Tehran) to CLOSURE_MAX_DAYS_AHEAD
 * ahead: a past day's deadlines have run their course and are not reopened here. A day the offices
 * are closed anyway (a Friday, a Thursday, an official holiday) moves nothing and is refused.
 */
export function closureRefusal(day: IsoDate, now: Date, calendar: WorkingCalendar): { code: string; fa: string; en: string } | null {
	const today = tehranDate(now);
	if (day < today) return { code: 'closure_past', fa: 'تعطیلی روزهای گذشته را نمی‌توان ثبت کرد: امروز یا روزهای آینده را انتخاب کنید.', en: 'A past day cannot be recorded as a closure: choose today or a later day.' };
	if (day > addCalendarDays(today, CLOSURE_MAX_DAYS_AHEAD)) {
		return { code: 'closure_too_far', fa: `تعطیلی را حداکثر ${CLOSURE_MAX_DAYS_AHEAD} روز پیش از آن می‌توان ثبت کرد.`, en: `A closure can be recorded at most ${CLOSURE_MAX_DAYS_AHEAD} days ahead.` };
	}
	if (!isWorkingDay(day, calendar)) {
		const holiday = officialHolidayOn(day);
		if (holiday) return { code: 'closure_holiday', fa: `این روز تعطیل رسمی است (${holiday.name.fa}).`, en: `That day is an official holiday (${holiday.name.en}).` };
		if (weekday(day) === 5 || weekday(day) === 4) return { code: 'closure_weekend', fa: 'ادارات در این روز هفته تعطیل‌اند.', en: 'The offices are closed on that day of the week.' };
		return { code: 'closure_exists', fa: 'تعطیلی این روز پیش‌تر ثبت شده است.', en: 'A closure is already recorded for that day.' };
	}
	return null;
}

function cleanReason(text: string | null | undefined): string | null {
	const value = String(text ?? '').replace(/\s+/g, ' ').trim();
	return value || null;
}

/**
 * Records a closure and moves, by one working day, every open deadline on or after it: the cases'
 * current steps (each case's timeline gets an entry saying why), citizens' open tasks, open referrals
 * to agencies, and the excavation works' current deadlines (a step's, an emergency's regularisation,
 * a remedial order's); a case or a work waiting to be paid stays due on its bill's last day. Runs in the caller's transaction; returns how many deadlines moved.
 */
export async function recordClosure(trx: Transaction<DB>, actor: { id: number }, input: ClosureInput, context: { now: Date; ip: string | null }): Promise<{ moved: number }> {
	const reasonFa = cleanReason(input.reasonFa);
	const reasonEn = cleanReason(input.reasonEn);
	if (!reasonFa || reasonFa.length > 200 || (reasonEn && reasonEn.length > 200)) {
		throw new BadInputError('closure_reason', { fa: 'علت تعطیلی را (حداکثر ۲۰۰ نویسه) بنویسید؛ متقاضیان آن را در پرونده می‌بینند.', en: 'Give the reason for the closure (200 characters at most); applicants see it in their cases.' });
	}
	// one closure recorded at a time, so that two recorded together each see the other's day
	await sql`lock table office_closures in share row exclusive mode`.execute(trx);
	const before = await workingCalendarOf(trx);
	const refusal = closureRefusal(input.day, context.now, before);
	if (refusal) throw (refusal.code === 'closure_exists' ? new DomainError(409, refusal.code, refusal) : new BadInputError(refusal.code, refusal));
	await trx.insertInto('office_closures').values({ day: input.day, reason_fa: reasonFa, reason_en: reasonEn, recorded_by: actor.id, recorded_at: context.now }).execute();
	const after = await workingCalendarOf(trx);
	const moved = await moveDeadlines(trx, input.day, (due) => addWorkingDays(due, 1, after), {
		action: 'deadline_moved',
		actorId: actor.id,
		at: context.now,
		reason: reasonFa,
		ip: context.ip,
		// the English reason too, for the timeline read in English
		details: reasonEn ? { closure: input.day, reason_en: reasonEn } : { closure: input.day }
	});
	await trx.updateTable('office_closures').set({ deadlines_moved: moved }).where('day', '=', input.day).execute();
	return { moved };
}

/** Whether a closure can still be withdrawn: until its day begins (Tehran), when every open deadline past it was computed before it. */
export function closureWithdrawable(day: IsoDate, now: Date): boolean {
	return day > tehranDate(now);
}

/**
 * Withdraws a closure announced for a later day (the governor's office called it off): the day is a
 * working day again and every open deadline after it moves back by one working day, in the caller's
 * transaction, each case's timeline saying why. Exact because every open deadline was computed
 * before the day (from today at the latest), so those past it counted it as a day off. Today's or an
 * earlier day's closure has been worked by (or is being); it is not withdrawn. Returns how many moved.
 */
export async function withdrawClosure(trx: Transaction<DB>, actor: { id: number }, input: { day: IsoDate; reasonFa: string }, context: { now: Date; ip: string | null }): Promise<{ moved: number }> {
	const reasonFa = cleanReason(input.reasonFa);
	if (!reasonFa || reasonFa.length > 200) {
		throw new BadInputError('closure_withdrawal_reason', { fa: 'علت لغو تعطیلی را (حداکثر ۲۰۰ نویسه) بنویسید؛ متقاضیان آن را در پرونده می‌بینند.', en: 'Give the reason the closure is withdrawn (200 characters at most); applicants see it in their cases.' });
	}
	await sql`lock table office_closures in share row exclusive mode`.execute(trx);
	const removed = await trx.deleteFrom('office_closures').where('day', '=', input.day).returning('day').executeTakeFirst();
	if (!removed) throw new DomainError(404, 'closure_not_found', { fa: 'برای این روز تعطیلی‌ای ثبت نشده است.', en: 'No closure is recorded for that day.' });
	if (!closureWithdrawable(input.day, context.now)) {
		throw new BadInputError('closure_started', { fa: 'تعطیلی امروز یا روزهای گذشته را نمی‌توان لغو کرد؛ فقط تعطیلی روزهای آینده لغوشدنی است.', en: "Today's or a past day's closure cannot be withdrawn; only a later day's can." });
	}
	const after = await workingCalendarOf(trx);
	const moved = await moveDeadlines(trx, addCalendarDays(input.day, 1), (due) => previousWorkingDay(due, after), {
		action: 'deadline_restored',
		actorId: actor.id,
		at: context.now,
		reason: reasonFa,
		ip: context.ip,
		details: { withdrawnClosure: input.day }
	});
	return { moved };
}

/**
 * The open deadlines on or after `from`, each moved to `to(due)`: the cases' current steps (each
 * case's timeline gets an `entry.action` entry with `entry.reason` and `entry.details` plus the old
 * day), citizens' open tasks, open referrals, and the excavation works' current deadlines.
 */
async function moveDeadlines(
	trx: Transaction<DB>,
	from: IsoDate,
	to: (due: IsoDate) => IsoDate,
	entry: { action: 'deadline_moved' | 'deadline_restored'; actorId: number; at: Date; reason: string; ip: string | null; details: Record<string, string> }
): Promise<number> {
	const { rows } = await sql<{ due: IsoDate }>`
		select due::text as due from (
			select due_on as due from cases where workflow_status = 'in_progress' and due_on >= ${from}::date
			union select due_on from case_tasks where status = 'open' and due_on >= ${from}::date
			union select due_on from case_referrals where status = 'open' and due_on >= ${from}::date
			union select due_on from excavation_works where holder is not null and due_on >= ${from}::date
			union select regularise_by from excavation_works where holder is not null and regularise_by >= ${from}::date
			union select remedial_due_on from excavation_works where holder is not null and remedial_due_on >= ${from}::date
		) d`.execute(trx);
	if (rows.length === 0) return 0;
	// a few hundred distinct days at most: the new day of each is worked out here, and every table updated by one join
	const moves = sql.join(rows.map((r) => sql`(${r.due}::date, ${to(r.due)}::date)`));
	const details = JSON.stringify(entry.details);
	const cases = await sql<{ n: number }>`
		with moves (old_due, new_due) as (values ${moves}),
		moved as (
			update cases c set due_on = m.new_due from moves m
			where c.workflow_status = 'in_progress' and c.due_on = m.old_due
			  -- a case waiting to be paid is due when its bill is (fees/case-billing): paid online, a bill's
			  -- last day does not move for a closed office, and the case stays due with it
			  and not (c.waiting is null and exists (
			    select 1 from fee_assessments a
			    where a.case_id = c.id and a.status = 'open'
			      and ((a.expires_at at time zone 'UTC') + interval '210 minutes')::date = c.due_on))
			returning c.id, c.current_step, c.workflow_status, c.due_on, m.old_due
		),
		logged as (
			insert into case_events (case_id, at, actor_user_id, actor_role, action, from_step, to_step, status, due_on, text, details, ip)
			select id, ${entry.at}, ${entry.actorId}, 'admin', ${entry.action}, current_step, current_step, workflow_status, due_on, ${entry.reason},
			       ${details}::jsonb || jsonb_build_object('from', old_due::text), ${entry.ip}
			from moved
			returning 1
		)
		select count(*)::int as n from logged`.execute(trx);
	const works = await sql<{ n: number }>`
		with moves (old_due, new_due) as (values ${moves}),
		moved as (
			update excavation_works w set
				due_on = coalesce((select m.new_due from moves m where m.old_due = w.due_on), w.due_on),
				regularise_by = coalesce((select m.new_due from moves m where m.old_due = w.regularise_by), w.regularise_by),
				remedial_due_on = coalesce((select m.new_due from moves m where m.old_due = w.remedial_due_on), w.remedial_due_on)
			where w.holder is not null and (w.due_on >= ${from}::date or w.regularise_by >= ${from}::date or w.remedial_due_on >= ${from}::date)
			  -- a work waiting to be paid is due when its bill is (excavation/fee.service): its bill's last day
			  -- does not move for a closed office, and the work stays due with it (its other dates are past steps')
			  and not (w.holder = 'applicant' and exists (
			    select 1 from fee_assessments a
			    where a.id = w.assessment_id and a.status = 'open'
			      and ((a.expires_at at time zone 'UTC') + interval '210 minutes')::date = w.due_on))
			returning w.id, w.status
		),
		logged as (
			insert into excavation_work_events (work_id, at, actor_user_id, actor, action, from_status, to_status, note, details)
			select id, ${entry.at}, ${entry.actorId}, 'system', ${entry.action}, status, status, ${entry.reason}, ${details}::jsonb
			from moved
			returning 1
		)
		select count(*)::int as n from logged`.execute(trx);
	let moved = cases.rows[0].n + works.rows[0].n;
	for (const table of ['case_tasks', 'case_referrals'] as const) {
		const result = await sql`
			with moves (old_due, new_due) as (values ${moves})
			update ${sql.table(table)} t set due_on = m.new_due from moves m
			where t.status = 'open' and t.due_on = m.old_due`.execute(trx);
		moved += Number(result.numAffectedRows ?? 0);
	}
	return moved;
}
