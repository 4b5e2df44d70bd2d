/**
 * The LTI part of the administrator's command line (scripts/admin.ts hands every `lti-…` command here).
 * The tool's own LTI key is rotated with `npm run admin -- rotate-key --purpose lti`.
 */
import { parseArgs } from 'node:util';
import { closeDatabase, database } from '../src/lib/server/db';
import { logEvent } from '../src/lib/server/log';
import { addDeployment, addPlatform, findPlatform, listPlatforms, removePlatform } from '../src/lib/server/lti/platforms';
import { newRegistrationUrl } from '../src/lib/server/lti/registration';

export const LTI_USAGE = `  npm run admin -- lti-tool-urls [--origin URL]           (the URLs to enter in an LMS by hand)
  npm run admin -- lti-registration-url [--origin URL]    (a one-time Dynamic Registration URL for an LMS admin, 7 days)
  npm run admin -- lti-add-platform --name N --issuer URL --client-id ID --auth-url URL --token-url URL --jwks-url URL --deployment ID [--deployment ID …]
  npm run admin -- lti-add-deployment --issuer URL --client-id ID --deployment ID
  npm run admin -- lti-platforms
  npm run admin -- lti-remove-platform --issuer URL --client-id ID   (its links, cohorts' LMS ties and score links go; accounts stay)
  (--origin defaults to ORIGIN, the address people use for Ontroerd)`;

function toolUrls(origin: string) {
	return {
		'Login initiation (OIDC login URL)': `${origin}/lti/login`,
		'Redirect / launch URL': `${origin}/lti/launch`,
		'Target link URI (default launch)': `${origin}/dashboard`,
		'Deep linking URL': `${origin}/lti/deep-link`,
		'Public keyset (JWKS) URL': `${origin}/lti/jwks`
	};
}

/** Runs one `lti-…` command; returns the exit code. */
export async function runLtiCommand(command: string, args: string[]): Promise<number> {
	const fail = (message: string) => {
		console.error(`${message}\n\nusage:\n${LTI_USAGE}`);
		return 2;
	};
	let values: Record<string, string | string[] | undefined>;
	try {
		values = parseArgs({
			args,
			options: {
				origin: { type: 'string' },
				name: { type: 'string' },
				issuer: { type: 'string' },
				'client-id': { type: 'string' },
				'auth-url': { type: 'string' },
				'token-url': { type: 'string' },
				'jwks-url': { type: 'string' },
				deployment: { type: 'string', multiple: true }
			}
		}).values;
	} catch (error) {
		return fail(error instanceof Error ? error.message : String(error));
	}
	const text = (name: string) => {
		const value = values[name];
		return typeof value === 'string' ? value.trim() : '';
	};
	const deployments = (Array.isArray(values.deployment) ? values.deployment : []).map((d) => d.trim()).filter(Boolean);
	const origin = (text('origin') || process.env.ORIGIN || '').replace(/\/+$/, '');

	if (command === 'lti-tool-urls') {
		if (!origin) return fail('Give --origin (or set ORIGIN).');
		for (const [label, url] of Object.entries(toolUrls(origin))) console.log(`${label.padEnd(36)} ${url}`);
		return 0;
	}
	if (command === 'lti-registration-url') {
		if (!origin) return fail('Give --origin (or set ORIGIN).');
		const { db } = await database();
		const { url, expiresAt } = await newRegistrationUrl(db, origin);
		await closeDatabase();
		console.log(`${url}\n\nGive this URL to the LMS administrator (Moodle: "Tool URL" under LTI Advantage; Canvas: "Dynamic Registration").`);
		console.log(`It works once, until ${expiresAt.toISOString()}.`);
		return 0;
	}
	if (command === 'lti-add-platform') {
		const [issuer, clientId, authUrl, tokenUrl, jwksUrl] = ['issuer', 'client-id', 'auth-url', 'token-url', 'jwks-url'].map(text) as [
			string,
			string,
			string,
			string,
			string
		];
		if (!issuer || !clientId || !authUrl || !tokenUrl || !jwksUrl) return fail('Give --issuer, --client-id, --auth-url, --token-url and --jwks-url.');
		if (deployments.length === 0) return fail('Give at least one --deployment (the deployment id the LMS shows).');
		const { db } = await database();
		const added = await addPlatform(db, { name: text('name'), issuer, clientId, authUrl, tokenUrl, jwksUrl, deploymentIds: deployments });
		await closeDatabase();
		if (!added.ok)
			return fail(added.error === 'exists' ? `${issuer} with client id ${clientId} is already registered.` : 'Every URL must be https (or http on localhost).');
		logEvent('lti.platform.registered', { platformId: added.platform.id, by: 'admin' });
		console.log(`Registered ${added.platform.name} (${issuer}, client id ${clientId}) with ${deployments.length} deployment(s).`);
		return 0;
	}
	if (command === 'lti-add-deployment' || command === 'lti-remove-platform') {
		const [issuer, clientId] = [text('issuer'), text('client-id')];
		if (!issuer || !clientId) return fail('Give --issuer and --client-id.');
		if (command === 'lti-add-deployment' && deployments.length === 0) return fail('Give --deployment.');
		const { db } = await database();
		const platform = await findPlatform(db, issuer, clientId);
		if (platform && command === 'lti-add-deployment') for (const d of deployments) await addDeployment(db, platform.id, d);
		if (platform && command === 'lti-remove-platform') await removePlatform(db, platform.id);
		await closeDatabase();
		if (!platform) return fail(`No platform ${issuer} with client id ${clientId}.`);
		console.log(command === 'lti-add-deployment' ? `Added ${deployments.join(', ')} to ${platform.name}.` : `Removed ${platform.name}.`);
		return 0;
	}
	if (command === 'lti-platforms') {
		const { db } = await database();
		const platforms = await listPlatforms(db);
		await closeDatabase();
		if (platforms.length === 0) console.log('No platforms registered.');
		for (const p of platforms)
			console.log(`${p.name}\n  issuer ${p.issuer}\n  client id ${p.clientId}\n  deployments ${p.deploymentIds.join(', ') || '(none)'}`);
		return 0;
	}
	return fail(`Unknown command "${command}".`);
}
