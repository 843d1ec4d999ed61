/**
 * Problems with a proposal's input, each naming the field path (`floors[2].area_m2`) and saying
 * in Persian and English what the field must be.
 */
import type { Bilingual } from '../../i18n/lang';
import { figure, readNumber } from './numbers';

export interface ProposalIssue {
	/** Where in the input, e.g. `floors[2].area_m2`. */
	path: string;
	code: string;
	message: Bilingual;
}

/** Collects issues while a proposal is read. */
export class Issues {
	readonly list: ProposalIssue[] = [];

	add(path: string, code: string, fa: string, en: string): void {
		const name = path === '' ? { fa: 'بدنهٔ درخواست', en: 'The request body' } : { fa: `«${path}»`, en: path };
		this.list.push({ path, code, message: { fa: `${name.fa} ${fa}`, en: `${name.en} ${en}` } });
	}

	/**
	 * A number from 0 (or above 0 when `positive`) to `max`, whole when `integer`; a numeric string,
	 * Persian digits too, counts. Null after reporting what the field must be.
	 */
	number(path: string, raw: unknown, spec: { max: number; positive?: boolean; integer?: boolean }): number | null {
		const what = spec.integer
			? spec.positive
				? { fa: 'باید عدد صحیح مثبت باشد', en: 'must be a positive whole number' }
				: { fa: 'باید عدد صحیح نامنفی باشد', en: 'must be a whole number, 0 or more' }
			: spec.positive
				? { fa: 'باید عددی مثبت باشد', en: 'must be a positive number' }
				: { fa: 'باید عددی نامنفی باشد', en: 'must be a number, 0 or more' };
		if (raw === undefined || raw === null || raw === '') {
			this.add(path, 'required', `داده نشده است؛ ${what.fa}.`, `is missing; it ${what.en}.`);
			return null;
		}
		const read = typeof raw === 'string' ? readNumber(raw) : null;
		const n = typeof raw === 'number' ? raw : read && !read.percent ? read.value : null;
		if (n === null || !Number.isFinite(n) || (spec.integer && !Number.isInteger(n))) {
			this.add(path, spec.integer ? 'not_integer' : 'not_number', `${what.fa}.`, `${what.en}.`);
		} else if (n < 0 || (spec.positive && n === 0)) {
			this.add(path, spec.positive ? 'not_positive' : 'negative', `${what.fa}، نه ${figure(n).fa}.`, `${what.en}, not ${figure(n).en}.`);
		} else if (n > spec.max) {
			const max = figure(spec.max);
			this.add(path, 'too_large', `باید حداکثر ${max.fa} باشد، نه ${figure(n).fa}.`, `must be at most ${max.en}, not ${figure(n).en}.`);
		} else return n;
		return null;
	}

	/** A plain JSON object, or null after reporting it. */
	object(path: string, raw: unknown): Record<string, unknown> | null {
		if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
		this.add(path, raw === undefined ? 'required' : 'not_object', 'باید یک شیء JSON باشد.', 'must be a JSON object.');
		return null;
	}

	/** Reports keys the object should not have (usually a typo of a field's name). */
	unknownKeys(path: string, obj: Record<string, unknown>, known: readonly string[]): void {
		for (const key of Object.keys(obj)) {
			if (!known.includes(key)) {
				const at = path ? `${path}.${key}` : key;
				this.add(at, 'unknown_field', `شناخته نیست؛ فیلدهای مجاز: ${known.join('، ')}.`, `is not a known field; the fields are ${known.join(', ')}.`);
			}
		}
	}
}
