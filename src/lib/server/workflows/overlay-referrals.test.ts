import { describe, expect, it } from 'vitest';
import { referralAgenciesOf, type AgencyNames } from './overlay-referrals';

const AGENCIES: AgencyNames[] = [
	{ kind: 'cultural_heritage', name_fa: 'میراث فرهنگی', name_en: 'Cultural Heritage' },
	{ kind: 'education', name_fa: 'آموزش و پرورش', name_en: 'Education Department' },
	{ kind: 'utilities', name_fa: 'شرکت‌های خدمات شهری (آب، برق، گاز)', name_en: 'Utilities' }
];

describe('referralAgenciesOf', () => {
	it('finds the agency a heritage buffer’s rule asks a referral to, in either language', () => {
		const rule = { rule_fa: 'حداکثر ارتفاع ۹ متر (دو طبقه)؛ هر ساخت‌وساز نیازمند استعلام از اداره کل میراث فرهنگی است.', rule_en: null };
		expect(referralAgenciesOf(rule, AGENCIES)).toEqual(['cultural_heritage']);
		expect(referralAgenciesOf({ rule_fa: null, rule_en: 'Any construction needs a Cultural Heritage referral.' }, AGENCIES)).toEqual(['cultural_heritage']);
	});

	it('reads Persian typed on an Arabic keyboard', () => {
		expect(referralAgenciesOf({ rule_fa: 'ساخت نيازمند استعلام از آموزش و پرورش است', rule_en: null }, AGENCIES)).toEqual(['education']);
	});

	it('asks no one when the rule names no referral, or names an agency without asking it', () => {
		expect(referralAgenciesOf({ rule_fa: 'ساخت‌وساز در بستر و حریم ۳۰ متری رودخانه ممنوع است؛ در حاشیه آن حداکثر سه طبقه.', rule_en: 'No construction in the river bed.' }, AGENCIES)).toEqual([]);
		expect(referralAgenciesOf({ rule_fa: 'مجاور میراث فرهنگی؛ حداکثر دو طبقه', rule_en: null }, AGENCIES)).toEqual([]);
		expect(referralAgenciesOf({ rule_fa: null, rule_en: null }, AGENCIES)).toEqual([]);
	});
});
