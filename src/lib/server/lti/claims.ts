/**
 * The names LTI 1.3 Core, Deep Linking 2.0, Assignment and Grade Services 2.0 and Names and Role
 * Provisioning Services 2.0 give their claims, message types, scopes and media types (1EdTech's published specs).
 */
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

export const CLAIM = {
	messageType: `${LTI}message_type`,
	version: `${LTI}version`,
	deploymentId: `${LTI}deployment_id`,
	targetLinkUri: `${LTI}target_link_uri`,
	resourceLink: `${LTI}resource_link`,
	roles: `${LTI}roles`,
	context: `${LTI}context`,
	custom: `${LTI}custom`,
	launchPresentation: `${LTI}launch_presentation`,
	deepLinkingSettings: `${DL}deep_linking_settings`,
	contentItems: `${DL}content_items`,
	dlData: `${DL}data`,
	dlMsg: `${DL}msg`,
	endpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
	namesRoleService: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'
} as const;

export const MESSAGE = {
	resourceLink: 'LtiResourceLinkRequest',
	deepLinkingRequest: 'LtiDeepLinkingRequest',
	deepLinkingResponse: 'LtiDeepLinkingResponse'
} as const;

export const SCOPE = {
	lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
	lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
	resultReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
	score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
	memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly'
} as const;

export const MEDIA = {
	lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
	lineItems: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
	score: 'application/vnd.ims.lis.v1.score+json',
	memberships: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json'
} as const;

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';

/**
 * Instructor or learner in the context, from the role URIs of a launch or a roster (NRPS also sends the short
 * names). Context roles decide; without any, an institution's Instructor/Faculty role counts. Anything else (a
 * mentor, an administrator alone) is a learner: the safe side, since a learner sees only their own work.
 */
export function contextRole(roles: readonly string[]): 'instructor' | 'learner' {
	const instructor = [`${MEMBERSHIP}Instructor`, 'Instructor', 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'];
	if (roles.some((r) => instructor.includes(r))) return 'instructor';
	const contextRoles = roles.filter((r) => r.startsWith(MEMBERSHIP) || !r.includes(':'));
	if (contextRoles.length === 0 && roles.some((r) => r === `${INSTITUTION}Instructor` || r === `${INSTITUTION}Faculty`)) return 'instructor';
	return 'learner';
}
