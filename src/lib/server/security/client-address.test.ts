import { describe, expect, it } from 'vitest';
import { addressPolicy, clientAddressOf } from './client-address';

const socket = () => '10.0.0.5';
const headers = (h: Record<string, string>) => new Headers(h);

describe('clientAddressOf', () => {
	it('uses the socket address when no header is trusted, ignoring forwarded headers a client can write', () => {
		const policy = addressPolicy({});
		expect(clientAddressOf(headers({ 'x-forwarded-for': '203.0.113.9' }), socket, policy)).toBe('10.0.0.5');
		expect(clientAddressOf(headers({}), () => '::ffff:127.0.0.1', policy)).toBe('127.0.0.1');
	});

	it('takes the x-forwarded-for entry XFF_DEPTH from the right, not the spoofable left', () => {
		const forged = headers({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9, 10.0.0.2' });
		expect(clientAddressOf(forged, socket, addressPolicy({ ADDRESS_HEADER: 'X-Forwarded-For' }))).toBe('10.0.0.2');
		expect(clientAddressOf(forged, socket, addressPolicy({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' }))).toBe('203.0.113.9');
		expect(clientAddressOf(forged, socket, addressPolicy({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '4' }))).toBeNull();
	});

	it('reads a single-address header and tidies ports and brackets', () => {
		const policy = addressPolicy({ ADDRESS_HEADER: 'x-real-ip' });
		expect(clientAddressOf(headers({ 'x-real-ip': '198.51.100.4:51234' }), socket, policy)).toBe('198.51.100.4');
		expect(clientAddressOf(headers({ 'x-real-ip': '[2001:db8::1]:443' }), socket, policy)).toBe('2001:db8::1');
	});

	it('has no address when the trusted header is missing or is not an IP address', () => {
		const policy = addressPolicy({ ADDRESS_HEADER: 'x-real-ip' });
		expect(clientAddressOf(headers({}), socket, policy)).toBeNull();
		expect(clientAddressOf(headers({ 'x-real-ip': "1.2.3.4' or 1=1" }), socket, policy)).toBeNull();
		expect(clientAddressOf(headers({}), () => { throw new Error('no socket'); }, addressPolicy({}))).toBeNull();
	});
});
