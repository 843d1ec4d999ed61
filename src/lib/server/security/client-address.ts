import { isIP } from 'node:net';

/**
 * Which header tells the client's address when the app runs behind a proxy: adapter-node's own
 * `ADDRESS_HEADER` and `XFF_DEPTH`, read the same way, so rate limits and the case record see the
 * same address whether the app runs built, under `vite dev` or in a test.
 */
export interface AddressPolicy {
	/** Lower-case header name (`x-forwarded-for`, `x-real-ip`, `cf-connecting-ip`…), or null: the socket's address. */
	header: string | null;
	/** With `x-forwarded-for`: how many proxies we run, i.e. which entry from the right is the client's. */
	xffDepth: number;
}

export function addressPolicy(env: NodeJS.ProcessEnv = process.env): AddressPolicy {
	const header = (env.ADDRESS_HEADER ?? '').trim().toLowerCase() || null;
	const depth = Number(env.XFF_DEPTH ?? '1');
	return { header, xffDepth: Number.isInteger(depth) && depth > 0 ? depth : 1 };
}

/** An IP address as written in a header (`[::1]`, `1.2.3.4:5678` and IPv4-mapped IPv6 tidied), or null. */
function parseAddress(raw: string): string | null {
	let value = raw.trim();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
	if (bracketed) value = bracketed[1];
	else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
	if (value.toLowerCase().startsWith('::ffff:') && isIP(value.slice(7)) === 4) value = value.slice(7);
	return isIP(value) ? value : null;
}

/**
 * The client's address by `policy`: from the trusted header when one is configured (with
 * `x-forwarded-for`, the entry `xffDepth` from the right: entries further left were written by the
 * client and prove nothing), else the socket's (`socketAddress`). Null when there is no usable
 * address: the header is missing or holds something that is not an IP address.
 */
export function clientAddressOf(headers: Headers, socketAddress: () => string, policy: AddressPolicy): string | null {
	if (!policy.header) {
		try {
			return parseAddress(socketAddress());
		} catch {
			return null;
		}
	}
	const value = headers.get(policy.header);
	if (value === null) return null;
	if (policy.header !== 'x-forwarded-for') return parseAddress(value);
	const hops = value.split(',');
	return hops.length >= policy.xffDepth ? parseAddress(hops[hops.length - policy.xffDepth]) : null;
}
