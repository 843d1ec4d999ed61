// Roles and agencies are plain data the browser shows too: they live in the client-safe domain.
export * from '../../domain/roles';
