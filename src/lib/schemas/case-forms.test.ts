import { describe, expect, it } from 'vitest';
import { parseCaseAction, parseFilingParcel, parseSiteVisitFields } from './case-forms';
import { parseStaffSignIn } from './login';
import { match as isId } from '../../params/id';

const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) f.append(k, item);
	return f;
};

describe('parseCaseAction', () => {
	it('keeps only the fields the named action takes', () => {
		expect(parseCaseAction(form({ type: 'reject', stepId: ' review ', reason: ' too tall ', note: 'ignored' }))).toEqual({
			type: 'reject',
			stepId: 'review',
			reason: 'too tall'
		});
	});

	it('reads the requested document kinds and the referral agency from their lists', () => {
		expect(parseCaseAction(form({ type: 'request_document', stepId: 's', reason: 'r', kinds: ['deed', 'engineering_drawings'] }))).toMatchObject({
			kinds: ['deed', 'engineering_drawings']
		});
		expect(parseCaseAction(form({ type: 'refer_to_agency', stepId: 's', agency: 'cultural_heritage', question: 'q', dueInWorkingDays: '5' }))).toMatchObject({
			agency: 'cultural_heritage',
			dueInWorkingDays: 5
		});
	});

	it('answers null for an unknown action, document kind or agency instead of passing it on', () => {
		expect(parseCaseAction(form({ type: 'delete_everything', stepId: 's' }))).toBeNull();
		expect(parseCaseAction(form({ type: 'request_document', stepId: 's', reason: 'r', kinds: ['deed', 'passport'] }))).toBeNull();
		expect(parseCaseAction(form({ type: 'refer_to_agency', stepId: 's', agency: 'police', question: 'q' }))).toBeNull();
	});
});

describe('parseSiteVisitFields', () => {
	it('takes a location only when both halves are given', async () => {
		expect(parseSiteVisitFields(form({ stepId: 's', notes: 'n', lon: '51.6', lat: '32.6' })).location).toEqual({ lon: 51.6, lat: 32.6 });
		expect(parseSiteVisitFields(form({ stepId: 's', notes: 'n', lon: '51.6' })).location).toBeNull();
	});
});

describe('edge ids', () => {
	it('the id matcher accepts positive whole numbers only', () => {
		for (const ok of ['1', '42', '9007199254740991']) expect(isId(ok), ok).toBe(true);
		for (const bad of ['0', '-1', '1x', 'abc', '01', '1.5', '۱۲', '9007199254740993', '']) expect(isId(bad), bad).toBe(false);
	});

	it('a missing or malformed ?parcel= becomes 0, which no parcel has', () => {
		expect(parseFilingParcel(new URL('http://x/requests/new?parcel=12'))).toBe(12);
		expect(parseFilingParcel(new URL('http://x/requests/new?parcel=12a'))).toBe(0);
		expect(parseFilingParcel(new URL('http://x/requests/new'))).toBe(0);
	});
});

describe('sign-in forms', () => {
	it('never trims a password', () => {
		expect(parseStaffSignIn(form({ username: 'admin', password: ' pelak-demo ' })).password).toBe(' pelak-demo ');
	});
});
