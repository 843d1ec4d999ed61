import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { referralAnswerProblem } from '$lib/domain/excavation/referrals';
import ReferralAnswer from './ReferralAnswer.svelte';

describe('referralAnswerProblem', () => {
	it('asks for a verdict first, and a reason for an objection', () => {
		expect(referralAnswerProblem(null, 'هر چه')).toBe('choose');
		expect(referralAnswerProblem('objected', '')).toBe('reason_required');
		expect(referralAnswerProblem('objected', ' \n ')).toBe('reason_required');
		expect(referralAnswerProblem('objected', 'در حریم بنای ثبت‌شده')).toBeNull();
		expect(referralAnswerProblem('consented', '')).toBeNull(); // a consent's conditions are optional
	});
});

describe('ReferralAnswer', () => {
	const html = (side: 'agency' | 'full') => render(ReferralAnswer, { props: { lang: 'fa', referralId: 7, side, agency: 'میراث فرهنگی' } }).body;

	it('opens on a verdict to choose and a labelled note, with nothing that sends the answer at once', () => {
		const body = html('agency');
		expect(body).toMatch(/<legend[^>]*>پاسخ استعلام<\/legend>/);
		// the note has a label tied to it, not only a placeholder
		expect(body).toMatch(/<label for="referral-7-note">شرایط یا دلیل \(اختیاری\)<\/label>/);
		expect(body).toMatch(/<textarea id="referral-7-note" name="note"[^>]*data-testid="referral-note-7"/);
		expect(body).not.toContain('placeholder');
		// the only button reviews the answer; the form's submit comes with the confirm step
		const buttons = body.match(/<button[^>]*>/g) ?? [];
		expect(buttons).toHaveLength(1);
		expect(buttons[0]).toContain('type="button"');
		expect(buttons[0]).toContain('data-testid="referral-review-7"');
		expect(body).not.toContain('referral-record-7');
	});

	it('tells the officer it records the answer the agency sent', () => {
		expect(html('full')).toContain('ثبت پاسخ میراث فرهنگی (دریافتی)');
	});
});
