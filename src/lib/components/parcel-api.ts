/**
 * The browser's calls to the parcel API. Each takes an AbortSignal so a newer click or keystroke
 * cancels the stale request; errors carry the server's message (already in the user's language).
 */
import type { ApiError, ParcelDetail, SearchHit } from '$lib/api/parcel';
import { toLatinDigits } from '$lib/i18n';

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
	const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
	if (response.ok) return (await response.json()) as T;
	let body: Partial<ApiError> = {};
	try {
		body = await response.json();
	} catch {
		// not JSON: fall through with the status alone
	}
	throw new ApiFailure(response.status, body.error?.code ?? `http_${response.status}`, body.error?.message ?? response.statusText);
}

export function parcelAt(lon: number, lat: number, signal: AbortSignal): Promise<ParcelDetail> {
	return getJson(`/api/parcels/at?lon=${lon.toFixed(7)}&lat=${lat.toFixed(7)}`, signal);
}

export function parcelById(id: number, signal: AbortSignal): Promise<ParcelDetail> {
	return getJson(`/api/parcels/${encodeURIComponent(String(id))}`, signal);
}

export async function searchParcels(query: string, signal: AbortSignal): Promise<SearchHit[]> {
	const q = toLatinDigits(query.trim());
	const { hits } = await getJson<{ hits: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}`, signal);
	return hits;
}

export function isAbort(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'AbortError';
}
