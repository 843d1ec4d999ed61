import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AgencyKind, CaseWorkflowStatus, DB } from '../db/schema';
import type { Executor } from './cases.repository';
import { parcelEngineerUserSql } from '../supervision/assignments.repository';

/** Lists of cases: a user's own, and a cartable. One row shape for both. */
export interface CaseListRow {
	id: number;
	tracking_code: string;
	parcel_id: number;
	renovation_code: string | null;
	request_type: string;
	workflow_status: CaseWorkflowStatus;
	current_step: string;
	waiting: Record<string, unknown> | null;
	holder_role: string | null;
	holder_agency_kind: AgencyKind | null;
	assigned_user_id: number | null;
	due_on: string | null;
	filed_online: boolean;
	opened_at: Date;
	closed_at: Date | null;
	open_tasks: number;
}

function listQuery(db: Executor) {
	return db
		.selectFrom('cases as c')
		.leftJoin('parcels as p', 'p.id', 'c.parcel_id')
		.select([
			'c.id',
			'c.tracking_code',
			'c.parcel_id',
			'p.renovation_code',
			sql<string>`c.request_type`.as('request_type'),
			sql<CaseWorkflowStatus>`c.workflow_status`.as('workflow_status'),
			sql<string>`c.current_step`.as('current_step'),
			'c.waiting',
			'c.holder_role',
			'c.holder_agency_kind',
			'c.assigned_user_id',
			sql<string | null>`c.due_on::text`.as('due_on'),
			'c.filed_online',
			'c.opened_at',
			'c.closed_at',
			sql<number>`(select count(*)::int from case_tasks t where t.case_id = c.id and t.status = 'open')`.as('open_tasks')
		])
		.where('c.request_type', 'is not', null);
}

export async function listCasesOf(db: Executor, userId: number, asRepresentative: boolean): Promise<CaseListRow[]> {
	return listQuery(db)
		.where((eb) =>
			asRepresentative
				? eb.or([eb('c.applicant_user_id', '=', userId), eb.and([eb('c.representative_user_id', '=', userId), eb('c.poa_status', '=', 'accepted')])])
				: eb('c.applicant_user_id', '=', userId)
		)
		.orderBy('c.opened_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute() as Promise<CaseListRow[]>;
}

/** Conditions, in SQL, that the case's current holder is one of these grants. */
export interface HolderScope {
	/** staff roles with their districts; null districts = city-wide */
	staff: { role: string; districtIds: number[] | null }[];
	agencies: AgencyKind[];
}

export interface CartableFilter {
	scope: HolderScope;
	/** Districts (null = all) and agencies whose closed cases the user may list. */
	visibleDistricts: number[] | null | 'none';
	tab: 'mine' | 'unassigned' | 'overdue' | 'closed';
	userId: number;
	today: string;
	limit: number;
}

export async function listCartableRows(db: Executor, f: CartableFilter): Promise<CaseListRow[]> {
	let query = listQuery(db);
	const holds = (eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>): Expression<SqlBool> => {
		const parts: Expression<SqlBool>[] = [];
		for (const s of f.scope.staff) {
			parts.push(
				eb.and([
					eb('c.holder_role', '=', s.role),
					s.districtIds === null
						? eb.lit(true)
						: eb.or([eb('c.holder_district_id', 'is', null), ...(s.districtIds.length ? [eb('c.holder_district_id', 'in', s.districtIds)] : [])]),
					// an engineer's step lists only for the engineer supervising the building's permit
					s.role === 'supervising_engineer' ? sql<SqlBool>`${parcelEngineerUserSql(sql`c.parcel_id`)} = ${f.userId}` : eb.lit(true)
				])
			);
		}
		if (f.scope.agencies.length) parts.push(eb.and([eb('c.holder_role', '=', 'agency'), eb('c.holder_agency_kind', 'in', f.scope.agencies)]));
		return parts.length ? eb.or(parts) : eb.lit(false);
	};
	if (f.tab === 'closed') {
		query = query.where('c.workflow_status', '<>', 'in_progress').where((eb) => {
			const parts: Expression<SqlBool>[] = [];
			if (f.visibleDistricts === null) parts.push(eb.lit(true));
			else if (f.visibleDistricts !== 'none' && f.visibleDistricts.length) parts.push(eb('c.district_id', 'in', f.visibleDistricts));
			// Agencies list no closed cases: their access ends with their referral (issue 7).
			return parts.length ? eb.or(parts) : eb.lit(false);
		});
		return query.orderBy('c.closed_at', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute() as Promise<CaseListRow[]>;
	}
	query = query.where('c.workflow_status', '=', 'in_progress').where(holds);
	if (f.tab === 'mine') {
		query = query.where((eb) => eb.or([eb('c.assigned_user_id', '=', f.userId), eb('c.holder_role', '=', 'agency')]));
	} else if (f.tab === 'unassigned') {
		query = query.where('c.assigned_user_id', 'is', null).where('c.holder_role', '<>', 'agency');
	} else {
		query = query
			.where((eb) => eb.or([eb('c.assigned_user_id', '=', f.userId), eb('c.assigned_user_id', 'is', null), eb('c.holder_role', '=', 'agency')]))
			.where(sql<SqlBool>`c.due_on < ${f.today}::date`);
	}
	// By deadline; at an equal deadline online-filed requests first (the seeds: online users get priority).
	return query
		.orderBy(sql`c.due_on asc nulls last`)
		.orderBy('c.filed_online', 'desc')
		.orderBy('c.id', 'asc')
		.limit(f.limit)
		.execute() as Promise<CaseListRow[]>;
}
