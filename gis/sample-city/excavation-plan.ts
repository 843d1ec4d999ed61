/**
 * The SAMPLE city's excavation data as plain rows (no database): the utility companies, which
 * streets were lately resurfaced (moratoriums), and ~60 works in every status around "today" (the
 * day the sample is loaded, so the demo is alive on any date: planned works ahead, active ones
 * spanning today, completed ones behind). Deterministic: the same seed, streets and today give the
 * same rows.
 */
import { randomFor, type Random } from './prng';
import type { ExcavationPurpose, ExcavationStatus, OrganisationKind } from '../../src/lib/domain/excavation/works';
import { toJalali } from '../../src/lib/domain/jalali';
import { excavationReference } from '../../src/lib/domain/excavation/reference';
import { faDigits } from './names-fa';

/** The sample's fixed "today", the anchor of its cases (city-features.ts); the works take the load day instead (see sampleWorks). */
export const SAMPLE_TODAY = '2026-11-15';
const SAMPLE = 'داده نمونه';

export interface SampleOrganisation {
	code: string;
	kind: OrganisationKind;
	nameFa: string;
	nameEn: string;
}

export const SAMPLE_ORGANISATIONS: SampleOrganisation[] = [
	{ code: 'sample-abfa', kind: 'water', nameFa: `شرکت آب و فاضلاب اصفهان (${SAMPLE})`, nameEn: 'Isfahan Water and Wastewater Co. (sample)' },
	{ code: 'sample-gas', kind: 'gas', nameFa: `شرکت گاز استان اصفهان (${SAMPLE})`, nameEn: 'Isfahan Province Gas Co. (sample)' },
	{ code: 'sample-power', kind: 'power', nameFa: `شرکت توزیع نیروی برق اصفهان (${SAMPLE})`, nameEn: 'Isfahan Electricity Distribution Co. (sample)' },
	{ code: 'sample-telecom', kind: 'telecom', nameFa: `شرکت مخابرات استان اصفهان (${SAMPLE})`, nameEn: 'Isfahan Telecommunication Co. (sample)' },
	{ code: 'sample-city', kind: 'municipality', nameFa: `معاونت فنی و عمرانی شهرداری (${SAMPLE})`, nameEn: 'Municipal Technical and Civil Works (sample)' }
];

/** A street the plan may put works on: its id, class and length in metres. */
export interface CandidateStreet {
	id: number;
	cls: string;
	lengthM: number;
	widthM: number;
	/** Where along its first line (fraction 0–1) it runs through a protected area a dig is referred for; absent if nowhere. */
	protectedAt?: number;
}

export interface SampleMoratorium {
	streetId: number;
	from: string;
	until: string;
	reason: string;
	source: string;
}

export interface SampleWork {
	/** 0-based; the row's id is offset + index */
	index: number;
	reference: string;
	organisation: string;
	purpose: ExcavationPurpose;
	status: ExcavationStatus;
	emergency: boolean;
	start: string;
	end: string;
	streetId: number;
	/** where along the street's first line (fraction 0–1) and how long, m */
	at: number;
	lengthM: number;
	/** sideways from the centre line, m (positive: left) */
	offsetM: number;
	/** trench width, m; null for a pit */
	widthM: number | null;
	/** index of the work whose trench this one shares */
	sharesTrenchOf: number | null;
}

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Lately resurfaced streets: a few arterials and collectors, moratorium for three years from resurfacing. */
export function sampleMoratoriums(streets: readonly CandidateStreet[], seed: number, today: string = SAMPLE_TODAY): SampleMoratorium[] {
	const rnd = randomFor(seed, 'excavation', 'moratoriums');
	const main = streets.filter((s) => s.cls === 'arterial' || s.cls === 'collector');
	const picked = new Set<number>();
	while (picked.size < Math.min(6, main.length)) picked.add(main[Math.floor(rnd.next() * main.length)].id);
	return [...picked].sort((a, b) => a - b).map((streetId, i) => {
		const from = shift(today, -rnd.int(30, 400));
		return {
			streetId,
			from,
			until: shift(from, 3 * 365 - 1),
			reason: `روکش آسفالت — ${SAMPLE}`,
			source: `قرارداد روکش نمونه ${faDigits(i + 1)}`
		};
	});
}

