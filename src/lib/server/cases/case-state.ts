import { stepOf, type CaseState, type RequestTypeDefinition } from '../workflows';
import type { CaseRecord, CaseStateColumns } from './cases.repository';

/** The workflow state of a case row, as the pure state machine reads it. */
export function stateOf(record: CaseRecord): CaseState {
	return {
		requestTypeId: record.request_type,
		status: record.workflow_status,
		stepId: record.current_step,
		waiting: (record.waiting as CaseState['waiting']) ?? null,
		districtId: record.district_id,
		applicantId: String(record.applicant_user_id),
		representativeId: record.representative_user_id === null ? null : String(record.representative_user_id),
		assigneeId: record.assigned_user_id === null ? null : String(record.assigned_user_id),
		since: new Date(record.step_started_at).toISOString(),
		dueOn: record.due_on
	};
}

type HolderColumns = Pick<CaseStateColumns, 'holder_role' | 'holder_district_id' | 'holder_agency_kind'>;

/** Who must act now, as the cartable's key: the step's holder, or the applicant / agency it waits on. */
function holderOf(definition: RequestTypeDefinition, state: CaseState): HolderColumns {
	if (state.status !== 'in_progress') return { holder_role: null, holder_district_id: null, holder_agency_kind: null };
	if (state.waiting?.on === 'applicant') return { holder_role: 'applicant', holder_district_id: null, holder_agency_kind: null };
	if (state.waiting?.on === 'agency') return { holder_role: 'agency', holder_district_id: null, holder_agency_kind: state.waiting.agency };
	const holder = stepOf(definition, state.stepId).holder;
	if (holder.role === 'applicant') return { holder_role: 'applicant', holder_district_id: null, holder_agency_kind: null };
	if (holder.role === 'agency') return { holder_role: 'agency', holder_district_id: null, holder_agency_kind: holder.agency };
	return { holder_role: holder.role, holder_district_id: holder.districtScoped ? state.districtId : null, holder_agency_kind: null };
}

/** The columns a new workflow state writes; `closingText` is the reason kept when the case closes. */
export function stateColumns(definition: RequestTypeDefinition, state: CaseState, closingText: string | null): CaseStateColumns {
	const step = stepOf(definition, state.stepId);
	const closed = state.status !== 'in_progress';
	return {
		workflow_status: state.status,
		status: closed ? 'closed' : 'open',
		current_step: state.stepId,
		waiting: state.waiting ? JSON.stringify(state.waiting) : null,
		...holderOf(definition, state),
		assigned_user_id: state.assigneeId === null ? null : Number(state.assigneeId),
		step_started_at: state.since,
		due_on: state.dueOn,
		step_fa: step.name.fa,
		step_en: step.name.en,
		closed_at: closed ? state.since : null,
		decision: state.status === 'completed' ? 'approved' : state.status === 'rejected' ? 'rejected' : null,
		closed_reason: closed ? closingText : null,
		issued: state.status === 'completed' ? definition.issues : null
	};
}
