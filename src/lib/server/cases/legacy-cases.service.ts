import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { recordAudit } from '../auth/audit.repository';
import { BadInputError, ConflictError, type Bilingual } from '../errors';
import { toPersianDigits } from '../../domain/text';
import { LEGACY_OUTCOMES, LEGACY_OUTCOME_NAMES, type LegacyOutcome } from '../../domain/legacy-outcomes';
import { appendEvent } from './case-events.repository';
import { caseEnv, inTransaction } from './context';
import { caseErrors } from './errors';
import type { CaseRecord } from './cases.repository';
import { trustErrors } from './trust-errors';
import { officerRole } from './trust-actions.service';
import type { CaseContext } from './types';

/**
 * Cases imported from the city's previous system: filed before Pelak's workflows, so they carry no
 * request type. They stay open on their parcel (the map's open-case flag, the parcel panel) and block
 * a new request of their kind there, but no workflow step holds them, so no cartable showed them and
 * nobody could close them. The district officer lists the open ones of their district (oldest first)
 * and closes each with what became of it in the old system: the case, its timeline and `audit_events`
 * in one transaction. The parcel's open-case count and its tiles follow by the triggers on `cases`.
 */

// the outcomes and their names are client-safe: the audit page names them too
export { LEGACY_OUTCOMES, LEGACY_OUTCOME_NAMES, type LegacyOutcome };

/** The most rows the list shows at once (the oldest first; closing them brings the next). */
export const LEGACY_LIST_LIMIT = 500;

export interface LegacyCase {
	id: number;
	trackingCode: string;
	title: Bilingual;
	/** The step the previous system had reached, as imported. */
	step: Bilingual | null;
	openedAt: string;
	dueOn: string | null;
	parcelId: number;
	renovationCode: string;
	districtId: number | null;
}

const legacyErrors = {
	unknownOutcome: (given: string) =>
		new BadInputError('legacy_outcome_unknown', {
			fa: `${given ? `نتیجهٔ «${given}» شناخته نیست؛ ` : 'نتیجهٔ پرونده انتخاب نشده است؛ '}یکی از این‌ها را برگزینید: ${LEGACY_OUTCOMES.map((o) => LEGACY_OUTCOME_NAMES[o].fa).join('، ')}.`,
			en: `${given ? `Outcome "${given}" is unknown; ` : 'No outcome was chosen; '}choose one of: ${LEGACY_OUTCOMES.map((o) => LEGACY_OUTCOME_NAMES[o].en).join(', ')}.`
		}),
	notLegacy: (code: string) =>
		new ConflictError('case_not_legacy', {
			fa: `پروندهٔ ${toPersianDigits(code)} در گردش کار پلاک است، نه از سامانهٔ پیشین؛ آن را از صفحهٔ خودش پیش ببرید.`,
			en: `Case ${code} runs in Pelak's workflow, not imported from the previous system; work it from its own page.`
		}),
	closed: (code: string) =>
		new ConflictError('case_closed', {
			fa: `پروندهٔ ${toPersianDigits(code)} پیش‌تر بسته شده است.`,
			en: `Case ${code} is already closed.`
		})
};

/**
 * The districts whose imported cases the user lists: null for every district (an admin, or an officer of all).
 * @throws ForbiddenError for anyone but a district officer or an administrator
 */
function legacyDistricts(user: SessionUser): number[] | null {
	if (!worksLegacyCases(user)) throw trustErrors.officersOnly();
	if (user.roles.some((g) => g.role === 'admin')) return null;
	const grants = user.roles.filter((g) => g.role === 'district_officer');
	return grants.some((g) => g.districtId === null) ? null : grants.map((g) => g.districtId!);
}

/** Whether the user works imported cases at all (district officers and administrators). */
export function worksLegacyCases(user: SessionUser): boolean {
	return user.roles.some((g) => g.role === 'admin' || g.role === 'district_officer');
}

/** The list's statement: the open imported cases of `districts` (null: all), oldest first. */
export function legacyListQuery(districts: number[] | null) {
	return sql<
		Pick<CaseRecord, 'id' | 'tracking_code' | 'title_fa' | 'title_en' | 'step_fa' | 'step_en' | 'opened_at' | 'due_on' | 'parcel_id'> & {
			renovation_code: string;
			district_id: number | null;
		}
	>`
		select c.id, c.tracking_code, c.title_fa, c.title_en, c.step_fa, c.step_en, c.opened_at, c.due_on::text as due_on,
			c.parcel_id, p.renovation_code, p.district_id
		from cases c join parcels p on p.id = c.parcel_id
		where c.request_type is null and c.status = 'open'
			${districts === null ? sql`` : sql`and p.district_id = any(${districts}::int[]) and p.open_cases > 0`}
		order by c.opened_at, c.id
		limit ${LEGACY_LIST_LIMIT}`;
}

