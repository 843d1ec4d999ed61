import type { SampleCitySeeder } from '../../src/lib/server/sample-data';

/**
 * The sample city as the server's start-up seeder. The generator and loader are imported only when
 * used, so a server started with `PELAK_SAMPLE_CITY=off` or on a loaded database never loads them.
 */
export const sampleCitySeeder: SampleCitySeeder = {
	async hasCity(db) {
		const { hasParcels } = await import('./index');
		return hasParcels(db);
	},
	async load(db, { parcels, srid }) {
		const { loadSampleCity } = await import('./index');
		return loadSampleCity(db, { parcels, srid });
	}
};
