/**
 * An LTI 1.3 platform (LMS) double for the tests, built from 1EdTech's published messages: LTI 1.3 Core (the
 * resource link launch's id_token), Deep Linking 2.0, Assignment and Grade Services 2.0 and Names and Role
 * Provisioning Services 2.0, plus the Dynamic Registration exchange. It signs real RS256 JWTs with its own
 * keys and serves its JWKS, OpenID configuration, registration, token, AGS and NRPS endpoints on 127.0.0.1.
 * The token endpoint checks the tool's client assertion against the tool's public keys, as a platform must.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const ROLE = {
	instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
	learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
	institutionFaculty: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty'
};

export type ReceivedScore = { lineItem: string; body: Record<string, unknown>; contentType: string | null; token: string };
export type Member = { user_id: string; roles: string[]; status?: string; name?: string };

type KeyPair = { kid: string; privateKey: CryptoKey; publicJwk: JWK };
async function keyPair(kid: string): Promise<KeyPair> {
	const { publicKey, privateKey } = await generateKeyPair('RS256');
	return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

export async function startPlatform(options: { toolJwks: () => Promise<{ keys: JWK[] }>; clientId?: string; deploymentId?: string; port?: number }) {
	const clientId = options.clientId ?? 'ontroerd-client-1';
	const deploymentId = options.deploymentId ?? 'deployment-1';
	const key = await keyPair('platform-key-1');
	/** Another key under the same kid: a token signed with it must fail the signature check. */
	const impostor = await keyPair('platform-key-1');
	const state = {
		scores: [] as ReceivedScore[],
		lineItems: [] as { id: string; resourceLinkId?: string; scoreMaximum: number; label: string }[],
		members: [] as Member[],
		tokenRequests: [] as { scope: string; assertion: JWTPayload }[],
		registrations: [] as Record<string, unknown>[],
		deepLinks: [] as JWTPayload[],
		registrationToken: 'reg-token-123',
		/** Answer the next service calls with this status instead (an outage). */
		failServices: 0
	};
	let base = '';

	const read = (req: IncomingMessage) =>
		new Promise<string>((resolve) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString('utf8')));
			req.on('end', () => resolve(body));
		});
	const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) => {
		res.writeHead(status, { 'content-type': type, ...headers });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	};
	const issued = new Set<string>();
	const bearer = (req: IncomingMessage) => {
		const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		return token && issued.has(token) ? token : null;
	};

	/** A page with one form that posts itself (the platform's side of the browser exchange); its button without JavaScript. */
	const autoPost = (res: ServerResponse, action: string, fields: Record<string, string>, button: string) => {
		const inputs = Object.entries(fields)
			.map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`)
			.join('');
		send(
			res,
			200,
			`<!doctype html><html lang="en"><head><title>Test LMS</title></head><body><main><h1>Test LMS</h1><form method="post" action="${action}">${inputs}<button>${button}</button></form></main><script>document.forms[0].submit()</script></body></html>`,
			'text/html; charset=utf-8'
		);
	};

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', base);
		const path = url.pathname;
		// The browser part: a course page whose link starts the OIDC login at the tool (optionally inside a frame) …
		if (req.method === 'GET' && path === '/start') {
			const tool = url.searchParams.get('tool') ?? '';
			const target = url.searchParams.get('target') ?? '/dashboard';
			const fields = {
				iss: base,
				login_hint: url.searchParams.get('sub') ?? 'e2e-learner',
				target_link_uri: `${tool}${target}`,
				// What the platform launches: a path for a resource link, or "deep-linking" for an instructor's content selection.
				lti_message_hint:
					url.searchParams.get('deep') === '1' ? 'deep-linking' : url.searchParams.get('role') === 'instructor' ? `instructor:${target}` : target,
				client_id: clientId
			};
			return autoPost(res, `${tool}/lti/login`, fields, 'Start Ontroerd');
		}
		if (req.method === 'GET' && path === '/frame') {
			const src = `/start?${url.searchParams.toString()}`;
			return send(
				res,
				200,
				`<!doctype html><html lang="en"><head><title>Course</title></head><body><main><h1>Course</h1><iframe title="Ontroerd" src="${src}" width="800" height="500"></iframe></main></body></html>`,
				'text/html; charset=utf-8'
			);
		}
		// … and the authentication endpoint, which answers with the id_token posted to the tool's redirect URI.
		if (req.method === 'GET' && path === '/auth') {
			const q = url.searchParams;
			if (q.get('client_id') !== clientId || q.get('response_mode') !== 'form_post' || q.get('scope') !== 'openid')
				return send(res, 400, { error: 'invalid_request' });
			const redirect = q.get('redirect_uri') ?? '';
			const target = q.get('lti_message_hint') ?? '/dashboard';
			const sub = q.get('login_hint') ?? '';
			const nonce = q.get('nonce') ?? '';
			const claims =
				target === 'deep-linking'
					? deepLinkingClaims({ sub, nonce })
					: target.startsWith('instructor:')
						? resourceLinkClaims({ sub, nonce, roles: [ROLE.instructor], targetLinkUri: `${new URL(redirect).origin}${target.slice('instructor:'.length)}` })
						: resourceLinkClaims({ sub, nonce, targetLinkUri: `${new URL(redirect).origin}${target}` });
			return autoPost(res, redirect, { id_token: await idToken(claims), state: q.get('state') ?? '' }, 'Continue to the tool');
		}
		if (req.method === 'GET' && path === '/jwks') return send(res, 200, { keys: [key.publicJwk] });
		if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
			return send(res, 200, {
				issuer: base,
				authorization_endpoint: `${base}/auth`,
				token_endpoint: `${base}/token`,
				jwks_uri: `${base}/jwks`,
				registration_endpoint: `${base}/register`,
				scopes_supported: ['openid'],
				response_types_supported: ['id_token'],
				id_token_signing_alg_values_supported: ['RS256'],
				'https://purl.imsglobal.org/spec/lti-platform-configuration': {
					product_family_code: 'testlms',
					version: '1.0',
					messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }]
				}
			});
		}
		// Deep Linking 2.0: the tool's LtiDeepLinkingResponse arrives here as a form post; the page lists what it placed.
		if (req.method === 'POST' && path === '/deep-link-return') {
			const jwt = new URLSearchParams(await read(req)).get('JWT') ?? '';
			try {
				const { payload } = await jwtVerify(jwt, createLocalJWKSet(await options.toolJwks()), { issuer: clientId, audience: base });
				state.deepLinks.push(payload);
				const items = (payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as { title: string }[] | undefined) ?? [];
				const list = items.map((i) => `<li>${i.title}</li>`).join('');
				return send(
					res,
					200,
					`<!doctype html><html lang="en"><head><title>Placed</title></head><body><main><h1>Placed in the course</h1><ul>${list}</ul></main></body></html>`,
					'text/html; charset=utf-8'
				);
			} catch {
				return send(res, 400, 'invalid deep linking response', 'text/plain');
			}
		}
		if (req.method === 'POST' && path === '/register') {
			if (req.headers.authorization !== `Bearer ${state.registrationToken}`) return send(res, 401, { error: 'invalid_token' });
			const body = JSON.parse(await read(req)) as Record<string, unknown>;
			state.registrations.push(body);
			return send(res, 200, {
				...body,
				client_id: `registered-${state.registrations.length}`,
				'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: 'dyn-deployment-1' }
			});
		}
		if (req.method === 'POST' && path === '/token') {
			const form = new URLSearchParams(await read(req));
			if (form.get('grant_type') !== 'client_credentials' || form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
				return send(res, 400, { error: 'unsupported_grant_type' });
			}
			try {
				const { payload } = await jwtVerify(form.get('client_assertion') ?? '', createLocalJWKSet(await options.toolJwks()), {
					issuer: clientId,
					subject: clientId,
					audience: `${base}/token`
				});
				if (!payload.jti) throw new Error('no jti');
				state.tokenRequests.push({ scope: form.get('scope') ?? '', assertion: payload });
			} catch {
				return send(res, 401, { error: 'invalid_client' });
			}
			const token = `access-${issued.size + 1}`;
			issued.add(token);
			return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') });
		}
		if (path.startsWith('/lineitems') || path.startsWith('/memberships')) {
			const token = bearer(req);
			if (!token) return send(res, 401, { error: 'unauthorized' });
			if (state.failServices > 0) {
				state.failServices--;
				return send(res, 503, { error: 'down' });
			}
			if (req.method === 'GET' && path === '/lineitems') {
				const rl = url.searchParams.get('resource_link_id');
				return send(
					res,
					200,
					state.lineItems.filter((l) => !rl || l.resourceLinkId === rl),
					'application/vnd.ims.lis.v2.lineitemcontainer+json'
				);
			}
			if (req.method === 'POST' && path === '/lineitems') {
				const body = JSON.parse(await read(req)) as { scoreMaximum: number; label: string; resourceLinkId?: string };
				const item = { id: `${base}/lineitems/${state.lineItems.length + 1}`, ...body };
				state.lineItems.push(item);
				return send(res, 201, item, 'application/vnd.ims.lis.v2.lineitem+json');
			}
			const score = /^\/lineitems\/(\d+)\/scores$/.exec(path);
			if (req.method === 'POST' && score) {
				state.scores.push({
					lineItem: `${base}/lineitems/${score[1]}`,
					body: JSON.parse(await read(req)) as Record<string, unknown>,
					contentType: req.headers['content-type'] ?? null,
					token
				});
				res.writeHead(204).end();
				return;
			}
			if (req.method === 'GET' && path === '/memberships') {
				// Two pages, linked by rel="next", as NRPS pages a roster.
				const page = Number(url.searchParams.get('page') ?? '1');
				const half = Math.ceil(state.members.length / 2);
				const members = page === 1 ? state.members.slice(0, half) : state.members.slice(half);
				const headers: Record<string, string> = page === 1 ? { link: `<${base}/memberships?page=2>; rel="next"` } : {};
				return send(
					res,
					200,
					{ id: `${base}/memberships`, context: { id: 'course-1', label: 'GZ-1', title: 'GZ-opleiding' }, members },
					'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
					headers
				);
			}
		}
		send(res, 404, { error: 'not found' });
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch(() => send(res, 500, { error: 'platform double failed' }));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	/** The claims of an LtiResourceLinkRequest as LTI 1.3 Core's example shows them, for one user. */
	function resourceLinkClaims(p: {
		sub: string;
		nonce: string;
		roles?: string[];
		contextId?: string;
		resourceLinkId?: string;
		targetLinkUri: string;
		custom?: Record<string, string>;
	}) {
		return {
			sub: p.sub,
			nonce: p.nonce,
			name: 'Ms Jane Marie Doe',
			given_name: 'Jane',
			family_name: 'Doe',
			email: 'jane@platform.example.edu',
			locale: 'nl-NL',
			[`${LTI}message_type`]: 'LtiResourceLinkRequest',
			[`${LTI}version`]: '1.3.0',
			[`${LTI}deployment_id`]: deploymentId,
			[`${LTI}target_link_uri`]: p.targetLinkUri,
			[`${LTI}resource_link`]: { id: p.resourceLinkId ?? '200d101f-2c14-434a-a0f3-57c2a42369fd', title: 'Introduction Assignment' },
			[`${LTI}roles`]: p.roles ?? [ROLE.learner],
			[`${LTI}context`]: {
				id: p.contextId ?? 'course-1',
				label: 'GZ-1',
				title: 'GZ-opleiding',
				type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering']
			},
			[`${LTI}launch_presentation`]: { document_target: 'window', locale: 'nl-NL' },
			...(p.custom ? { [`${LTI}custom`]: p.custom } : {}),
			'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
				scope: [
					'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
					'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
					'https://purl.imsglobal.org/spec/lti-ags/scope/score'
				],
				lineitems: `${base}/lineitems`
			},
			'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
				context_memberships_url: `${base}/memberships`,
				service_versions: ['2.0']
			}
		};
	}

	/** The claims of an LtiDeepLinkingRequest (Deep Linking 2.0 §4.4). */
	function deepLinkingClaims(p: { sub: string; nonce: string; roles?: string[]; acceptMultiple?: boolean }) {
		const {
			[`${LTI}resource_link`]: _link,
			'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': _ags,
			...rest
		} = resourceLinkClaims({ ...p, targetLinkUri: '' });
		return {
			...rest,
			[`${LTI}message_type`]: 'LtiDeepLinkingRequest',
			[`${LTI}roles`]: p.roles ?? [ROLE.instructor],
			'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
				deep_link_return_url: `${base}/deep-link-return`,
				accept_types: ['link', 'file', 'html', 'ltiResourceLink', 'image'],
				accept_media_types: 'image/*,text/html',
				accept_presentation_document_targets: ['iframe', 'window', 'embed'],
				accept_multiple: p.acceptMultiple ?? true,
				auto_create: true,
				title: 'This is the default title',
				text: 'This is the default text',
				data: 'csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53'
			}
		};
	}

	/** Signs an id_token: iss, aud and the times are the platform's unless a test overrides them. */
	async function idToken(
		claims: Record<string, unknown>,
		o: { aud?: string | string[]; iss?: string; exp?: number; iat?: number; impostor?: boolean; azp?: string } = {}
	) {
		const now = Math.floor(Date.now() / 1000);
		const signer = o.impostor ? impostor : key;
		return new SignJWT({ ...claims, ...(o.azp !== undefined ? { azp: o.azp } : {}) })
			.setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
			.setIssuer(o.iss ?? base)
			.setAudience(o.aud ?? clientId)
			.setIssuedAt(o.iat ?? now)
			.setExpirationTime(o.exp ?? now + 300)
			.sign(signer.privateKey);
	}

	return {
		get issuer() {
			return base;
		},
		clientId,
		deploymentId,
		state,
		registration: () => ({
			name: 'Test LMS',
			issuer: base,
			clientId,
			authUrl: `${base}/auth`,
			tokenUrl: `${base}/token`,
			jwksUrl: `${base}/jwks`,
			deploymentIds: [deploymentId]
		}),
		resourceLinkClaims,
		deepLinkingClaims,
		idToken,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
