export { COLLECTION_IDS, COLLECTIONS, findCollection, allCollections, property, type CollectionId, type Collection } from './catalogue';
export { ogcEndpoint, type OgcAnswer } from './http';
export { MEDIA, OgcUrls } from './links';
export { openApiDocument } from './openapi';
export {
	collectionDocument,
	collectionsDocument,
	conformance,
	CONFORMANCE,
	COUNT_CAP,
	itemDocument,
	itemsDocument,
	landingPage,
	schemaDocument
} from './ogc.service';
export { DEFAULT_LIMIT, MAX_LIMIT, METADATA_PARAMETERS, ITEMS_PARAMETERS, parseItemsQuery } from './query';
