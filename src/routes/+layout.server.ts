import type { LayoutServerLoad } from './$types';
import { loadConfig } from '$lib/server/config';

const config = loadConfig();

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	basemapStyleUrl: config.basemapStyleUrl,
	// The database is filled with the generated city unless the municipality switched it off.
	sample: config.sampleParcels > 0
});
