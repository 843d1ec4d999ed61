/**
 * SAMPLE permits for demo mode («نمونه — sample»): the demo citizen زهرا کریمی gets three building
 * permits worked through the real services, so each side finds one after signing in: one whose
 * zoning statement was issued by itself and which waits for her drawings and proposal; one whose
 * proposal passed and whose bill waits to be paid in the sandbox gateway; and one whose proposal
 * the rule check refused, waiting at the technical review for the district officer to decide. These
 * are the steps past the drawings the sample history does not leave cases at (gis/sample-city/
 * history-plan.ts). Their documents are watermarked as sample data like every document issued in
 * demo mode.
 */
import { askDeedsRegistry, serverDeedsRegistry } from '../registries';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { DEMO_CITIZENS } from '../auth/demo-accounts';
import { actOnCase, fileRequest } from '../cases';
import { parseProposal, sampleHouse, type Proposal } from '../../domain/rules';
import type { SessionUser } from '../auth/types';
import { checkParcelProposal } from '../rules/proposal-check.service';
import { submitProposal, uploadDrawings } from './proposal.service';
import { zoningRulesOf } from './stages.service';
import { sampleDocument } from '../documents/sample-pdf';
import { demoCitizen, districtOfficerOf } from '../cases/sample-citizens';

/** Returns how many sample permits were seeded (0 when the citizen or a suitable parcel is missing). */
export async function seedSamplePermits(db: Kysely<DB>, { now = new Date() } = {}): Promise<number> {
	const citizen = await demoCitizen(db, 2);
	if (!citizen) return 0;
	const { rows: candidates } = await sql<{ id: number; district_id: number; registration_plate: string | null; registry_section: string | null }>`
		select p.id, p.district_id, p.registration_plate, p.registry_section
		from parcels p
		where p.district_id is not null and p.open_cases = 0 and p.area_m2 between 150 and 2000
			and not exists (select 1 from buildings b where b.parcel_id = p.id)
			and not exists (select 1 from overlays o where ST_Intersects(o.geom, p.geom))
		order by p.id limit 1200`.execute(db);
	const deeds = serverDeedsRegistry();
	const ctx = { sender: null, now };
	let seeded = 0;
	for (const c of candidates) {
		if (seeded === 3) break;
		const parcelId = Number(c.id);
		// her own parcels, as the deeds registry in use has them (filing a permit needs ownership)
		if (!c.registration_plate) continue;
		const deed = await askDeedsRegistry(deeds, { plate: c.registration_plate, section: c.registry_section });
		if (deed.status !== 'found' || !deed.owners.includes(DEMO_CITIZENS[2].nationalId)) continue;
		if (!(await zoningRulesOf(db, parcelId, now)).ok) continue;
		const passing = await sampleProposalFor(db, parcelId);
		if (!passing) continue;
		const { body, floor } = passing;
		const officer = await districtOfficerOf(db, c.district_id);
		if (!officer) continue;

		// the third: six storeys where the zone allows fewer, which the rule check refuses (the officer decides)
		const refused = seeded === 2 ? await refusedVariant(db, parcelId, body, floor) : null;
		if (seeded === 2 && !refused) continue;

		const filed = await fileRequest(db, citizen, { parcelId, requestType: 'building_permit_new', documents: [sampleDocument('deed', 'Deed'), sampleDocument('national_card', 'National card')] }, ctx);
		await actOnCase(db, officer, filed.id, { type: 'approve', stepId: 'district_review', to: 'zoning_statement' }, {}, ctx);
		const sent = seeded === 1 ? passing : refused;
		if (sent) await sendSampleDrawings(db, citizen, filed.id, sent, now);
		seeded++;
	}
	return seeded;
}

/**
 * The applicant sends the proposal and SAMPLE drawings and approves the drawings step, as on the
 * case page: from there the system checks the proposal, assesses the fees and bills them, or holds
 * the case for the district officer where the check refuses it.
 */
export async function sendSampleDrawings(db: Kysely<DB>, applicant: SessionUser, caseId: number, sent: { proposal: Proposal; body: unknown }, now: Date) {
	const ctx = { sender: null, now };
	await submitProposal(db, applicant, caseId, sent.proposal, sent.body, ctx);
	await uploadDrawings(db, applicant, caseId, [sampleDocument('engineering_drawings', 'Drawings')], ctx);
	await actOnCase(db, applicant, caseId, { type: 'approve', stepId: 'drawings_submission' }, {}, ctx);
}

/**
 * The sample house (domain/rules' sampleHouse) on the parcel shrunk to half its size about its
 * centre, on pilotis where the zone allows them: null when it does not pass the rule check there.
 */
export async function sampleProposalFor(db: Kysely<DB>, parcelId: number, on?: Parameters<typeof checkParcelProposal>[3]) {
	const found = await sampleProposalOrNearest(db, parcelId, on);
	return found?.check.ok ? found : null;
}

/**
 * {@link sampleProposalFor}'s house, or where neither variant passes the rule check the one with the
 * fewest failures (without pilotis on a tie): what an applicant would send and an officer accept with
 * a reason. Null when the parcel leaves no footprint.
 */
export async function sampleProposalOrNearest(db: Kysely<DB>, parcelId: number, on?: Parameters<typeof checkParcelProposal>[3]) {
	const row = await db
		.selectFrom('parcels')
		.select(sql<string>`ST_AsGeoJSON(ST_Transform(ST_Scale(geom, ST_MakePoint(0.5, 0.5), ST_Centroid(geom)), 4326), 8)`.as('footprint'))
		.where('id', '=', parcelId)
		.executeTakeFirst();
	if (!row) return null;
	const geometry = JSON.parse(row.footprint);
	const probe = await checkParcelProposal(db, parcelId, parseOk({ floors: [{ level: 1, use: 'residential', area_m2: 1 }], footprint: geometry, height_m: 3, units: [{ area_m2: 85 }], parking_spaces: 1 }), on);
	const area = probe.facts.footprint?.area_m2;
	if (!area) return null;
	const floor = Math.floor(area);
	const variant = async (pilotis: boolean) => {
		const body = sampleHouse({ footprint: geometry }, floor, pilotis, probe.facts.net_area_m2);
		const proposal = parseOk(body);
		const check = await checkParcelProposal(db, parcelId, proposal, on);
		return { body, proposal, floor, check, geometry };
	};
	const onPilotis = await variant(true);
	if (onPilotis.check.ok) return onPilotis;
	const without = await variant(false);
	return without.check.ok || without.check.summary.fail <= onPilotis.check.summary.fail ? without : onPilotis;
}

/** Six storeys on the same footprint, or null when the parcel's rules would allow them. */
async function refusedVariant(db: Kysely<DB>, parcelId: number, body: Record<string, unknown>, floor: number) {
	const tall = { ...body, floors: [1, 2, 3, 4, 5, 6].map((level) => ({ level, use: 'residential', area_m2: floor })), height_m: 19, pilotis: false };
	const proposal = parseOk(tall);
	return (await checkParcelProposal(db, parcelId, proposal)).ok ? null : { body: tall, proposal };
}

function parseOk(body: unknown) {
	const parsed = parseProposal(body);
	if (!parsed.ok) throw new Error(`sample proposal: ${JSON.stringify(parsed.errors)}`);
	return parsed.value;
}
