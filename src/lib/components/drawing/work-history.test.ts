import { describe, expect, it } from 'vitest';
import { workEventAction, workEventNote, type WorkEvent } from './work-history';

const sample: WorkEvent = { action: 'sample', actor: 'system', to_status: 'approved', note: 'نمونه — sample', details: { holder: 'applicant' } };

describe("an excavation work's history line", () => {
	it('names what the sample history did: the status it put the work at, in either language', () => {
		expect(workEventAction(sample, 'fa')).toBe('ثبت در سابقهٔ نمونه با وضعیت «تأیید شده، در انتظار پرداخت»');
		expect(workEventAction(sample, 'en')).toMatch(/^Entered in the sample history as ".+"$/);
		expect(workEventAction(sample, 'en')).not.toContain('excavation_status');
		expect(workEventNote(sample, 'fa')).toBeNull();
	});

	it('names every other action, and shows its note in English when one was kept', () => {
		const moved: WorkEvent = { action: 'deadline_moved', actor: 'admin', to_status: 'planned', note: 'آلودگی هوا', details: { reason_en: 'Air pollution' } };
		expect(workEventAction(moved, 'fa')).toBe('تمدید مهلت به سبب تعطیلی ادارات');
		expect(workEventNote(moved, 'en')).toBe('Air pollution');
		expect(workEventNote(moved, 'fa')).toBe('آلودگی هوا');
	});
});
