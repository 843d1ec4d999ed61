/**
 * Case documents: type checked by content, bytes stored outside the database by SHA-256,
 * versions kept, read only by those who may see the case.
 */
export { FileStore, defaultFileStore } from './file-store';
export { detectMediaType, MAX_DOCUMENT_BYTES, MEDIA_TYPE_NAMES } from './media-type';
export { acceptedMediaTypes, documentKindName, isCollectionKind, STAFF_DOCUMENT_KINDS, type StoredDocumentKind } from './document-kinds';
export { checkUpload, readDocument, storeDocuments, toDocumentInfo, FileWrites, type UploadInput, type StagedUploadInput, type AnyUploadInput, type CheckedUpload, type DocumentInfo } from './document.service';
export { isKeyReferencedAnywhere, sweepUnreferencedFiles, startFileSweep, SWEEP_GRACE_MS } from './file-sweep';
export { readStreamedForm, stagedByKind, stagedOf, streamErrors, STAGING_DIR, type StagedFile, type StreamedForm, type StreamLimits } from './streamed-upload';
