/** Formatting and colouring the dashboards' figures (client-safe). */
import type { FigureKey } from '$lib/api/dashboard';
import { formatNumber, formatPercent, t, type Lang } from '$lib/i18n';

export function formatFigure(key: FigureKey, value: number | null, lang: Lang): string {
	if (value === null) return '—';
	if (key === 'overdue_share') return formatPercent(value * 100, lang);
	if (key === 'median_days_to_decision') return formatNumber(value, lang, 1);
	return formatNumber(value, lang, 0);
}

export const figureName = (key: FigureKey, lang: Lang) => t(lang, `figure.${key}`);

const LOW = [247, 240, 225];
const HIGH = [140, 45, 4];

/** A sequential colour from light (lowest district) to dark (highest); null → grey. */
export function shade(value: number | null, min: number, max: number): string {
	if (value === null) return '#cfcac2';
	const f = max > min ? (value - min) / (max - min) : 0.5;
	const c = LOW.map((l, i) => Math.round(l + (HIGH[i] - l) * f));
	return `rgb(${c.join(',')})`;
}

export const GRADIENT = `linear-gradient(to right, rgb(${LOW.join(',')}), rgb(${HIGH.join(',')}))`;
