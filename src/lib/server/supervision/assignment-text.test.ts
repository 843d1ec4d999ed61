import { describe, expect, it } from 'vitest';
import { systemTextIn } from '../../i18n/lang';
import { reassignedTextEn, rotationAssignedText, timelineAssignmentText } from './assignment-text';
import { systemLine } from '../workflows/automation';

describe("the supervising engineer's assignment in the case timeline", () => {
	it("keeps the rotation's line in both languages, each read in its own", () => {
		const stored = systemLine(rotationAssignedText('علی رضایی', '۱-۲۳-۴۵۶'));
		expect(systemTextIn(stored, 'fa')).toBe('مهندس ناظر به نوبت تعیین شد: علی رضایی (پروانه اشتغال ۱-۲۳-۴۵۶)');
		expect(systemTextIn(stored, 'en')).toBe('A supervising engineer was assigned in rotation: علی رضایی (practice licence ۱-۲۳-۴۵۶)');
	});

	it('reads an older Persian-only line into both languages, and leaves other text as it is', () => {
		const older = 'مهندس ناظر به نوبت تعیین شد: مریم احمدی (پروانه اشتغال 1-01-0042)';
		expect(systemTextIn(timelineAssignmentText(older), 'en')).toBe('A supervising engineer was assigned in rotation: مریم احمدی (practice licence 1-01-0042)');
		expect(systemTextIn(timelineAssignmentText(older), 'fa')).toBe(older);
		const both = systemLine(rotationAssignedText('مریم احمدی', '1-01-0042'));
		expect(timelineAssignmentText(both)).toBe(both);
		expect(timelineAssignmentText('مهندس ناظر تغییر کرد: الف ← ب. دلیل: مرخصی')).toBe('مهندس ناظر تغییر کرد: الف ← ب. دلیل: مرخصی');
	});

	it("gives an officer's replacement an English line beside the reason they wrote", () => {
		expect(reassignedTextEn('الف', 'ب', 'on leave')).toBe('Supervising engineer changed from الف to ب. Reason: on leave');
	});
});
