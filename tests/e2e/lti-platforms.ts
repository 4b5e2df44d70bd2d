/**
 * The e2e run's LTI platform doubles: one per Playwright project (they run at once), and one for the forged launches of
 * tests/e2e/authz-matrix.spec.ts ('authz'), registered by playwright.config.ts.
 */
export const LTI_CLIENT_ID = 'e2e-client';
export const LTI_DEPLOYMENT_ID = 'e2e-deployment';
const PROJECTS = ['js', 'nojs', 'phone', 'authz'];

export function ltiPlatformPorts(appPort: number): number[] {
	return PROJECTS.map((_, i) => appPort + 1000 + i);
}

export function ltiPlatformPort(appPort: number, project: string): number {
	return appPort + 1000 + Math.max(0, PROJECTS.indexOf(project));
}
