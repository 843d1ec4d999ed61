/**
 * The browser's form checks (required, minlength, pattern…) speak the page's language instead of the
 * browser's: «این خانه را پر کنید.» in a Persian page whatever the browser's own locale, never
 * «Please select a file.». One listener on the document covers every form of the app.
 */
import { formatNumber } from './format';
import type { Lang } from './lang';
import { t } from './t';

/** What of a control the message depends on (an HTMLInputElement, a select or a textarea has these). */
export interface CheckedControl {
	validity: ValidityState;
	type: string;
	multiple?: boolean;
	minLength?: number;
	maxLength?: number;
	min?: string;
	max?: string;
}

/** The message for the first thing wrong with the control, in `lang`; null when nothing is (or only the app's own message is). */
export function validityMessage(control: CheckedControl, lang: Lang): string | null {
	const v = control.validity;
	const n = (x: number | string | undefined) => (typeof x === 'number' ? formatNumber(x, lang, 3) : formatNumberText(String(x ?? ''), lang));
	if (v.valueMissing) {
		if (control.type === 'file') return t(lang, control.multiple ? 'validity.files_missing' : 'validity.file_missing');
		if (control.type === 'checkbox') return t(lang, 'validity.checkbox_missing');
		if (control.type === 'radio' || control.type.startsWith('select')) return t(lang, 'validity.choice_missing');
		return t(lang, 'validity.value_missing');
	}
	if (v.badInput) return t(lang, 'validity.bad_input');
	if (v.typeMismatch) return t(lang, 'validity.type_mismatch');
	if (v.patternMismatch) return t(lang, 'validity.pattern_mismatch');
	if (v.tooShort) return t(lang, 'validity.too_short', { n: n(control.minLength) });
	if (v.tooLong) return t(lang, 'validity.too_long', { n: n(control.maxLength) });
	if (v.rangeUnderflow) return t(lang, 'validity.range_underflow', { n: n(control.min) });
	if (v.rangeOverflow) return t(lang, 'validity.range_overflow', { n: n(control.max) });
	if (v.stepMismatch) return t(lang, 'validity.step_mismatch');
	return null;
}

function formatNumberText(text: string, lang: Lang): string {
	const x = Number(text);
	return text !== '' && Number.isFinite(x) ? formatNumber(x, lang, 3) : text;
}

const OWN = 'data-own-validity';

/**
 * Listens on `doc` for the browser's `invalid` events and gives each control the message of
 * `validityMessage` (a custom validity the app set itself is left alone); the message is taken off
 * again as soon as the control — or another of its radio group — changes, so the browser checks anew.
 * @returns a function that stops listening
 */
export function localiseValidity(doc: Document, lang: () => Lang): () => void {
	const onInvalid = (event: Event) => {
		const el = event.target as HTMLInputElement;
		if (!el || typeof el.setCustomValidity !== 'function') return;
		if (el.validity.customError && !el.hasAttribute(OWN)) return;
		if (el.hasAttribute(OWN)) el.setCustomValidity('');
		const message = validityMessage(el, lang());
		if (message === null) return;
		el.setCustomValidity(message);
		el.setAttribute(OWN, '');
	};
	const onEdit = (event: Event) => {
		const el = event.target as HTMLInputElement;
		if (!el || typeof el.setCustomValidity !== 'function') return;
		const group = el.type === 'radio' && el.form && el.name ? [...el.form.querySelectorAll<HTMLInputElement>(`input[type=radio][${OWN}]`)].filter((r) => r.name === el.name) : [el];
		for (const c of group) {
			if (!c.hasAttribute(OWN)) continue;
			c.setCustomValidity('');
			c.removeAttribute(OWN);
		}
	};
	doc.addEventListener('invalid', onInvalid, true);
	doc.addEventListener('input', onEdit, true);
	doc.addEventListener('change', onEdit, true);
	return () => {
		doc.removeEventListener('invalid', onInvalid, true);
		doc.removeEventListener('input', onEdit, true);
		doc.removeEventListener('change', onEdit, true);
	};
}
