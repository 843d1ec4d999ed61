import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_PARCELS, loadConfig } from './config';

describe('loadConfig', () => {
	it('runs in demo mode with the sample city on the embedded database, in production on PostgreSQL', () => {
		expect(loadConfig({})).toMatchObject({ mode: 'demo', sampleParcels: DEFAULT_SAMPLE_PARCELS });
		expect(loadConfig({ DATABASE_URL: 'postgres://db/pelak' })).toMatchObject({ mode: 'production', sampleParcels: 0 });
		expect(loadConfig({ DATABASE_URL: 'postgres://db/pelak', PELAK_MODE: 'demo' })).toMatchObject({ mode: 'demo', sampleParcels: DEFAULT_SAMPLE_PARCELS });
		expect(loadConfig({ PELAK_MODE: 'production' })).toMatchObject({ mode: 'production', sampleParcels: 0 });
	});

	it('takes PELAK_SAMPLE_CITY=0 and =off as no sample city', () => {
		expect(loadConfig({ PELAK_SAMPLE_CITY: '0' }).sampleParcels).toBe(0);
		expect(loadConfig({ PELAK_SAMPLE_CITY: 'off' }).sampleParcels).toBe(0);
		expect(loadConfig({ PELAK_SAMPLE_CITY: '500' }).sampleParcels).toBe(500);
	});

	it('gives the tile cache 256 MB unless PELAK_TILE_CACHE_MB says otherwise (0: none)', () => {
		expect(loadConfig({}).tileCacheBytes).toBe(256 * 2 ** 20);
		expect(loadConfig({ PELAK_TILE_CACHE_MB: '0' }).tileCacheBytes).toBe(0);
		expect(() => loadConfig({ PELAK_TILE_CACHE_MB: '1.5' })).toThrow(/PELAK_TILE_CACHE_MB must be a non-negative whole number/);
	});

	it('logs requests slower than 2 s unless PELAK_SLOW_REQUEST_MS says otherwise (0: none)', () => {
		expect(loadConfig({}).slowRequestMs).toBe(2000);
		expect(loadConfig({ PELAK_SLOW_REQUEST_MS: '0' }).slowRequestMs).toBe(0);
		expect(() => loadConfig({ PELAK_SLOW_REQUEST_MS: 'soon' })).toThrow(/PELAK_SLOW_REQUEST_MS must be a non-negative whole number/);
	});

	it('refuses an unknown mode and malformed numbers by name', () => {
		expect(() => loadConfig({ PELAK_MODE: 'prod' })).toThrow(/PELAK_MODE must be "demo" or "production", got "prod"/);
		expect(() => loadConfig({ PELAK_SAMPLE_CITY: 'many' })).toThrow(/PELAK_SAMPLE_CITY must be a non-negative whole number/);
		expect(() => loadConfig({ PELAK_SRID: '-1' })).toThrow(/PELAK_SRID/);
	});

	it("lets the pages' CSP reach an outside basemap: the style's origin and PELAK_BASEMAP_ORIGINS", () => {
		const config = loadConfig({
			PELAK_BASEMAP_STYLE_URL: 'https://maps.example.org/styles/v1/style.json?key=a,b',
			PELAK_BASEMAP_ORIGINS: 'https://tiles.example.org/x, https://maps.example.org'
		});
		expect(config.basemapOrigins).toEqual(['https://maps.example.org', 'https://tiles.example.org']);
		expect(loadConfig({ PELAK_BASEMAP_STYLE_URL: '/basemap/style.json' }).basemapOrigins).toEqual([]);
		expect(() => loadConfig({ PELAK_BASEMAP_ORIGINS: "'unsafe-inline'" })).toThrow(/PELAK_BASEMAP_ORIGINS must hold http\(s\) URLs/);
	});
});
