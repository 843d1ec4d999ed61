/**
 * The drawing pages' calls to the server: JSON in, JSON out, the server's message (already in the
 * reader's language) carried by an ApiFailure on any refusal; and the live check, debounced, where
 * a newer drawing cancels the answer to an older one.
 */
import type { ExcavationCheck } from '$lib/api/excavation';
import { ApiFailure, isAbort } from '../parcel-api';
import { requestKey } from './drawn-shapes';

export { ApiFailure, isAbort };

/** A refusal that names fields (the proposal check's 400): each problem with its path, in the reader's language. */
export interface FieldProblem {
	path: string;
	code: string;
	message: string;
}

export class FieldsFailure extends ApiFailure {
	constructor(status: number, code: string, message: string, readonly fields: FieldProblem[]) {
		super(status, code, message);
	}
}

/** POSTs `body` as JSON and returns the answer's JSON, or throws ApiFailure with the server's code and message. */
export async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
	const response = await fetch(url, {
		method: 'POST',
		signal,
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	let json: unknown = null;
	try {
		json = await response.json();
	} catch {
		// not JSON: the status alone says what happened
	}
	if (response.ok) return json as T;
	const error = (json as { error?: { code?: string; message?: string; fields?: FieldProblem[] } } | null)?.error;
	const code = error?.code ?? `http_${response.status}`;
	const message = error?.message ?? response.statusText;
	if (Array.isArray(error?.fields)) throw new FieldsFailure(response.status, code, message, error.fields);
	throw new ApiFailure(response.status, code, message);
}

export interface LiveCheckHandlers {
	onstart: () => void;
	onresult: (result: ExcavationCheck) => void;
	onerror: (failure: ApiFailure | Error) => void;
}

/**
 * Calls `POST /api/excavations/check` `delayMs` after the last change: typing a width or dragging
 * a vertex sends one request, not one per keystroke; an answer to an older drawing is dropped.
 */
export function liveCheck(handlers: LiveCheckHandlers, delayMs = 350) {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let inFlight: AbortController | null = null;
	let lastKey = '';

	function cancel() {
		if (timer) clearTimeout(timer);
		timer = null;
		inFlight?.abort();
		inFlight = null;
	}

	async function run(body: unknown) {
		const current = (inFlight = new AbortController());
		handlers.onstart();
		try {
			const result = await postJson<ExcavationCheck>('/api/excavations/check', body, current.signal);
			if (current === inFlight) handlers.onresult(result);
		} catch (err) {
			if (isAbort(err) || current !== inFlight) return;
			lastKey = ''; // the same drawing may be tried again
			handlers.onerror(err instanceof Error ? err : new Error(String(err)));
		}
	}

	return {
		/** Check `body` soon, unless it is what was last checked. */
		schedule(body: unknown) {
			const key = requestKey(body);
			if (key === lastKey) return;
			cancel();
			lastKey = key;
			timer = setTimeout(() => void run(body), delayMs);
		},
		/** Nothing to check (no shape, bad dates): drop what is pending. */
		clear() {
			cancel();
			lastKey = '';
		},
		cancel
	};
}
