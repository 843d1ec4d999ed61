/**
 * The works cartables' SQL: one inbox at a time, each an index range scan in deadline order
 * (excavation_works_cartable_idx for the municipality's inboxes, excavation_works_org_cartable_idx
 * for a utility's), so the cost is the page read, whatever the number of works.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ExcavationPurpose, ExcavationStatus } from '../../domain/excavation/works';
import type { WorksInbox } from '../../domain/excavation/lifecycle';
import type { AgencyKind } from '../../domain/roles';
import type { Bilingual } from '../../i18n/lang';
import type { Queryable } from './footprint.repository';

export interface CartableRow {
	id: number;
	reference: string;
	organisation_name_fa: string;
	organisation_name_en: string | null;
	purpose: ExcavationPurpose;
	status: ExcavationStatus;
	emergency: boolean;
	holder: WorksInbox | null;
	due_on: string | null;
	start: string;
	end: string;
	area_m2: number;
}

const columns = sql`w.id, w.reference, o.name_fa as organisation_name_fa, o.name_en as organisation_name_en, w.purpose, w.status,
	w.emergency, w.holder, w.due_on::text as due_on, w.starts_on::text as start, w.ends_on::text as "end", w.area_m2`;

export interface InboxQuery {
	inbox: WorksInbox;
	/** a utility's inboxes: only these organisations' works */
	organisationIds?: readonly number[];
	/** a citizen's own works (the citizens' organisation) */
	applicantUserId?: number;
	/** only works due before this day (overdue) */
	dueBefore?: string | null;
	limit: number;
}

export function inboxQuery(q: InboxQuery): RawBuilder<CartableRow> {
	const scope = q.organisationIds
		? sql`and w.organisation_id = any(${[...q.organisationIds]}::int[])`
		: q.applicantUserId !== undefined
			? sql`and w.applicant_user_id = ${q.applicantUserId}::bigint`
			: sql``;
	return sql<CartableRow>`
		select ${columns}
		from excavation_works w join organisations o on o.id = w.organisation_id
		where w.holder = ${q.inbox} ${scope}
			${q.dueBefore ? sql`and w.due_on < ${q.dueBefore}::date` : sql``}
		order by w.due_on, w.id
		limit ${q.limit}::int`;
}

export async function selectInbox(db: Queryable, q: InboxQuery): Promise<CartableRow[]> {
	return (await inboxQuery(q).execute(db)).rows;
}

/** The latest works, all of them (excavation staff) or an organisation's / a citizen's own. */
export async function selectRecentWorks(
	db: Queryable,
	scope: { organisationIds?: readonly number[]; applicantUserId?: number },
	limit: number
): Promise<CartableRow[]> {
	const where = scope.organisationIds
		? sql`where w.organisation_id = any(${[...scope.organisationIds]}::int[])`
		: scope.applicantUserId !== undefined
			? sql`where w.applicant_user_id = ${scope.applicantUserId}::bigint`
			: sql`where w.status <> 'draft'`;
	const { rows } = await sql<CartableRow>`
		select ${columns}
		from excavation_works w join organisations o on o.id = w.organisation_id
		${where}
		order by w.id desc
		limit ${limit}::int`.execute(db);
	return rows;
}

export interface AgencyReferralRow {
	referral_id: number;
	agency_kind: AgencyKind;
	reason: Bilingual;
	work_id: number;
	reference: string;
	organisation_name_fa: string;
	organisation_name_en: string | null;
	purpose: ExcavationPurpose;
	emergency: boolean;
	start: string;
	end: string;
	area_m2: number;
	/** the officer's deadline for the work: the agency's answer is needed before it */
	due_on: string | null;
}

/**
 * The referrals waiting for these agencies, the oldest deadline first (excavation_referrals_pending_idx
 * keeps the pending ones apart). A referral once answered leaves this list, and with it the agency's access.
 */
export async function selectAgencyReferrals(db: Queryable, kinds: readonly AgencyKind[], limit: number): Promise<AgencyReferralRow[]> {
	if (kinds.length === 0) return [];
	const { rows } = await sql<AgencyReferralRow>`
		select r.id as referral_id, r.agency_kind, r.reason, w.id as work_id, w.reference, o.name_fa as organisation_name_fa,
			o.name_en as organisation_name_en, w.purpose, w.emergency, w.starts_on::text as start, w.ends_on::text as "end", w.area_m2,
			w.due_on::text as due_on
		from excavation_referrals r
			join excavation_works w on w.id = r.work_id
			join organisations o on o.id = w.organisation_id
		where r.status = 'pending' and r.agency_kind = any(${[...kinds]}::text[])
		order by w.due_on nulls last, r.id
		limit ${limit}::int`.execute(db);
	return rows;
}
