/**
 * `?from=&to=` of the dashboards: ISO Gregorian dates (2025-03-21), or Jalali dates written with
 * slashes, as the app's date fields show them, or with hyphens (۱۴۰۴/۰۱/۰۱, 1404-01-01) — a year before 1600 is read as Jalali.
 * Both ends are inclusive Tehran calendar days. Unset: the year (365 days) up to today.
 */
import { fromJalali } from '../domain/jalali';
import { toLatinDigits } from '../domain/text';
import { addCalendarDays, type IsoDate } from '../domain/working-days';
import type { Issue } from './parsed';
import type { Bilingual } from '../i18n/lang';

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

function parseDate(raw: string): IsoDate | null {
	const m = DATE.exec(toLatinDigits(raw.trim()));
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1600) {
		try {
			return fromJalali({ year, month, day });
		} catch {
			return null;
		}
	}
	const iso = `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export interface DateRange {
	from: IsoDate;
	to: IsoDate;
}

/** The fields by the labels the period form gives them (the message is shown beside the field, not only to the API). */
const LABELS: Record<'from' | 'to', Bilingual> = { from: { fa: 'از تاریخ', en: 'From date' }, to: { fa: 'تا تاریخ', en: 'To date' } };

/** A refusal of the period, naming the field it is about. */
export type DateRangeIssue = Issue & { field: 'from' | 'to' };
export type ParsedRange = { ok: true; value: DateRange } | { ok: false; issue: DateRangeIssue };

export function parseDateRange(params: URLSearchParams, today: IsoDate): ParsedRange {
	const values: Partial<DateRange> = {};
	for (const field of ['from', 'to'] as const) {
		const raw = params.get(field);
		if (raw === null || raw.trim() === '') continue;
		const date = parseDate(raw);
		if (!date) {
			return {
				ok: false,
				issue: {
					code: `bad_${field}`,
					field,
					messages: {
						fa: `«${LABELS[field].fa}» تاریخ درستی نیست: «${raw}». آن را به‌صورت ۱۴۰۴/۰۱/۰۱ (شمسی) یا 2025-03-21 (میلادی) بنویسید.`,
						en: `“${LABELS[field].en}” is not a valid date: “${raw}”. Write it as 2025-03-21 (Gregorian) or 1404/01/01 (Jalali).`
					}
				}
			};
		}
		values[field] = date;
	}
	const to = values.to ?? today;
	const from = values.from ?? addCalendarDays(to, -364);
	if (from > to) {
		return {
			ok: false,
			issue: {
				code: 'bad_from',
				field: 'from',
				messages: {
					fa: `«${LABELS.from.fa}» پس از «${LABELS.to.fa}» است؛ آغاز بازه باید پیش از پایان آن باشد.`,
					en: `“${LABELS.from.en}” is after “${LABELS.to.en}”; the period must start before it ends.`
				}
			}
		};
	}
	return { ok: true, value: { from, to } };
}
