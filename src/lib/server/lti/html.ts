/**
 * The few self-contained pages of the LTI exchange. They are endpoints, not SvelteKit pages, because each needs
 * its own Content-Security-Policy: a form that posts to the platform (form-action), a page the platform may
 * frame (frame-ancestors), and one small script allowed by its hash. Every one works without JavaScript.
 */
import { createHash } from 'node:crypto';
import { getLocale } from '../../paraglide/runtime';

/** Submits the page's one form once loaded; without JavaScript the visible button does it. */
const AUTO_SUBMIT = `document.forms[0].submit();`;
/** Dynamic Registration: tells the platform the tool is done (the spec's org.imsglobal.lti.close message). */
const CLOSE_REGISTRATION = `(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');`;
const hashOf = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export type LtiPage = {
	status?: number;
	title: string;
	paragraphs: string[];
	/** A form with hidden fields and one button; `auto` submits it at once when JavaScript runs. */
	form?: { action: string; fields: Record<string, string>; button: string; auto?: boolean; newWindow?: boolean; redirectsTo?: string[] };
	/** Origins allowed to frame the page (the platform's, for the "open in a new window" page); none by default. */
	frameAncestors?: string[];
	closeRegistration?: boolean;
};

export function ltiPage(page: LtiPage): Response {
	const { form } = page;
	const script = form?.auto ? AUTO_SUBMIT : page.closeRegistration ? CLOSE_REGISTRATION : null;
	const formHtml = form
		? `<form method="post" action="${escapeHtml(form.action)}"${form.newWindow ? ' target="_blank"' : ''}>` +
			Object.entries(form.fields)
				.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
				.join('') +
			`<button type="submit">${escapeHtml(form.button)}</button></form>`
		: '';
	const html = `<!doctype html><html lang="${getLocale()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)} — Ontroerd</title></head>
<body><main><h1>${escapeHtml(page.title)}</h1>${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${formHtml}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
	const formAction = form ? new URL(form.action, 'http://self.invalid').origin : null;
	const csp = [
		"default-src 'none'",
		`script-src ${script ? hashOf(script) : "'none'"}`,
		// form-action also governs where the post redirects to: the login's post goes on to the platform's authentication URL.
		`form-action ${formAction && formAction !== 'http://self.invalid' ? formAction : "'self'"}${form?.redirectsTo?.length ? ` ${form.redirectsTo.join(' ')}` : ''}`,
		`frame-ancestors ${page.frameAncestors?.length ? page.frameAncestors.join(' ') : "'none'"}`,
		"base-uri 'none'"
	].join('; ');
	const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': csp });
	// X-Frame-Options has no "this origin": a page the platform may frame relies on frame-ancestors alone (hooks.server.ts).
	if (!page.frameAncestors?.length) headers.set('x-frame-options', 'DENY');
	return new Response(html, { status: page.status ?? 200, headers });
}
