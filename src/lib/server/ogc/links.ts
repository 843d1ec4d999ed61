/** Media types of the OGC API's answers (OGC API – Features, Part 1, §7 and the OpenAPI 3.0 conformance class). */
export const MEDIA = {
	json: 'application/json',
	geojson: 'application/geo+json',
	openapi: 'application/vnd.oai.openapi+json;version=3.0',
	jsonSchema: 'application/schema+json'
} as const;

export type MediaType = (typeof MEDIA)[keyof typeof MEDIA];

export interface Link {
	href: string;
	rel: string;
	type: MediaType;
	title?: string;
}

export const link = (href: string, rel: string, type: MediaType, title?: string): Link => (title ? { href, rel, type, title } : { href, rel, type });

/** Absolute addresses under the API's root (`<origin>/ogc`), so links work whoever follows them. */
export class OgcUrls {
	constructor(readonly root: string) {}

	static of(url: URL): OgcUrls {
		return new OgcUrls(`${url.origin}/ogc`);
	}

	api = () => `${this.root}/api`;
	conformance = () => `${this.root}/conformance`;
	collections = () => `${this.root}/collections`;
	collection = (id: string) => `${this.root}/collections/${encodeURIComponent(id)}`;
	schema = (id: string) => `${this.collection(id)}/schema`;
	item = (id: string, fid: number) => `${this.collection(id)}/items/${fid}`;

	/** `/collections/{id}/items` with the given query parameters (in the order given, null ones left out; commas kept readable). */
	items(id: string, query: Record<string, string | number | null> = {}): string {
		const text = Object.entries(query)
			.filter(([, value]) => value !== null)
			.map(([name, value]) => `${name}=${encodeURIComponent(String(value)).replaceAll('%2C', ',')}`)
			.join('&');
		return `${this.collection(id)}/items${text ? `?${text}` : ''}`;
	}
}