const STATUS_COUNTS: [ExcavationStatus, number][] = [
	['draft', 2],
	['planned', 10],
	['approved', 6],
	['permitted', 6],
	['active', 12],
	['completed', 8],
	['remedial', 4],
	['closed', 6],
	['refused', 3],
	['cancelled', 3]
];

/** When each status's works run, relative to the sample's today: [first start, last start] in days, duration range. */
const TIMING: Record<ExcavationStatus, { start: [number, number]; days: [number, number] }> = {
	draft: { start: [20, 120], days: [2, 20] },
	planned: { start: [10, 90], days: [1, 30] },
	approved: { start: [5, 40], days: [1, 15] },
	permitted: { start: [2, 30], days: [1, 15] },
	active: { start: [-10, 0], days: [11, 25] },
	completed: { start: [-60, -20], days: [1, 15] },
	remedial: { start: [-90, -40], days: [1, 15] },
	closed: { start: [-200, -60], days: [1, 20] },
	refused: { start: [-30, 60], days: [2, 20] },
	cancelled: { start: [-60, 60], days: [2, 15] }
};

const PURPOSES: Record<OrganisationKind, ExcavationPurpose[]> = {
	water: ['repair', 'new_connection', 'maintenance', 'network_extension'],
	gas: ['new_connection', 'network_extension', 'maintenance'],
	power: ['network_extension', 'diversion', 'repair'],
	telecom: ['network_extension', 'new_connection'],
	municipality: ['reinstatement', 'survey', 'other'],
	other: ['other']
};

function work(index: number, status: ExcavationStatus, street: CandidateStreet, rnd: Random, today: string, atHint?: number): SampleWork {
	const org = rnd.pick(SAMPLE_ORGANISATIONS);
	const { start: [a, b], days } = TIMING[status];
	const start = shift(today, rnd.int(a, b));
	const pit = rnd.chance(0.12);
	const lengthM = pit ? 0 : Math.round(rnd.range(15, Math.min(120, street.lengthM * 0.6)));
	// most trenches run in the carriageway; a third along the footway (half the width, less a metre)
	const offsetM = rnd.chance(0.33) && street.cls !== 'alley' ? (rnd.chance(0.5) ? 1 : -1) * (street.widthM / 2 - 1.5) : rnd.range(-1.5, 1.5);
	return {
		index,
		// numbered in the Jalali year of the sample's today, as a work filed that day would be
		// the work's id in a fresh city (the loader numbers them from 1), numbered as filing numbers them
		reference: excavationReference(toJalali(today).year, index + 1),
		organisation: org.code,
		purpose: rnd.pick(PURPOSES[org.kind]),
		status,
		emergency: false,
		start,
		end: shift(start, rnd.int(days[0], days[1]) - 1),
		streetId: street.id,
		at: atHint ?? rnd.range(0.05, 0.5),
		lengthM,
		offsetM: Math.round(offsetM * 10) / 10,
		widthM: pit ? null : Math.round(rnd.range(0.4, 1.2) * 10) / 10,
		sharesTrenchOf: null
	};
}

/**
 * ~60 works in every status: spread over the city, plus a few placed on purpose so the sample
 * shows what the check finds: a cluster on one arterial whose dates overlap (clashes), emergency
 * repairs and a refused work on moratorium streets, and two works sharing another's trench.
 */