/**
 * The open imported cases of the user's districts, oldest first (at most LEGACY_LIST_LIMIT). A case's
 * district is its parcel's. An officer's: the district's parcels with an open case
 * (`parcels_district_open_cases_idx`), then their open cases; every district's: `cases_legacy_open_idx`
 * in order (migrations/0152; 37–43 ms and 10 ms in the 1M city, BENCHMARKS.md).
 * @throws ForbiddenError for anyone but a district officer or an administrator
 */
export async function listLegacyCases(db: Kysely<DB>, user: SessionUser): Promise<LegacyCase[]> {
	const { rows } = await legacyListQuery(legacyDistricts(user)).execute(db);
	return rows.map((r) => ({
		id: Number(r.id),
		trackingCode: r.tracking_code,
		title: { fa: r.title_fa, en: r.title_en ?? r.title_fa },
		step: r.step_fa ? { fa: r.step_fa, en: r.step_en ?? r.step_fa } : null,
		openedAt: new Date(r.opened_at).toISOString(),
		dueOn: r.due_on,
		parcelId: Number(r.parcel_id),
		renovationCode: r.renovation_code,
		districtId: r.district_id === null ? null : Number(r.district_id)
	}));
}

/**
 * Closes an open imported case with its outcome and the officer's note, in one transaction: the case
 * (closed, its step and reason the outcome), one timeline entry, one audit entry.
 * @throws NotFoundError for a case that does not exist or is not in the officer's districts
 * @throws ForbiddenError for anyone but a district officer or an administrator
 * @throws ConflictError for a workflow case or a closed one; BadInputError for an unknown outcome
 */
export async function closeLegacyCase(db: Kysely<DB>, user: SessionUser, caseId: number, outcome: unknown, note: unknown, ctx: CaseContext = {}): Promise<{ id: number; trackingCode: string }> {
	if (!worksLegacyCases(user)) throw trustErrors.officersOnly();
	if (!Number.isSafeInteger(caseId) || caseId <= 0) throw caseErrors.caseNotFound();
	const chosen = typeof outcome === 'string' ? outcome.trim() : '';
	if (!(LEGACY_OUTCOMES as readonly string[]).includes(chosen)) throw legacyErrors.unknownOutcome(chosen.slice(0, 60));
	const name = LEGACY_OUTCOME_NAMES[chosen as LegacyOutcome];
	const text = typeof note === 'string' && note.trim() ? note.trim().slice(0, 2000) : null;
	const env = await caseEnv(db, ctx);
	return inTransaction(db, env, async (trx) => {
		const { rows } = await sql<{ id: number; tracking_code: string; status: string; request_type: string | null; district_id: number | null; step_fa: string | null }>`
			select c.id, c.tracking_code, c.status, c.request_type, p.district_id, c.step_fa
			from cases c join parcels p on p.id = c.parcel_id
			where c.id = ${caseId}
			for update of c`.execute(trx);
		const record = rows[0];
		// the role the user closes it in, as for the other officers' actions; another district's case is not told apart from one that does not exist
		const role = record ? officerRole(user, record.district_id === null ? null : Number(record.district_id)) : null;
		if (!record || !role) throw caseErrors.caseNotFound();
		if (record.request_type !== null) throw legacyErrors.notLegacy(record.tracking_code);
		if (record.status !== 'open') throw legacyErrors.closed(record.tracking_code);
		const at = env.now.toISOString();
		await trx
			.updateTable('cases')
			.set({ status: 'closed', closed_at: at, closed_reason: text ? `${name.fa}: ${text}` : name.fa, step_fa: name.fa, step_en: name.en })
			.where('id', '=', caseId)
			.execute();
		await appendEvent(trx, {
			case_id: caseId,
			at,
			actor_user_id: user.id,
			actor_role: role,
			action: 'legacy_closed',
			from_step: record.step_fa,
			to_step: null,
			status: 'closed',
			due_on: null,
			text,
			details: { outcome: chosen },
			ip: env.ip
		});
		await recordAudit(trx, {
			action: 'case.legacy_closed',
			actorUserId: user.id,
			reason: text,
			details: { caseId, trackingCode: record.tracking_code, outcome: chosen },
			client: { ip: env.ip },
			at: env.now
		});
		return { id: caseId, trackingCode: record.tracking_code };
	});
}
