/**
 * What the load test saw: each call's time and outcome per operation, and every write the app
 * acknowledged (or did not), for the verification afterwards.
 */
import { percentile } from './loadtest-harness';

export interface Acks {
	filings: { nationalId: string; caseId: number; trackingCode: string; docs: { kind: string; sha: string }[] }[];
	claims: { userId: number; caseId: number }[];
	acts: { userId: number; caseId: number; type: 'approve' | 'request_document' }[];
	taskAnswers: { caseId: number; taskId: number; sha: string }[];
	/**
	 * writes the app refused or failed: nothing they carried may exist; `uncertain` when no answer
	 * came (a timeout, or a dropped answer whose retry got none either); `event` names the case
	 * event an uncertain action may have left (`case:user:action`)
	 */
	unacknowledged: { what: string; status: number; shas: string[]; uncertain: boolean; event?: string }[];
	/** writes whose first answer was lost (dropped or a network error) and that were sent again with the same idempotency key */
	retried: { what: string; shas: string[]; acknowledged: boolean }[];
}

type Outcome = 'ok' | 'refused' | 'error' | 'timeout' | 'dropped';

function outcomeOf(result: unknown): { outcome: Outcome; status: number } {
	const r = result as { type?: string; status?: number; http?: number };
	const status = r?.status ?? 0;
	if (r?.type !== undefined) {
		if (r.type === 'success' || r.type === 'redirect') return { outcome: 'ok', status };
		if (r.type === 'failure' && status < 500) return { outcome: 'refused', status };
		return { outcome: 'error', status };
	}
	if (status > 0 && status < 400) return { outcome: 'ok', status };
	if (status >= 400 && status < 500) return { outcome: 'refused', status };
	return { outcome: 'error', status };
}

export class Recorder {
	acks: Acks = { filings: [], claims: [], acts: [], taskAnswers: [], unacknowledged: [], retried: [] };
	private samples = new Map<string, { ms: number[]; ok: number; refused: number; errors: number; timeouts: number; dropped: number; statuses: Map<string, number> }>();
	private errorLog: string[] = [];

	/** Times `call`; a thrown error (network, timeout) counts as an error and answers status 0. */
	async time<T>(op: string, call: () => Promise<T>): Promise<T> {
		const t0 = performance.now();
		let result: T;
		let thrown: Outcome | null = null;
		try {
			result = await call();
		} catch (err) {
			const name = (err as Error).name;
			// the harness's own drop of an answer (Browser.action's dropAfterMs) is not the server's fault
			thrown = name === 'TimeoutError' ? 'timeout' : name === 'AbortError' ? 'dropped' : 'error';
			if (thrown === 'error') this.errorLog.push(`${op}: ${(err as Error).message}`);
			result = { http: 0, type: 'unknown', status: 0, text: '' } as T;
		}
		const ms = performance.now() - t0;
		const s = this.samples.get(op) ?? { ms: [] as number[], ok: 0, refused: 0, errors: 0, timeouts: 0, dropped: 0, statuses: new Map<string, number>() };
		this.samples.set(op, s);
		const { outcome, status } = thrown ? { outcome: thrown, status: 0 } : outcomeOf(result);
		if (outcome !== 'dropped') s.ms.push(ms); // a dropped answer's time is the harness's choice, not the server's
		s[outcome === 'ok' ? 'ok' : outcome === 'refused' ? 'refused' : outcome === 'timeout' ? 'timeouts' : outcome === 'dropped' ? 'dropped' : 'errors']++;
		if (outcome !== 'ok') {
			const code = ((result as { data?: { code?: string } }).data?.code as string | undefined) ?? '';
			const key = `${status}${code ? ' ' + code : ''}`;
			s.statuses.set(key, (s.statuses.get(key) ?? 0) + 1);
		}
		return result;
	}

	/** 5xx answers and dropped connections (a request the client gave up on after 60 s is counted apart). */
	serverErrors(): number {
		let n = 0;
		for (const s of this.samples.values()) n += s.errors;
		return n;
	}

	report(seconds: number, setup: Record<string, number>): string {
		const rows = [...this.samples.entries()].map(([op, s]) => {
			const sorted = [...s.ms].sort((a, b) => a - b);
			const refusals = [...s.statuses.entries()].map(([k, v]) => `${k}×${v}`).join(', ');
			const calls = s.ms.length + s.dropped;
			return `| ${op} | ${calls} | ${(calls / seconds).toFixed(2)} | ${s.ok} | ${s.refused} | ${s.errors} | ${s.timeouts} | ${s.dropped} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} | ${refusals} |`;
		});
		const total = [...this.samples.values()].reduce((n, s) => n + s.ms.length + s.dropped, 0);
		return [
			`Load: ${setup.citizens} citizens, ${setup.officers} officers, ${setup.instances} server instance(s), sample city of ${setup.parcels} parcels, ${seconds.toFixed(0)} s, ${setup.cpus} CPU cores (1-min load average at the end: ${setup.load.toFixed(1)}).`,
			`${total} requests, ${(total / seconds).toFixed(1)} per second overall. ${((setup.drop ?? 0) * 100).toFixed(0)} % of the writes had their answer dropped by the harness and were sent again with the same idempotency key (LOADTEST_DROP).`,
			'',
			'| operation | calls | per s | ok | refused (4xx) | errors (5xx, dropped) | client gave up (60 s) | answer dropped by the harness | p50 ms | p95 ms | p99 ms | refusals / errors by status |',
			'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
			...rows,
			...(this.errorLog.length ? ['', 'Network errors (first 10):', ...this.errorLog.slice(0, 10).map((e) => `- ${e}`)] : [])
		].join('\n');
	}
}
