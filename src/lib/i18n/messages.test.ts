import { describe, expect, it } from 'vitest';
import { en, fa, FEATURES, type MessageKey } from './messages';
import { dirOf, langOf } from './lang';
import { isMessageKey, t } from './t';
import { AUDIT_ACTIONS, auditMessageKey } from '$lib/domain/audit';
import { actionCommand, actionName, agencyName, holderText, roleName, statusName } from './case-names';

const keys = Object.keys(fa) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
	it('has Persian and English text for every key', () => {
		for (const key of keys) {
			expect(fa[key].trim(), key).not.toBe('');
			expect(en[key]?.trim(), key).toBeTruthy();
		}
		expect(Object.keys(en).sort()).toEqual([...keys].sort());
	});

	it('names every event the audit log records', () => {
		for (const action of AUDIT_ACTIONS) expect(isMessageKey(auditMessageKey(action)), action).toBe(true);
		// and no name is left for an event nothing records
		const named = keys.filter((k) => k.startsWith('audit_action.'));
		expect(named.sort()).toEqual(AUDIT_ACTIONS.map(auditMessageKey).sort());
	});

	it('takes the same placeholders in both languages', () => {
		for (const key of keys) expect(placeholders(en[key]), key).toEqual(placeholders(fa[key]));
	});

	it('names every key section.name in snake_case', () => {
		for (const key of keys) expect(key).toMatch(/^[a-z][a-z_]*\.[a-z][a-z0-9_]*$/);
	});

	it('writes numbers in Persian text with Persian digits', () => {
		for (const key of keys) expect(fa[key], key).not.toMatch(/[0-9]/);
	});

	it('lets no two features define the same key, and each feature both languages', () => {
		const owner = new Map<string, string>();
		const clashes: string[] = [];
		for (const [feature, table] of Object.entries(FEATURES)) {
			expect(Object.keys(table.en).sort(), feature).toEqual(Object.keys(table.fa).sort());
			for (const key of Object.keys(table.fa)) {
				if (owner.has(key)) clashes.push(`${key}: ${owner.get(key)} and ${feature}`);
				owner.set(key, feature);
			}
		}
		expect(clashes).toEqual([]);
	});
});

describe('t()', () => {
	it('fills placeholders and leaves unknown ones visible', () => {
		expect(t('fa', 'panel.title', { code: '۱-۲' })).toBe('پلاک ۱-۲');
		expect(t('en', 'panel.plate_value', { main: 12 })).toBe('main 12 / sub {sub}');
		expect(t('fa', 'login.code_sent', { mobile: '۰۹۱۲', minutes: '۵' })).toBe('کد به شماره ۰۹۱۲ فرستاده شد و تا ۵ دقیقه اعتبار دارد.');
	});

	it('tells catalogue keys from other strings', () => {
		expect(isMessageKey('case_status.completed')).toBe(true);
		expect(isMessageKey('case_status.toString')).toBe(false);
	});
});

describe('language', () => {
	it('sets the writing direction from the language', () => {
		expect(dirOf('fa')).toBe('rtl');
		expect(dirOf('en')).toBe('ltr');
	});

	it('reads Persian unless the value says English', () => {
		expect(langOf('en')).toBe('en');
		expect(langOf('fa')).toBe('fa');
		expect(langOf('EN')).toBe('fa');
		expect(langOf(undefined)).toBe('fa');
	});
});

describe('case values in words', () => {
	it('names roles, the acting side and agencies in the reader’s language', () => {
		expect(roleName('fa', 'district_officer')).toBe('کارشناس منطقه');
		expect(roleName('en', 'applicant')).toBe('Applicant');
		expect(roleName('fa', 'staff')).toBe('کارمند');
		expect(agencyName('en', 'cultural_heritage')).toBe('Cultural Heritage');
	});

	it('names actions and statuses', () => {
		expect(actionName('fa', 'refer_to_agency')).toBe('استعلام از دستگاه');
		expect(statusName('en', 'in_progress')).toBe('In progress');
	});

	it('says what an action does on its button, and what was done in the timeline', () => {
		expect(actionCommand('en', 'approve')).toBe('Approve the step');
		expect(actionName('en', 'approve')).toBe('Approved the step');
		expect(actionCommand('en', 'return_to_applicant')).toBe('Return to the applicant');
		expect(actionCommand('fa', 'reject')).toBe('رد درخواست');
		// an action with no command of its own is named as the timeline names it
		expect(actionCommand('en', 'claim')).toBe(actionName('en', 'claim'));
	});

	it('shows a value it has no name for as stored, and a missing one as a dash', () => {
		expect(actionName('en', 'teleport')).toBe('teleport');
		expect(statusName('fa', 'toString')).toBe('toString');
		expect(roleName('en', 'mayor')).toBe('mayor');
		expect(roleName('en', null)).toBe('—');
		expect(agencyName('fa', null)).toBe('—');
	});

	it('says who a case waits on: the applicant, an agency, else the step’s holder', () => {
		const open = { waitingOn: null, holderRole: 'planner', holderAgency: null, status: 'in_progress' };
		expect(holderText('en', open)).toBe('Planner');
		expect(holderText('en', { ...open, waitingOn: 'applicant' })).toBe('Applicant');
		expect(holderText('fa', { ...open, holderAgency: 'education' })).toBe('آموزش و پرورش');
		expect(holderText('en', { ...open, status: 'completed' })).toBe('—');
	});
});
