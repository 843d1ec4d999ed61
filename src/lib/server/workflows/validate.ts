import type { Bilingual } from '../../i18n/lang';
import { isDocumentKind } from './documents';
import { isAgencyKind, isRole } from './roles';
import { ISSUED_KINDS, type RequestTypeDefinition, type StepDefinition } from './types';

export interface DefinitionProblem {
	/** Where in the definition, e.g. `steps[2].transitions[0]`. */
	path: string;
	message: Bilingual;
}

const ACTIONS = ['approve', 'complete', 'return_to_applicant', 'request_document', 'refer_to_agency', 'reject'];
const CHECKS = ['no_open_case_of_kind', 'has_issued', 'has_remaining_capacity', 'has_building', 'supervision_stages_reported', 'opened_by_municipality'];

function isPositiveWhole(n: unknown): boolean {
	return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function hasNames(value: unknown): boolean {
	const v = value as Partial<Bilingual> | undefined;
	return typeof v?.fa === 'string' && v.fa.trim() !== '' && typeof v?.en === 'string' && v.en.trim() !== '';
}

/**
 * Checks a request type definition before use (definitions are data and may come from a file).
 * Returns every problem found, each with a Persian and English message; empty means valid.
 */
export function validateDefinition(definition: RequestTypeDefinition): DefinitionProblem[] {
	const problems: DefinitionProblem[] = [];
	const add = (path: string, fa: string, en: string) => problems.push({ path, message: { fa, en } });
	const def = definition as Partial<RequestTypeDefinition>;

	if (typeof def.id !== 'string' || !/^[a-z][a-z0-9_]*$/.test(def.id)) {
		add('id', 'شناسه نوع درخواست باید با حروف کوچک لاتین و _ باشد.', 'The id must be lower-case letters, digits and _.');
	}
	if (!hasNames(def.name)) add('name', 'نام فارسی و انگلیسی لازم است.', 'Both Persian and English names are required.');
	if (!isPositiveWhole(def.applicantResponseWorkingDays)) {
		add('applicantResponseWorkingDays', 'مهلت پاسخ متقاضی تعیین نشده است.', 'The applicant’s response deadline is missing.');
	}
	if (!isPositiveWhole(def.referralWorkingDays)) {
		add('referralWorkingDays', 'مهلت پاسخ استعلام تعیین نشده است.', 'The referral deadline is missing.');
	}
	if (def.issues !== null && !(ISSUED_KINDS as readonly unknown[]).includes(def.issues)) {
		add('issues', `خروجی ناشناخته: ${String(def.issues)}`, `Unknown issued kind: ${String(def.issues)}`);
	}

	const steps: StepDefinition[] = Array.isArray(def.steps) ? def.steps : [];
	if (steps.length === 0) add('steps', 'هیچ مرحله‌ای تعریف نشده است.', 'No steps are defined.');
	const ids = new Set<string>();
	steps.forEach((step, i) => {
		if (ids.has(step.id)) add(`steps[${i}].id`, `مرحله تکراری: ${step.id}`, `Duplicate step: ${step.id}`);
		ids.add(step.id);
	});
	if (steps.length > 0 && !ids.has(def.initialStep as string)) {
		add('initialStep', `مرحله آغاز «${String(def.initialStep)}» وجود ندارد.`, `Unknown initial step "${String(def.initialStep)}".`);
	}

	if (def.overlayReferralsAt !== undefined) {
		const at = steps.find((s) => s.id === def.overlayReferralsAt);
		if (!at || !at.transitions.some((t) => t.action === 'refer_to_agency')) {
			add('overlayReferralsAt', `مرحلهٔ «${String(def.overlayReferralsAt)}» نیست یا ارجاع به دستگاه ندارد.`, `Step "${String(def.overlayReferralsAt)}" does not exist or offers no referral.`);
		}
	}

	let completes = false;
	steps.forEach((step, i) => {
		const at = `steps[${i}]`;
		if (!hasNames(step.name)) add(`${at}.name`, `نام مرحله ${step.id} ناقص است.`, `Step ${step.id} needs both names.`);
		if (!hasNames(step.citizenView)) {
			add(`${at}.citizenView`, `متن نمایش به شهروند در مرحله ${step.id} نیست.`, `Step ${step.id} has no citizen view text.`);
		}
		if (!isPositiveWhole(step.deadlineWorkingDays)) {
			add(`${at}.deadlineWorkingDays`, `مهلت مرحله ${step.id} تعیین نشده است.`, `Step ${step.id} has no deadline in working days.`);
		}
		const holder = step.holder as { role?: unknown; agency?: unknown; districtScoped?: unknown } | undefined;
		if (!holder || (holder.role !== 'applicant' && !isRole(holder.role)) || holder.role === 'citizen' || holder.role === 'representative') {
			add(`${at}.holder`, `نقش ناشناخته در مرحله ${step.id}: ${String(holder?.role)}`, `Unknown role at step ${step.id}: ${String(holder?.role)}`);
		} else if (holder.role === 'agency' && !isAgencyKind(holder.agency)) {
			add(`${at}.holder`, `دستگاه ناشناخته در مرحله ${step.id}`, `Unknown agency at step ${step.id}: ${String(holder.agency)}`);
		} else if (holder.role !== 'applicant' && holder.role !== 'agency' && typeof holder.districtScoped !== 'boolean') {
			add(`${at}.holder`, `مشخص نیست مرحله ${step.id} منطقه‌ای است یا نه.`, `Step ${step.id} must say whether it is district-scoped.`);
		}

		const transitions = Array.isArray(step.transitions) ? step.transitions : [];
		if (transitions.length === 0) add(`${at}.transitions`, `مرحله ${step.id} راه خروج ندارد.`, `Step ${step.id} has no transitions.`);
		if (step.automation && !transitions.some((t) => t.action === 'approve' || t.action === 'complete')) {
			add(`${at}.automation`, `مرحلهٔ خودکار ${step.id} راه تأیید ندارد.`, `Automated step ${step.id} has no approve or complete transition.`);
		}
		transitions.forEach((t, k) => {
			const tp = `${at}.transitions[${k}]`;
			if (!ACTIONS.includes(t.action)) {
				add(tp, `اقدام ناشناخته: ${String(t.action)}`, `Unknown action: ${String(t.action)}`);
				return;
			}
			if (t.action === 'complete') completes = true;
			if (t.action === 'approve') {
				if (!Array.isArray(t.to) || t.to.length === 0) add(tp, 'مرحله بعد تعیین نشده است.', 'Approve needs a next step.');
				for (const target of t.to ?? []) {
					if (!steps.some((s) => s.id === target)) {
						add(tp, `انتقال به مرحله ناشناخته «${target}»`, `Transition to unknown step "${target}"`);
					}
				}
			}
			if (t.action === 'request_document' && !(t.kinds?.length && t.kinds.every(isDocumentKind))) {
				add(tp, 'نوع مدرک درخواستی نامعتبر است.', 'A document request needs known document kinds.');
			}
			if (t.action === 'refer_to_agency' && !(t.agencies?.length && t.agencies.every(isAgencyKind))) {
				add(tp, 'دستگاه استعلام نامعتبر است.', 'A referral needs known agencies.');
			}
			if (step.holder?.role === 'applicant' && t.action !== 'approve' && t.action !== 'complete') {
				add(tp, 'متقاضی فقط می‌تواند مرحله خود را تکمیل کند.', 'An applicant step can only move forward.');
			}
		});
	});
	if (steps.length > 0 && !completes) {
		add('steps', 'هیچ مرحله‌ای درخواست را به پایان نمی‌رساند.', 'No step completes the request.');
	}

	// Every step must be reachable from the initial step by approvals.
	if (ids.has(def.initialStep as string)) {
		const reached = new Set<string>([def.initialStep as string]);
		const queue = [def.initialStep as string];
		while (queue.length > 0) {
			const current = queue.shift();
			const step = steps.find((s) => s.id === current);
			for (const t of step?.transitions ?? []) {
				if (t.action !== 'approve') continue;
				for (const target of t.to ?? []) {
					if (!reached.has(target) && ids.has(target)) {
						reached.add(target);
						queue.push(target);
					}
				}
			}
		}
		for (const step of steps) {
			if (!reached.has(step.id)) add(`steps.${step.id}`, `مرحله ${step.id} هرگز دیده نمی‌شود.`, `Step ${step.id} is unreachable.`);
		}
	}

	(Array.isArray(def.requiredDocuments) ? def.requiredDocuments : []).forEach((doc, i) => {
		if (!isDocumentKind(doc.kind)) add(`requiredDocuments[${i}]`, `مدرک ناشناخته: ${String(doc.kind)}`, `Unknown document kind: ${String(doc.kind)}`);
	});
	(Array.isArray(def.eligibility) ? def.eligibility : []).forEach((check, i) => {
		if (!CHECKS.includes(check.check)) {
			add(`eligibility[${i}]`, `شرط ناشناخته: ${String(check.check)}`, `Unknown eligibility check: ${String(check.check)}`);
		} else if (check.check === 'has_issued' && !(ISSUED_KINDS as readonly string[]).includes(check.kind)) {
			add(`eligibility[${i}]`, `مدرک پیش‌نیاز ناشناخته: ${check.kind}`, `Unknown prerequisite: ${check.kind}`);
		} else if (check.check === 'no_open_case_of_kind' && !(Array.isArray(check.kinds) && check.kinds.length > 0)) {
			add(`eligibility[${i}]`, 'نوع پرونده‌های باز مشخص نیست.', 'no_open_case_of_kind needs kinds.');
		}
	});
	return problems;
}