export function sampleWorks(streets: readonly CandidateStreet[], moratoriums: readonly SampleMoratorium[], seed: number, today: string = SAMPLE_TODAY): SampleWork[] {
	const rnd = randomFor(seed, 'excavation', 'works');
	const onMoratorium = moratoriums.map((m) => m.streetId);
	// works go where digging is allowed; the ones below placed on moratorium streets on purpose
	const usable = streets.filter((s) => s.lengthM >= 150 && !onMoratorium.includes(s.id));
	if (usable.length === 0) return [];
	const statuses = STATUS_COUNTS.flatMap(([status, n]) => Array.from({ length: n }, () => status));
	const works = statuses.map((status, i) => work(i, status, usable[Math.floor(rnd.next() * usable.length)], rnd, today));
	/** Moves a work to another street, keeping its sideways offset inside that street's width (its footway at most). */
	const moveTo = (w: SampleWork, streetId: number): SampleWork => {
		const street = streets.find((s) => s.id === streetId);
		const limit = street ? Math.max(0, street.widthM / 2 - 1.5) : 0;
		return Object.assign(w, { streetId, offsetM: Math.max(-limit, Math.min(limit, w.offsetM)) });
	};

	// every utility's demo accounts (water.applicant, gas.supervisor, …) find works waiting for them
	for (const status of ['approved', 'permitted', 'active', 'remedial'] as const) {
		works
			.filter((w) => w.status === status)
			.forEach((w, k) => {
				const org = SAMPLE_ORGANISATIONS[k % 4];
				Object.assign(w, { organisation: org.code, purpose: PURPOSES[org.kind][k % PURPOSES[org.kind].length] });
			});
	}

	// a cluster on the first long arterial: approved water and planned gas and power works, same weeks, metres apart
	const arterial = usable.find((s) => s.cls === 'arterial') ?? usable[0];
	const clustered = [works.find((w) => w.status === 'approved')!, ...works.filter((w) => w.status === 'planned').slice(0, 2)];
	clustered.forEach((w, k) => Object.assign(moveTo(w, arterial.id), { at: 0.2 + k * 0.01, start: shift(today, 12 + k * 3), end: shift(today, 24 + k * 3), widthM: w.widthM ?? 0.8, lengthM: w.lengthM || 40 }));

	// emergency repairs (two of them on moratorium streets, where only emergencies may dig) and a refused dig on one;
	// two began yesterday, two 6 days ago and were never regularised (overdue in the officer's cartable)
	works
		.filter((w) => w.status === 'active')
		.slice(0, 4)
		.forEach((w, k) => {
			Object.assign(w, { emergency: true, purpose: 'repair', start: shift(today, k % 2 === 0 ? -1 : -6), end: shift(today, 1 + (k % 2)) });
			if (k < 2 && onMoratorium[k] !== undefined) moveTo(w, onMoratorium[k]);
		});
	const refused = works.find((w) => w.status === 'refused');
	if (refused && onMoratorium.length > 0) moveTo(refused, onMoratorium[onMoratorium.length - 1]);

	// telecom laying duct in trenches others dig (trench sharing): permitted digs not yet begun, so the planned guest's dates lie ahead too
	const hosts = works
		.filter((w) => w.status === 'permitted' && w.widthM !== null && !w.emergency && w.organisation !== 'sample-telecom')
		.slice(-2);
	const guests = works.filter((w) => w.status === 'planned' && !clustered.includes(w)).slice(0, hosts.length);
	guests.forEach((guest, k) => {
		const host = hosts[k];
		Object.assign(guest, {
			organisation: 'sample-telecom',
			purpose: 'network_extension',
			streetId: host.streetId,
			at: host.at,
			lengthM: host.lengthM,
			offsetM: host.offsetM,
			widthM: host.widthM,
			start: host.start,
			end: host.end,
			sharesTrenchOf: host.index
		});
	});

	// a dig awaiting review in a protected area (the heritage buffer): it waits on the agency's answer, in its inbox
	const protectedStreet = usable.find((st) => st.protectedAt !== undefined);
	const referred = works.find((w) => w.status === 'planned' && !w.emergency && !clustered.includes(w) && !guests.includes(w));
	if (protectedStreet && referred) {
		moveTo(referred, protectedStreet.id);
		referred.at = Math.max(0, protectedStreet.protectedAt! - referred.lengthM / 2 / protectedStreet.lengthM);
	}
	return works;
}
