/** The one source of truth for tables and their types, one file per domain; drizzle.config.ts reads this file. */
export * from './auth';
export * from './learning';
export * from './supervision';
export * from './groups';
export * from './xapi';
export * from './keys';
export * from './assessment';
export * from './certificates';
export * from './certificate-skills';
export * from './practice';
export * from './rating';
export * from './lti';
