/**
 * The case page's permit forms: the proposed building as a few fields (the proposal-check JSON is
 * built from them; a footprint drawn on the map arrives as GeoJSON in `footprint_geojson`), the
 * drawings upload, the officer's override and a document's status change.
 */
import { toLatinDigits } from '../domain/text';
import { formText } from './form';

const num = (form: FormData, name: string): number | string => {
	const text = toLatinDigits(formText(form, name, 40)).replace(/[٬,]/g, '').replace('٫', '.');
	if (text === '') return '';
	const n = Number(text);
	return Number.isFinite(n) ? n : text; // a non-number reaches the proposal parser, which names the field
};

/** The proposal-check JSON body the form describes (validated by parseProposal, which names each bad field). */
export function proposalBodyFromForm(form: FormData): Record<string, unknown> {
	const storeys = num(form, 'storeys');
	const area = num(form, 'floor_area_m2');
	const use = formText(form, 'use', 40) || 'residential';
	const pilotis = form.get('pilotis') === 'on';
	const units = num(form, 'units');
	const unitArea = num(form, 'unit_area_m2');
	const geojson = formText(form, 'footprint_geojson', 200_000);
	let footprint: unknown = num(form, 'footprint_m2');
	if (geojson) {
		try {
			footprint = JSON.parse(geojson);
		} catch {
			footprint = geojson;
		}
	}
	const levels = typeof storeys === 'number' && Number.isInteger(storeys) && storeys > 0 && storeys <= 200 ? storeys : 0;
	const count = typeof units === 'number' && Number.isInteger(units) && units > 0 && units <= 1000 ? units : 0;
	const body: Record<string, unknown> = {
		floors: [
			...(pilotis ? [{ level: 0, use: 'pilotis', area_m2: area }] : []),
			...Array.from({ length: levels }, (_, i) => ({ level: i + 1, use, area_m2: area }))
		],
		footprint_m2: footprint,
		height_m: num(form, 'height_m'),
		units: Array.from({ length: count }, () => ({ area_m2: unitArea, use })),
		parking_spaces: num(form, 'parking_spaces'),
		pilotis
	};
	const well = num(form, 'light_well_m2');
	if (well !== '') body.light_well_m2 = well;
	return body;
}

export function parseOverride(form: FormData): string {
	return formText(form, 'reason', 1001);
}

export function parseStatusChange(form: FormData): { documentId: number; to: 'valid' | 'suspended' | 'revoked'; reason: string } {
	const to = formText(form, 'to', 20);
	return {
		documentId: Number(formText(form, 'documentId', 20)),
		// anything else is refused by the status registry as a change it does not allow
		to: to as 'valid' | 'suspended' | 'revoked',
		reason: formText(form, 'reason', 1001)
	};
}
