import type { Map as MapLibreMap } from 'maplibre-gl';
import { PATTERNS } from './style';

/**
 * Registers the images the city style draws with (its hatches, drawn in code: there is no sprite
 * sheet). Every map built on `cityStyle` calls this right after creating the map: the hatches are
 * added before the first tile asks for one (resolving them on demand alone left MapLibre warning
 * that one "could not be loaded" on some first loads), and the resolver covers a style swapped later.
 */
export function addStyleImages(map: MapLibreMap): void {
	const add = (id: string) => {
		const pattern = PATTERNS[id];
		if (pattern && !map.hasImage(id)) map.addImage(id, pattern);
	};
	for (const id of Object.keys(PATTERNS)) add(id);
	map.setMissingStyleImageResolver(add);
}
