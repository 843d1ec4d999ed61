/**
 * Hatch patterns drawn in code (no sprite sheet to host): diagonal stripes on transparent ground,
 * as RGBA pixels for `map.addImage`.
 */
export function hatch(rgb: [number, number, number], size = 12, lineWidth = 2, alpha = 220) {
	const data = new Uint8Array(size * size * 4);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			// Distance to the nearest 45° stripe; tiles seamlessly because the stripe period is `size`.
			const d = (x + y) % size;
			if (d < lineWidth) {
				const o = (y * size + x) * 4;
				data.set([rgb[0], rgb[1], rgb[2], alpha], o);
			}
		}
	}
	return { width: size, height: size, data };
}

export const PATTERNS = {
	'hatch-setback': hatch([215, 38, 30], 10, 2, 230),
	'hatch-heritage': hatch([138, 90, 43], 14, 2, 150)
};
