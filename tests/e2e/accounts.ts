/** Test-only supervisors, made by the web server command in playwright.config.ts on a throwaway database. */
export const SUPERVISOR_PASSWORD = 'e2e supervisor wachtwoord';
export const SUPERVISOR_ONE = 'supervisor-one@e2e.ontroerd.nl';
export const SUPERVISOR_TWO = 'supervisor-two@e2e.ontroerd.nl';
/** The course owner (role admin) of tests/e2e/authz-matrix.spec.ts, made the same way; the supervisors' password. */
export const ADMIN = 'admin@e2e.ontroerd.nl';
/** The growth walk's raters (tests/e2e/growth.spec.ts), one per project: a rater's queue then holds only that walk's responses. */
export const SUPERVISOR_THREE = 'supervisor-three@e2e.ontroerd.nl';
export const SUPERVISOR_FOUR = 'supervisor-four@e2e.ontroerd.nl';
