import { describe, expect, it } from 'vitest';
import { systemTextIn } from './lang';
import { formatDateInput, formatArea, formatBytes, formatRialShort, formatDate, formatDigits, formatNumber, formatPercent, formatTime, joinList, factSep, toLatinDigits } from './format';
import { inLang } from './lang';
import { landUseKey, landUseName } from './land-use';
import { ruleArithmetic } from './capacity';

describe('Persian numbers and areas', () => {
	it('writes areas to 0.1 m² with Persian digits and the Persian decimal separator', () => {
		expect(formatArea(123.44, 'fa')).toBe('۱۲۳٫۴ م²');
		expect(formatArea(123.44, 'en')).toBe('123.4 m²');
	});

	it('groups thousands in both languages', () => {
		expect(formatNumber(1234.56, 'fa')).toBe('۱٬۲۳۴٫۶');
		expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
	});

	it('keeps a negative remaining capacity negative without a stray direction mark', () => {
		const text = formatArea(-12.5, 'fa');
		expect(text).not.toContain('\u200e');
		expect(text).toMatch(/^[-−]۱۲٫۵ م²$/);
	});

	it('writes percentages with the Persian percent sign', () => {
		expect(formatPercent(180, 'fa')).toBe('۱۸۰٪');
		expect(formatPercent(60, 'en')).toBe('60%');
		expect(joinList(['ناظر', 'متقاضی'], 'fa')).toBe('ناظر، متقاضی');
		expect(joinList(['Supervisor', 'Applicant'], 'en')).toBe('Supervisor, Applicant');
	});

	it('separates facts on one line with no dot a Persian reader takes for a zero', () => {
		const line = `${formatDate('2026-11-23', 'fa')}${factSep('fa')}دیرکرد`;
		expect(line).toBe('۲ آذر ۱۴۰۵، دیرکرد');
		expect(line).not.toMatch(/[۰-۹]\s*[·.•]/);
		expect(`Nov 23${factSep('en')}overdue`).toBe('Nov 23 · overdue');
	});

	it('turns Persian and Arabic-Indic digits typed in a search box into ASCII', () => {
		expect(toLatinDigits('۱۲۳-٤٥۶/۷')).toBe('123-456/7');
		expect(toLatinDigits('abc')).toBe('abc');
	});

	it('shows codes in Persian digits without grouping', () => {
		expect(formatDigits('8-12-345', 'fa')).toBe('۸-۱۲-۳۴۵');
		expect(formatDigits('۸-۱۲', 'en')).toBe('8-12');
	});
	it('keeps Persian digits inside Persian text in English (an address is shown as written, not digit-swapped)', () => {
		expect(formatDigits('اصفهان، منطقه ۳، کوچه ۸، پلاک ۴', 'en')).toBe('اصفهان، منطقه ۳، کوچه ۸، پلاک ۴');
		expect(formatDigits('بخش 1 اصفهان', 'en')).toBe('بخش ۱ اصفهان');
		expect(formatDigits('Street 12', 'en')).toBe('Street 12');
		expect(formatDigits('اصفهان 3', 'fa')).toBe('اصفهان ۳');
	});
});

describe('short rial sums', () => {
	it('shortens millions and billions to one decimal, in the reader\'s digits', () => {
		expect(formatRialShort(114_127_587_017, 'fa')).toBe('۱۱۴٫۱ میلیارد');
		expect(formatRialShort(114_127_587_017, 'en')).toBe('114.1 bn');
		expect(formatRialShort(82_340_000, 'en')).toBe('82.3 M');
		expect(formatRialShort(2_000_000_000_000, 'en')).toBe('2,000 bn');
		expect(formatRialShort(950_000, 'fa')).toBe('۹۵۰٬۰۰۰');
		expect(formatRialShort(0, 'en')).toBe('0');
	});
});

describe("the system's texts in the reader's language", () => {
	it('picks the line of a two-language system text, and leaves any other text whole', () => {
		const both = 'پروانه خودکار صادر شد.\nThe permit was issued automatically.';
		expect(systemTextIn(both, 'fa')).toBe('پروانه خودکار صادر شد.');
		expect(systemTextIn(both, 'en')).toBe('The permit was issued automatically.');
		// a Persian-only system line, and two Persian lines, stay as they are in either language
		expect(systemTextIn('مهندس ناظر به نوبت تعیین شد: علی رضایی', 'en')).toBe('مهندس ناظر به نوبت تعیین شد: علی رضایی');
		expect(systemTextIn('خط اول\nخط دوم', 'en')).toBe('خط اول\nخط دوم');
		// the English line may name a person in Persian (an engineer's registered name)
		expect(systemTextIn('مهندس ناظر تعیین شد: علی رضایی\nA supervising engineer was assigned: علی رضایی', 'en')).toBe('A supervising engineer was assigned: علی رضایی');
		expect(systemTextIn('خط اول\n«نقل» line', 'en')).toBe('خط اول\n«نقل» line');
		expect(systemTextIn('one\ntwo\nthree', 'fa')).toBe('one\ntwo\nthree');
	});
});

