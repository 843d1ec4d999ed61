import type { ExpressionSpecification } from 'maplibre-gl';
import type { Lang } from '../../i18n/format';

/** The self-hosted face MapLibre draws labels with (see ../fonts.ts). */
export const FONT = ['Vazirmatn'];

/** A feature's name in the reader's language, falling back to the other one. */
export function nameLabel(lang: Lang): ExpressionSpecification {
	return lang === 'fa'
		? ['coalesce', ['get', 'name_fa'], ['get', 'name_en'], '']
		: ['coalesce', ['get', 'name_en'], ['get', 'name_fa'], ''];
}
