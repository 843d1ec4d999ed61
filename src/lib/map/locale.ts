import { t, type Lang } from '../i18n';
import { formatDigits } from '../i18n/format';

/**
 * MapLibre's own words (the canvas's name, the zoom buttons, the scale bar) in the page's language:
 * without them a Persian page's map reads «Zoom in» and «m 500». Every map the app makes takes these.
 */
export function mapLocale(lang: Lang): Record<string, string> {
	return {
		'Map.Title': t(lang, 'map.label'),
		'NavigationControl.ZoomIn': t(lang, 'map.zoom_in'),
		'NavigationControl.ZoomOut': t(lang, 'map.zoom_out'),
		'ScaleControl.Meters': t(lang, 'map.metres'),
		'ScaleControl.Kilometers': t(lang, 'map.kilometres')
	};
}

/**
 * Keeps a MapLibre scale bar's figure in the page's digits: MapLibre writes it with Latin digits
 * whatever the locale («500 متر»), anew on every move. Returns the function that stops watching.
 */
export function localiseScaleDigits(scale: HTMLElement | null, lang: Lang): () => void {
	if (!scale || lang === 'en') return () => {};
	const localise = () => {
		const text = scale.textContent ?? '';
		const local = formatDigits(text, lang).replace(/([۰-۹])\.([۰-۹])/g, '$1٫$2');
		if (local !== text) scale.textContent = local;
	};
	const observer = new MutationObserver(localise);
	observer.observe(scale, { childList: true, characterData: true, subtree: true });
	localise();
	return () => observer.disconnect();
}
