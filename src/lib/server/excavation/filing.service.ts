/**
 * Filing a work (`POST /api/excavations`): the server re-runs the check in the same transaction
 * as it records the work, so what was refused can never be recorded and what is recorded is what
 * was checked. A moratorium or calendar ban (unless an emergency) refuses with 409 naming it; bad
 * geometry with 400, a start date in the past (before today; for an emergency more than 3 days
 * before) with 400. Emergency works are under way at once and must be regularised within two
 * working days.
 */
import { excavationReference } from '../../domain/excavation/reference';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { hasRole } from '../auth/guards';
import { workingCalendarOf } from '../calendar/closures';
import { BadInputError, ConflictError } from '../errors';
import { jalaliYearAt } from '../fees';
import { dueDate, type WorkingCalendar } from '../../domain/working-days';
import { STEP_WORKING_DAYS } from '../../domain/excavation/lifecycle';
import { CLASHING_STATUSES, worksCategory } from '../../domain/excavation/works';
import { toPersianDigits } from '../../domain/text';
import type { ExcavationFiled } from '../../api/excavation';
import type { ExcavationFilingInput } from '../../schemas/excavation-filing';
import { assertStartNotPast, checkDrawing } from './check.service';
import type { Queryable } from './footprint.repository';
import { excavationSettings, type ExcavationSettings } from './settings';
import { insertWork } from './works.repository';
import { insertEvent, insertReferrals } from './lifecycle.repository';
import { CITIZENS_ORGANISATION, notAnApplicant, organisationsOf, signInRequired } from './actors';
import { placeIn } from './lifecycle.service';

/** The organisation the user files for: their utility, or the citizens' for a citizen's own house connection. */
async function filingOrganisation(db: Queryable, user: SessionUser, input: ExcavationFilingInput): Promise<number> {
	const [own] = organisationsOf(user, 'utility_applicant');
	if (own !== undefined) return own;
	if (user.kind === 'citizen' && hasRole(user, 'citizen')) {
		if (input.purpose !== 'new_connection') {
			throw new BadInputError('citizen_new_connection_only', {
				fa: 'شهروندان فقط برای انشعاب خانگی (purpose = new_connection) درخواست حفاری ثبت می‌کنند.',
				en: 'Citizens file excavation applications for a house connection only (purpose = new_connection).'
			});
		}
		const row = await db.selectFrom('organisations').select('id').where('code', '=', CITIZENS_ORGANISATION).executeTakeFirst();
		if (row) return row.id;
	}
	throw notAnApplicant();
}

/** The work's reference from its id; imported works may hold any reference, so a taken one gets a suffix (each try one unique-index lookup). */
async function freeReference(db: Queryable, base: string): Promise<string> {
	for (let n = 1; ; n++) {
		const candidate = n === 1 ? base : `${base}-${n}`;
		const taken = await db.selectFrom('excavation_works').select('id').where('reference', '=', candidate).executeTakeFirst();
		if (!taken) return candidate;
	}
}

export interface FilingEnv {
	now?: Date;
	calendar?: WorkingCalendar;
	settings?: ExcavationSettings;
}

export async function fileWork(db: Kysely<DB> | Transaction<DB>, user: SessionUser | null, input: ExcavationFilingInput, env: FilingEnv = {}): Promise<ExcavationFiled> {
	if (!user) throw signInRequired();
	const now = env.now ?? new Date();
	const calendar = env.calendar ?? (await workingCalendarOf(db));
	const organisationId = await filingOrganisation(db, user, input);
	assertStartNotPast(input, now);

	const run = async (trx: Queryable): Promise<ExcavationFiled> => {
		const { check, drawing, bases } = await checkDrawing(trx, input, env.settings ?? excavationSettings(), { now, calendar });
		const refusals = [...check.moratoriums, ...check.blackouts].filter((x) => x.refuses);
		if (refusals.length > 0) {
			throw new ConflictError(check.moratoriums.some((m) => m.refuses) ? 'moratorium' : 'blackout', {
				fa: refusals.map((r) => r.message.fa).join(' '),
				en: refusals.map((r) => r.message.en).join(' ')
			});
		}
		if (input.sharedTrenchOf !== null) {
			const host = await trx.selectFrom('excavation_works').select('status').where('id', '=', input.sharedTrenchOf).executeTakeFirst();
			if (!host || !(CLASHING_STATUSES as readonly string[]).includes(host.status)) {
				throw new BadInputError('shared_trench_not_found', {
					fa: toPersianDigits(`کاری با شناسهٔ ${input.sharedTrenchOf} که ترانشه‌اش در دست بررسی یا اجرا باشد پیدا نشد.`),
					en: `No works with id ${input.sharedTrenchOf} whose trench is planned or under way.`
				});
			}
		}
		const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('excavation_works', 'id'))::int as id`.execute(trx);
		const id = rows[0].id;
		const reference = await freeReference(trx, excavationReference(jalaliYearAt(now), id));
		const category = worksCategory(input.start, input.end, input.emergency);
		const status = input.emergency ? 'active' : 'planned';
		const regulariseBy = input.emergency ? dueDate(now, STEP_WORKING_DAYS.regularise, calendar) : null;
		const state = { status, emergency: input.emergency, reviewed: false, pendingReferrals: check.referrals.length, permitIssued: false } as const;
		const place = placeIn({ category, start: input.start, end: input.end }, state, { regularise_by: regulariseBy }, now, calendar);
		await insertWork(trx, {
			id,
			reference,
			organisation_id: organisationId,
			applicant_user_id: user.id,
			purpose: input.purpose,
			category,
			emergency: input.emergency,
			status,
			starts_on: input.start,
			ends_on: input.end,
			shared_trench_of: input.sharedTrenchOf,
			features: input.features,
			footprint: drawing.footprint,
			length_m: drawing.length_m,
			description: input.description,
			check_result: JSON.stringify({ ...check, fee_bases: bases }),
			regularise_by: regulariseBy,
			started_at: input.emergency ? now : null,
			created_at: now,
			updated_at: now,
			...place
		});
		await insertReferrals(trx, id, check.referrals);
		await insertEvent(trx, {
			work_id: id,
			at: now,
			actor_user_id: user.id,
			actor: 'applicant',
			action: input.emergency ? 'filed_emergency' : 'filed',
			from_status: null,
			to_status: status,
			note: input.description,
			details: { clashes: check.clashes.map((c) => c.id), referrals: check.referrals.length, fee_total_rial: check.fee.total_rial, holder: place.holder, due_on: place.due_on }
		});
		return { id, reference, status, url: `/excavations/${id}` };
	};
	// Given a transaction (a bench that rolls back, a caller's larger step), it runs inside it.
	return db.isTransaction ? run(db) : db.transaction().execute(run);
}
