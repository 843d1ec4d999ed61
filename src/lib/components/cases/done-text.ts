import { agencyName, formatDate, holderText, t, type Lang } from '$lib/i18n';
import type { CaseView } from '$lib/api/case';

/**
 * What the case page says after an action, from the case as it now stands: where the case went, to whom and by
 * when — not a bare «done». `done` is the form that was sent (act, claim, assign, answerTask…), `acted` the action
 * type of an `act` form. The system's own moves right after (a statement issued…) are shown beneath it by the page.
 */
export function doneText(lang: Lang, done: string, acted: string | null, v: CaseView, applicantSide: boolean): string {
	const due = v.dueOn ? formatDate(v.dueOn, lang) : '—';
	const closed = v.status !== 'in_progress';
	switch (done) {
		case 'claim':
			return t(lang, 'case.done_claim');
		case 'assign':
			return v.assigneeName ? t(lang, 'case.done_assign', { name: v.assigneeName }) : t(lang, 'case.done');
		case 'answerTask':
			return t(lang, 'case.done_answer', { holder: holderText(lang, v) });
		case 'act':
			break;
		default:
			return t(lang, 'case.done');
	}
	if (closed && acted !== 'withdraw' && acted !== 'reject') return t(lang, 'case.done_closed', { outcome: v.outcome?.[lang] ?? '' });
	switch (acted) {
		case 'approve':
		case 'complete':
			return t(lang, applicantSide ? 'case.done_submit' : 'case.done_approve', { step: v.step.name[lang], holder: holderText(lang, v) });
		case 'refer_to_agency':
			return t(lang, 'case.done_refer', { agency: agencyName(lang, v.waiting?.on === 'agency' ? v.waiting.agency : null), due });
		case 'request_document':
		case 'return_to_applicant':
			return t(lang, 'case.done_asked', { due });
		case 'applicant_reply':
			return t(lang, 'case.done_answer', { holder: holderText(lang, v) });
		case 'reject':
			return t(lang, 'case.done_reject');
		case 'withdraw':
			return t(lang, 'case.done_withdraw');
		default:
			return t(lang, 'case.done');
	}
}
