/**
 * The planning page's calls to the conflicts API and the query strings it shares with its links.
 * Each call takes an AbortSignal so a newer click cancels a stale one.
 */
import type { FeatureCollection } from 'geojson';
import type { ConflictFilter, ConflictFormat, ConflictReport, ConflictRow, ConflictView } from '$lib/api/planning';

const ENDPOINT = '/api/planning/setback-conflicts';

/** `view=…&district=…&street=…&class=…&status=…` with only the parts that are set. */
export function conflictQuery(view: ConflictView, filter: Partial<ConflictFilter>, extra: Record<string, string | number> = {}): string {
	const params = new URLSearchParams({ view });
	const set = { district: filter.district, street: filter.street, class: filter.streetClass, status: filter.status, parcel: filter.parcel, ...extra };
	for (const [key, value] of Object.entries(set)) if (value !== null && value !== undefined) params.set(key, String(value));
	return params.toString();
}

export function downloadUrl(format: ConflictFormat, view: ConflictView, filter: ConflictFilter): string {
	return `${ENDPOINT}?${conflictQuery(view, filter, { format })}`;
}

async function get<T>(query: string, signal: AbortSignal): Promise<T> {
	const response = await fetch(`${ENDPOINT}?${query}`, { signal, headers: { accept: 'application/json' } });
	if (!response.ok) throw new Error(((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? response.statusText);
	return (await response.json()) as T;
}

/** The conflicts of one parcel, listed the way the table is (to find its row after a map click). */
export function conflictsOfParcel(parcelId: number, view: ConflictView, filter: ConflictFilter, signal: AbortSignal): Promise<ConflictReport> {
	return get(conflictQuery(view, { ...filter, parcel: parcelId }), signal);
}

/** The land a row's corridor takes, as GeoJSON features of kind `piece` for the map's highlight. */
export async function rowHighlight(row: ConflictRow, view: ConflictView, filter: ConflictFilter, signal: AbortSignal): Promise<FeatureCollection> {
	const own: Partial<ConflictFilter> =
		view === 'parcels' ? { ...filter, parcel: row.parcel!.id, street: row.street!.id }
		: view === 'streets' ? { ...filter, street: row.street!.id }
		: { ...filter, district: row.districts[0]?.id ?? null };
	const fc = await get<FeatureCollection>(conflictQuery('parcels', own, { format: 'geojson' }), signal);
	return { type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f, properties: { kind: 'piece', key: f.properties?.key } })) };
}
