import { describe, expect, it } from 'vitest';
import { errorStatusLine } from './error-status';

describe('errorStatusLine', () => {
	it('says a staff 403 in Persian words and digits, with no Latin', () => {
		const line = errorStatusLine('fa', 403);
		expect(line).toBe('خطای ۴۰۳: دسترسی مجاز نیست');
		expect(line).not.toMatch(/[A-Za-z0-9]/);
	});

	it('names the common statuses, any server failure as one, and the rest generically', () => {
		expect(errorStatusLine('fa', 409)).toBe('خطای ۴۰۹: با وضعیت فعلی ناسازگار است');
		expect(errorStatusLine('fa', 503)).toBe('خطای ۵۰۳: خطای سامانه');
		expect(errorStatusLine('fa', 418)).toBe('خطای ۴۱۸: درخواست انجام نشد');
		expect(errorStatusLine('en', 403)).toBe('Error 403: not allowed');
	});
});
