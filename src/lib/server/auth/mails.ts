/**
 * The account mails, in the recipient's language, plain text with the links spelled out. A mail to an
 * address nobody has confirmed yet (a registration, a new e-mail address) carries no text the requester
 * chose, not even their name: anyone can type a stranger's address, and a name such as
 * `=HYPERLINK("http://…")` would put their link in that stranger's inbox, sent from this installation.
 */
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import type { Mail } from '../mail';

export const asLocale = (locale: string | null | undefined): Locale => (locale === 'en' ? 'en' : 'nl');

function compose(to: string, locale: Locale, name: string | null, subject: string, body: string): Mail {
	const greeting = name ? `${m.mail_greeting({ name }, { locale })}\n\n` : '';
	return { to, subject, text: `${greeting}${body}\n\n${m.mail_signature({}, { locale })}\n` };
}

export function resetMail(to: string, locale: Locale, name: string, origin: string, token: string): Mail {
	return compose(to, locale, name, m.mail_reset_subject({}, { locale }), m.mail_reset_text({ link: `${origin}/reset/${token}` }, { locale }));
}

export function registerMail(to: string, locale: Locale, origin: string, token: string): Mail {
	return compose(to, locale, null, m.mail_register_subject({}, { locale }), m.mail_register_text({ link: `${origin}/register/confirm/${token}` }, { locale }));
}

export function alreadyRegisteredMail(to: string, locale: Locale, name: string, origin: string): Mail {
	const text = m.mail_register_known_text({ login: `${origin}/login`, reset: `${origin}/reset` }, { locale });
	return compose(to, locale, name, m.mail_register_known_subject({}, { locale }), text);
}

export function emailChangeMail(to: string, locale: Locale, origin: string, token: string): Mail {
	return compose(to, locale, null, m.mail_email_subject({}, { locale }), m.mail_email_text({ link: `${origin}/account/email/${token}` }, { locale }));
}

export function emailChangeNotice(to: string, locale: Locale, name: string, origin: string, newEmail: string): Mail {
	return compose(
		to,
		locale,
		name,
		m.mail_email_notice_subject({}, { locale }),
		m.mail_email_notice_text({ email: newEmail, reset: `${origin}/reset` }, { locale })
	);
}
