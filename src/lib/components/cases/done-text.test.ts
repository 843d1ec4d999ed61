import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { CaseView } from '$lib/api/case';
import { summaryOf } from '$lib/server/cases/case-view';
import type { CaseListRow } from '$lib/server/cases/case-lists.repository';
import CaseTable from '../../../routes/cases/CaseTable.svelte';
import { doneText } from './done-text';

const NOW = new Date('2025-12-09T08:00:00Z');

function row(over: Partial<CaseListRow>): CaseListRow {
	return {
		id: 7,
		tracking_code: '051234567890',
		parcel_id: 1,
		renovation_code: '101-4',
		request_type: 'building_permit_new',
		workflow_status: 'in_progress',
		current_step: 'district_review',
		waiting: null,
		holder_role: 'district_officer',
		holder_agency_kind: null,
		assigned_user_id: null,
		due_on: '2025-12-10',
		filed_online: true,
		opened_at: new Date('2025-11-20T08:00:00Z'),
		closed_at: null,
		open_tasks: 0,
		...over
	} as CaseListRow;
}

function view(over: Partial<CaseListRow>, extra: Partial<CaseView> = {}): CaseView {
	return { ...summaryOf(row(over), NOW), waiting: null, assigneeName: null, ...extra } as CaseView;
}

describe('what the case page says after an action', () => {
	it('names where a claimed, referred or approved case went', () => {
		expect(doneText('fa', 'claim', null, view({}), false)).toContain('به کارتابل شما آمد');
		const referred = view(
			{ waiting: { on: 'agency', agency: 'cultural_heritage', question: '?' }, holder_role: 'agency', holder_agency_kind: 'cultural_heritage', due_on: '2025-12-16' },
			{ waiting: { on: 'agency', agency: 'cultural_heritage', question: '?' }, waitingOn: 'agency' }
		);
		expect(doneText('fa', 'act', 'refer_to_agency', referred, false)).toBe(`به میراث فرهنگی ارجاع شد؛ مهلت پاسخ: ${'۲۵ آذر ۱۴۰۴'}.`);
		expect(doneText('en', 'act', 'approve', view({ current_step: 'site_inspection', holder_role: 'inspector' }), false)).toBe(
			'Step approved; next step: Site inspection (held by Inspector).'
		);
		expect(doneText('fa', 'act', 'reject', view({ workflow_status: 'rejected', closed_at: NOW }), false)).toContain('رد شد');
	});
});

describe('my cases list', () => {
	it('shows a closed case’s outcome and closing date, not a current step', () => {
		const rows = [
			summaryOf(row({ id: 1, request_type: 'bank_inquiry', workflow_status: 'rejected', closed_at: new Date('2025-12-03T08:00:00Z'), due_on: null }), NOW),
			summaryOf(row({ id: 2, workflow_status: 'completed', current_step: 'issue', closed_at: new Date('2025-12-03T08:00:00Z'), due_on: null }), NOW),
			summaryOf(row({ id: 3 }), NOW)
		];
		const { body } = render(CaseTable, { props: { rows, lang: 'fa' } });
		const [rejected, completed, open] = body.split('data-testid="case-row"').slice(1);
		expect(rejected).toContain('درخواست رد شد');
		expect(rejected).toContain('۱۲ آذر ۱۴۰۴');
		expect(rejected).not.toContain('بررسی کارشناس منطقه');
		expect(completed).toContain('پروانه ساختمانی صادر شد');
		expect(completed).not.toContain('صدور پروانه');
		expect(open).toContain('بررسی کارشناس منطقه');
	});
});
