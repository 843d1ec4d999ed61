import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { askDeedsRegistry, serverDeedsRegistry, type DeedsRegistry } from '../registries';
import type { RequestTypeDefinition } from '../workflows';
import { caseErrors } from './errors';
import { trustErrors } from './trust-errors';

/**
 * Ownership (issue 7): a request that changes or certifies what stands on a parcel — permits,
 * demolition, certificates, a transfer — is filed only for a registered owner of its registration
 * plate, as the deeds registry names them. Inquiries (bank, notary) ask about a parcel and need no
 * ownership.
 */
export const OWNERSHIP_FAMILIES: ReadonlySet<string> = new Set(['building_permit', 'demolition', 'certificate', 'transfer']);

export function requiresOwnership(definition: RequestTypeDefinition): boolean {
	return OWNERSHIP_FAMILIES.has(definition.family);
}

export interface ParcelOwners {
	plate: string;
	/** National ids of the registered owners (one or more: shared ownership). */
	owners: ReadonlySet<string>;
}

/**
 * Asks the deeds registry who owns the parcel's plate, before any transaction is opened (an outside
 * call never holds a database lock).
 * @throws NotFoundError for a missing parcel; BadInputError `parcel_without_plate`;
 *   ConflictError `plate_not_registered`; RegistryUnavailableError `deeds_registry_unavailable` (503)
 */
export async function ownersOfParcel(db: Kysely<DB>, parcelId: number, registry: DeedsRegistry = serverDeedsRegistry()): Promise<ParcelOwners> {
	const parcel = await db.selectFrom('parcels').select(['registration_plate', 'registry_section']).where('id', '=', parcelId).executeTakeFirst();
	if (!parcel) throw caseErrors.parcelNotFound();
	const plate = parcel.registration_plate?.trim();
	if (!plate) throw trustErrors.parcelWithoutPlate();
	const answer = await askDeedsRegistry(registry, { plate, section: parcel.registry_section ?? null });
	if (answer.status === 'unavailable') throw trustErrors.deedsUnavailable();
	if (answer.status === 'not_found' || answer.owners.length === 0) throw trustErrors.plateNotRegistered(plate);
	return { plate, owners: new Set(answer.owners) };
}
