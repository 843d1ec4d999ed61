/**
 * MapLibre draws labels with the CSS font named in `text-font`; the browser only has it once a
 * face is loaded. Vazirmatn comes in subsets (Arabic script, Latin), so ask for both before the
 * first label is drawn, otherwise it is rasterised in a fallback font and cached that way.
 */
export async function loadMapFonts(): Promise<void> {
	if (typeof document === 'undefined' || !document.fonts) return;
	try {
		await Promise.all([
			document.fonts.load('400 16px Vazirmatn', 'خیابان منطقه'),
			document.fonts.load('400 16px Vazirmatn', 'Street District 123')
		]);
	} catch {
		// A missing font leaves labels in the fallback face; the map still works.
	}
}
