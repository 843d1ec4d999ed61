import type { SampleCitySeeder } from '../../src/lib/server/sample-data';

/**
 * The sample city as the server's start-up seeder. The generator and loader are imported only when
 * used, so a server started with `PELAK_SAMPLE_CITY=off` or on a loaded database never loads them.
 * After the city, its year of SAMPLE requests (./history.ts) is filed by the demo accounts, which
 * are created first for it (seedDemoAccounts and the sample tariff book are idempotent, so the
 * start-up seeding that follows leaves them as they are); `PELAK_SAMPLE_HISTORY=off` skips it.
 */
export const sampleCitySeeder: SampleCitySeeder = {
	async hasCity(db) {
		const { hasParcels } = await import('./index');
		return hasParcels(db);
	},
	async load(db, { parcels, srid }) {
		const { loadSampleCity } = await import('./index');
		const counts = await loadSampleCity(db, { parcels, srid });
		if (process.env.PELAK_SAMPLE_HISTORY !== 'off') Object.assign(counts, await withHistory(db));
		return counts;
	}
};

async function withHistory(db: Parameters<SampleCitySeeder['load']>[0]): Promise<Record<string, number>> {
	const [{ seedDemoAccounts }, { jalaliYearAt, seedSampleTariffBook }, { loadSampleHistory }] = await Promise.all([
		import('../../src/lib/server/auth/demo-accounts'),
		import('../../src/lib/server/fees'),
		import('./history')
	]);
	await seedDemoAccounts(db);
	await seedSampleTariffBook(db, jalaliYearAt(new Date()));
	const started = Date.now();
	const history = await loadSampleHistory(db);
	if (history) console.log(`[pelak] SAMPLE history: ${history.cases} requests over a year (${history.open} open) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return history ? { history_cases: history.cases, history_open_cases: history.open, history_events: history.case_events } : {};
}
