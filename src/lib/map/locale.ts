import { t, type Lang } from '../i18n';

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
