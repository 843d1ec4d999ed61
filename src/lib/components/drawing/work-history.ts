/**
 * A line of an excavation work's history, in the reader's language: what was done (the action's
 * name; for a referral, which agency answered what; for a sample work, that the sample history put
 * it at its status) and the note beside it (a reason, in English when one was kept). Pure and client-safe.
 */
import { agencyName, t, type Lang } from '../../i18n';

export interface WorkEvent {
	action: string;
	actor: string;
	to_status: string;
	note: string | null;
	details: Record<string, unknown>;
}

export function workEventAction(e: WorkEvent, lang: Lang): string {
	if (e.action === 'sample') return t(lang, 'excavation_action.sample', { status: t(lang, `excavation_status.${e.to_status as 'planned'}`) });
	if (e.action === 'answer_referral') {
		const agency = agencyName(lang, typeof e.details.agency_kind === 'string' ? e.details.agency_kind : null);
		const answer = e.details.answer === 'consented' || e.details.answer === 'objected' ? t(lang, `excavation.referral_${e.details.answer}`) : '';
		// the agency from its own cartable, or the officer recording the agency's answer received on paper
		return t(lang, e.actor === 'agency' ? 'excavation_referral.answered_by_agency' : 'excavation_referral.recorded_received', { agency, answer });
	}
	return t(lang, `excavation_action.${e.action as 'approve'}`);
}

/** The note shown after the action; none for a sample entry, whose action already says it is sample data. */
export function workEventNote(e: WorkEvent, lang: Lang): string | null {
	if (!e.note || e.action === 'sample') return null;
	return lang === 'en' && typeof e.details.reason_en === 'string' ? e.details.reason_en : e.note;
}
