/**
 * What /supervision shows (issue 8, §7) after the SAMPLE seeding: the demo supervisor finds works
 * waiting with reports filed; the district officer the district's works, reports and the violation
 * case; report photos only for the work's engineer and the district's officers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../db';
import { buildCaseWorld, SUNDAY_MORNING, type CaseWorld } from '../factories/case-world';
import { engineerUser } from '../factories/supervision';
import { readReportPhoto, seedSampleSupervision, supervisionPage, type SupervisionPage } from '../../src/lib/server/supervision';
import { listCartable } from '../../src/lib/server/cases';
import { findActiveUser } from '../../src/lib/server/auth/users.repository';
import type { SessionUser } from '../../src/lib/server/auth';

let database: TestDatabase;
let world: CaseWorld;
let supervisor: SessionUser;
let mine: SupervisionPage;

beforeAll(async () => {
	database = await openTestDatabase();
	world = await buildCaseWorld(database.db);
	// three more lots in district 6 beside parcel 6, so the sample has its five works
	for (const [i, dx] of [80, 120, 160].entries()) {
		await sql`insert into parcels (renovation_code, district_id, geom)
			select ${`6-101-${i + 3}`}, district_id, ST_Translate(geom, ${dx}::float8, 0) from parcels where id = ${world.parcel6}`.execute(database.db);
	}
	const { id } = await database.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
	supervisor = (await findActiveUser(database.db, id))!;
	expect(await seedSampleSupervision(database.db, { now: SUNDAY_MORNING, files: world.files })).toBe(true);
	mine = await supervisionPage(database.db, supervisor, SUNDAY_MORNING);
});

afterAll(async () => {
	world?.cleanup();
	await database?.close();
});

describe('the SAMPLE supervision', () => {
	it('is seeded once', async () => {
		expect(await seedSampleSupervision(database.db, { now: SUNDAY_MORNING, files: world.files })).toBe(false);
	});

	it('gives the demo supervisor works in turn with the second engineer, some with reports', () => {
		expect(mine.role).toBe('engineer');
		expect(mine.works).toHaveLength(3);
		expect(mine.quota).toMatchObject({ year: 1404, usedWorks: 3 });
		const reported = mine.works.filter((w) => w.reports.length > 0);
		expect(reported).toHaveLength(2);
		const first = mine.works.find((w) => w.reports.length === 2)!;
		expect(first.stagesDone).toEqual(['foundation', 'skeleton']);
		expect(first.stagesPending[0]).toBe('rough_construction');
		expect(first.point).not.toBeNull();
		expect(first.geometry?.type).toBe('MultiPolygon');
		expect(mine.works.some((w) => w.openViolations === 1)).toBe(true);
	});
});

describe('the district officer', () => {
	it('sees the district’s works with their engineers, the latest reports and the violation case in the cartable', async () => {
		const page = await supervisionPage(database.db, world.users.officer6, SUNDAY_MORNING);
		expect(page.role).toBe('officer');
		expect(page.works).toHaveLength(5);
		expect(new Set(page.works.map((w) => w.engineerName)).size).toBe(2);
		expect(page.reports).toHaveLength(3);
		const violation = page.reports.find((r) => r.violation)!;
		expect(violation.violation).toMatchObject({ kind: 'beyond_widening_line', measuredExcess: 14 });
		expect(page.engineers).toHaveLength(2);
		const cartable = await listCartable(database.db, world.users.officer6, 'unassigned', world.ctx());
		expect(cartable.map((c) => c.id)).toContain(violation.violation!.caseId);
	});

	it('of another district sees none of it; a citizen is refused', async () => {
		const other = await supervisionPage(database.db, world.users.officer7, SUNDAY_MORNING);
		expect(other.works).toEqual([]);
		expect(other.reports).toEqual([]);
		await expect(supervisionPage(database.db, world.users.maryam, SUNDAY_MORNING)).rejects.toMatchObject({ status: 403 });
	});
});

describe('report photos', () => {
	it('are served to the engineer and the district’s officer, and to nobody else', async () => {
		const photoId = mine.works.flatMap((w) => w.reports).flatMap((r) => r.photoIds)[0];
		const seen = await readReportPhoto(database.db, supervisor, photoId, world.files);
		expect(seen.mediaType).toBe('image/png');
		expect([...seen.bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
		await expect(readReportPhoto(database.db, world.users.officer6, photoId, world.files)).resolves.toMatchObject({ mediaType: 'image/png' });
		const stranger = await engineerUser(database.db, 'eng.stranger', 'مهندس دیگر');
		for (const who of [world.users.officer7, stranger, world.users.maryam]) {
			await expect(readReportPhoto(database.db, who, photoId, world.files)).rejects.toMatchObject({ status: 404 });
		}
	});
});