describe('Jalali dates', () => {
	it('gives Nowruz 1404 for 2025-03-21', () => {
		expect(formatDate('2025-03-21', 'fa')).toBe('۱ فروردین ۱۴۰۴');
	});

	it('does not shift a bare date by the time zone', () => {
		expect(formatDate('2025-03-20', 'fa')).toBe('۳۰ اسفند ۱۴۰۳');
	});

	it('reads a timestamp on the Iranian calendar day it falls on', () => {
		// 22:00 UTC on 20 March is 01:30 on 21 March in Tehran.
		expect(formatDate('2025-03-20T22:00:00Z', 'fa')).toBe('۱ فروردین ۱۴۰۴');
	});

	it('uses the Gregorian calendar in English', () => {
		expect(formatDate('2025-03-21', 'en')).toBe('21 Mar 2025');
	});

	it('gives the time of day in Tehran, 24-hour, seconds on request', () => {
		expect(formatTime('2025-03-21T10:30:00Z', 'en')).toBe('14:00');
		expect(formatTime('2025-03-21T10:30:05Z', 'en', { seconds: true })).toBe('14:00:05');
		expect(formatTime('2025-03-21T10:30:00Z', 'fa')).toBe('۱۴:۰۰');
	});
});

describe('stored names in two columns', () => {
	it('picks the reader’s language and falls back to the other one', () => {
		expect(inLang('en', 'منطقه ۱', 'District 1')).toBe('District 1');
		expect(inLang('fa', 'منطقه ۱', 'District 1')).toBe('منطقه ۱');
		expect(inLang('en', 'منطقه ۱', null)).toBe('منطقه ۱');
		expect(inLang('fa', null, 'Ring road')).toBe('Ring road');
		expect(inLang('fa', null, undefined)).toBeNull();
	});
});

describe('land uses', () => {
	it('names a land use in both languages', () => {
		expect(landUseName('residential', 'fa')).toBe('مسکونی');
		expect(landUseName('residential', 'en')).toBe('Residential');
	});

	it('accepts the Persian word and common synonyms', () => {
		expect(landUseKey('تجاری')).toBe('commercial');
		expect(landUseKey('Mixed_Use')).toBe('mixed');
	});

	it('shows an unknown land use as stored', () => {
		expect(landUseKey('spaceport')).toBeNull();
		expect(landUseName('spaceport', 'fa')).toBe('spaceport');
	});
});

describe('capacity arithmetic', () => {
	it('shows the density rule as net area × density', () => {
		const text = ruleArithmetic(
			{ rule: 'density', floor_area_m2: 432.9, inputs: { net_area_m2: 240.5, density_pct: 180 } },
			'fa'
		);
		expect(text).toBe('۲۴۰٫۵ م² × ۱۸۰٪ = ۴۳۲٫۹ م²');
	});

	it('shows the floors rule as floors × occupancy × net area', () => {
		const text = ruleArithmetic(
			{ rule: 'floors', floor_area_m2: 577.2, inputs: { floors: 4, occupancy_pct: 60, net_area_m2: 240.5 } },
			'en'
		);
		expect(text).toBe('4 floors × 60% × 240.5 m² = 577.2 m²');
	});

	it('shows how a height limit becomes whole floors', () => {
		const text = ruleArithmetic(
			{
				rule: 'overlay_height',
				floor_area_m2: 288.6,
				inputs: { max_height_m: 7, storey_height_m: 3.3, floors: 2, occupancy_pct: 60, net_area_m2: 240.5 }
			},
			'en'
		);
		expect(text).toBe('⌊7 m ÷ 3.3 m⌋ = 2 floors; 2 × 60% × 240.5 m² = 288.6 m²');
	});

	it('lists inputs it does not recognise rather than hiding them', () => {
		const text = ruleArithmetic({ rule: 'density', floor_area_m2: 10, inputs: { odd: 2 } }, 'en');
		expect(text).toBe('odd = 2 → 10 m²');
	});
});

describe('formatBytes', () => {
	it('names a file size in the reader\'s units and digits', () => {
		expect(formatBytes(512, 'fa')).toBe('۵۱۲ بایت');
		expect(formatBytes(512, 'en')).toBe('512 B');
		expect(formatBytes(150 * 1024 + 300, 'fa')).toBe('۱۵۰ کیلوبایت');
		expect(formatBytes(2_621_440, 'fa')).toBe('۲٫۵ مگابایت');
		expect(formatBytes(2_621_440, 'en')).toBe('2.5 MB');
	});
});

describe('formatDateInput', () => {
	it('writes a day as the date fields take it: Jalali with slashes in Persian, ISO in English', () => {
		expect(formatDateInput('2025-12-04', 'fa')).toBe('۱۴۰۴/۰۹/۱۳');
		expect(formatDateInput('2025-03-21', 'fa')).toBe('۱۴۰۴/۰۱/۰۱');
		expect(formatDateInput('2025-12-04', 'en')).toBe('2025-12-04');
	});
});
