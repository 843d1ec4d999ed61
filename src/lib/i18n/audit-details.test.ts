import { describe, expect, it } from 'vitest';
import { auditFacts, auditFactsText, type AuditFact } from './audit-details';

const byKey = (facts: AuditFact[]) => Object.fromEntries(facts.map((f) => [f.key, f]));

describe('auditFacts', () => {
	it('names a legacy closure’s case by its tracking code in the page’s digits, and its outcome in words', () => {
		const facts = auditFacts('fa', 'case.legacy_closed', { caseId: 29, trackingCode: 'PLK-1405-000029', outcome: 'withdrawn' });
		// an imported case has no case page: not linked
		expect(facts).toEqual([
			{ key: 'caseId', label: 'پرونده', known: true, values: [{ text: 'PLK-۱۴۰۵-۰۰۰۰۲۹', code: true }] },
			{ key: 'outcome', label: 'نتیجه', known: true, values: [{ text: 'متقاضی منصرف شده' }] }
		]);
		expect(auditFacts('en', 'case.legacy_closed', { caseId: 29, trackingCode: 'PLK-1405-000029', outcome: 'withdrawn' })[0].values[0].text).toBe('PLK-1405-000029');
	});

	it('links a workflow case to its page', () => {
		const facts = auditFacts('fa', 'case.power_of_attorney_accepted', { caseId: 31, trackingCode: 'PLK-1405-000031', documentId: 12 });
		expect(facts.map((f) => [f.label, f.values])).toEqual([
			['پرونده', [{ text: 'PLK-۱۴۰۵-۰۰۰۰۳۱', href: '/cases/31', code: true }]],
			['شمارهٔ مدرک', [{ text: '۱۲', code: true }]]
		]);
	});

	it('links each case of a spam batch', () => {
		const [cases] = auditFacts('en', 'case.spam_rejected', { caseIds: [3, 4], trackingCodes: ['PLK-1405-000003', 'PLK-1405-000004'] });
		expect(cases).toMatchObject({ key: 'caseIds', label: 'Cases' });
		expect(cases.values.map((v) => [v.text, v.href])).toEqual([
			['PLK-1405-000003', '/cases/3'],
			['PLK-1405-000004', '/cases/4']
		]);
	});

	it('says what kind of account a failed sign-in tried, and with which name', () => {
		expect(auditFactsText(auditFacts('fa', 'sign_in.failed', { kind: 'staff', username: 'x' }), 'fa')).toBe('نوع حساب: کارمند؛ نام کاربری: x');
		expect(auditFactsText(auditFacts('en', 'sign_in.failed', { kind: 'citizen', nationalId: '0010000011' }), 'en')).toBe('Account kind: citizen; National id: 0010000011');
		expect(byKey(auditFacts('fa', 'sign_in.failed', { kind: 'citizen', nationalId: '0010000011' })).nationalId.values[0]).toEqual({ text: '۰۰۱۰۰۰۰۰۱۱', code: true });
		expect(auditFactsText(auditFacts('en', 'sign_in.failed', { kind: 'staff', second_factor: 'totp' }), 'en')).toBe('Account kind: staff; Second step: authenticator app code');
	});

	it('names the second step of a staff sign-in, none included', () => {
		expect(auditFacts('en', 'sign_in.staff', { second_factor: null })[0].values[0].text).toBe('none (password only)');
		expect(auditFacts('fa', 'sign_in.staff', { second_factor: 'totp_enrolled' })[0].values[0].text).toBe('کد برنامهٔ احراز هویت، فعال‌شده در همین ورود');
	});

	it('tells a new citizen account from an existing one', () => {
		expect(auditFactsText(auditFacts('fa', 'sign_in.citizen', { created: true }), 'fa')).toBe('حساب: حساب تازه');
		expect(auditFactsText(auditFacts('en', 'sign_in.citizen', { created: false }), 'en')).toBe('Account: existing account');
	});

	it('shows a mobile re-bind’s numbers in the page’s digits, and who vouched for it', () => {
		const facts = byKey(auditFacts('fa', 'citizen.mobile_rebound', { by: 'registry', from: '09120000001', to: '09350000002' }));
		expect(facts.by.values[0].text).toBe('استعلام شاهکار');
		expect(facts.from.values[0]).toEqual({ text: '۰۹۱۲۰۰۰۰۰۰۱', code: true });
		expect(facts.to.label).toBe('شمارهٔ تازه');
		expect(byKey(auditFacts('en', 'admin.citizen_mobile_rebound', { from: '09120000001', to: '09350000002', registry: 'not_matched' })).registry.values[0].text).toBe(
			'the number is not this national id’s'
		);
	});

	it('names a granted role, its district (city-wide when none) and leaves out the fields the role has not', () => {
		const details = { role: 'district_officer', districtId: null, agencyKind: null, engineeringOfficeId: null, organisationId: null };
		expect(auditFactsText(auditFacts('en', 'admin.role_granted', details), 'en')).toBe('Role: District officer; District: all districts');
		const named = auditFacts('fa', 'admin.role_granted', { ...details, districtId: 6 }, { district: (id) => (id === 6 ? 'منطقه ۶' : undefined) });
		expect(auditFactsText(named, 'fa')).toBe('نقش: کارشناس منطقه؛ منطقه: منطقه ۶');
		expect(auditFactsText(auditFacts('fa', 'admin.role_revoked', { role: 'agency', districtId: null, agencyKind: 'education' }), 'fa')).toBe('نقش: دستگاه همکار؛ دستگاه همکار: آموزش و پرورش');
		// an id without a name given: the figure itself
		expect(auditFacts('fa', 'admin.role_granted', { role: 'inspector', districtId: 12 })[1].values[0]).toEqual({ text: '۱۲', code: true });
	});

	it('writes an office closure’s day in the reader’s calendar and its counts as figures', () => {
		const fa = auditFactsText(auditFacts('fa', 'admin.office_closure_recorded', { day: '2026-12-01', deadlinesMoved: 1234 }), 'fa');
		expect(fa).toBe('روز: ۱۰ آذر ۱۴۰۵؛ مهلت‌های جابه‌جاشده: ۱٬۲۳۴');
		const en = auditFactsText(auditFacts('en', 'admin.office_closure_withdrawn', { day: '2026-12-01', deadlinesMovedBack: 4, reason: 'Called off' }), 'en');
		expect(en).toBe('Day: 1 Dec 2026; Deadlines moved back: 4; Reason: Called off');
	});

	it('names a downloaded document’s kind by the server’s table, and keeps its digest as stored', () => {
		const facts = byKey(
			auditFacts('fa', 'document.downloaded', { documentId: 7, kind: 'deed', version: 2, sha256: 'ab12' }, { documentKind: (k) => (k === 'deed' ? 'سند مالکیت' : undefined) })
		);
		expect(facts.documentId.values[0].text).toBe('۷');
		expect(facts.kind).toMatchObject({ label: 'نوع مدرک', values: [{ text: 'سند مالکیت' }] });
		expect(facts.version.values[0].text).toBe('۲');
		expect(facts.sha256.values[0]).toEqual({ text: 'ab12', code: true });
		// no name for it: the code as stored
		expect(auditFacts('en', 'document.downloaded', { kind: 'mystery' })[0].values[0]).toEqual({ text: 'mystery', code: true });
	});

	it('names an engineering office by the server’s table', () => {
		const facts = auditFacts('en', 'admin.office_created', { officeId: 5, licenceNo: 'LIC-1405-17' }, { office: () => 'Office Five' });
		expect(auditFactsText(facts, 'en')).toBe('Engineering office: Office Five; Office licence no.: LIC-1405-17');
	});

	it('shows a key or a code it has no name for as stored, so nothing is hidden', () => {
		const facts = auditFacts('fa', 'sign_in.staff', { second_factor: 'webauthn', channel: 'kiosk', attempts: 3, extra: { a: 1 }, empty: null });
		expect(facts).toEqual([
			{ key: 'second_factor', label: 'مرحلهٔ دوم ورود', known: true, values: [{ text: 'webauthn', code: true }] },
			{ key: 'channel', label: 'channel', known: false, values: [{ text: 'kiosk', code: true }] },
			{ key: 'attempts', label: 'attempts', known: false, values: [{ text: '3', code: true }] },
			{ key: 'extra', label: 'extra', known: false, values: [{ text: '{"a":1}', code: true }] }
		]);
		expect(auditFacts('en', 'case.legacy_closed', { outcome: 'lost' })[0].values[0]).toEqual({ text: 'lost', code: true });
	});

	it('gives nothing for an event without details', () => {
		expect(auditFacts('fa', 'sign_out', {})).toEqual([]);
		expect(auditFactsText([], 'fa')).toBe('');
	});
});
