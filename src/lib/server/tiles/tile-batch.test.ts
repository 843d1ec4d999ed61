import { describe, expect, it } from 'vitest';
import { BATCH_BUDGET_MS, batchSize, MAX_BATCH } from './tile-batch';

describe('batchSize: how many tiles of a layer and zoom go in one statement', () => {
	it('sends a tile alone while its layer and zoom have no measured cost', () => {
		expect(batchSize(undefined)).toBe(1);
	});

	it('fits as many tiles as the budget holds, at least one and at most MAX_BATCH', () => {
		expect(batchSize(BATCH_BUDGET_MS / 4)).toBe(4);
		expect(batchSize(BATCH_BUDGET_MS / 2.5)).toBe(2);
		expect(batchSize(BATCH_BUDGET_MS)).toBe(1);
		// a z15 parcel tile of the 1M city costs ≈ 100 ms: alone, beside its neighbours on other cores
		expect(batchSize(100)).toBe(1);
		expect(batchSize(0.01)).toBe(MAX_BATCH);
		expect(batchSize(0)).toBe(MAX_BATCH);
	});

	it('never batches with no budget', () => {
		expect(batchSize(0.01, 0)).toBe(1);
	});
});
