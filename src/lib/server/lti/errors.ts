import { m } from '../../paraglide/messages';
import { ltiPage } from './html';

/** A refused LTI request, in the learner's language, with what to do and the reason for the platform's administrator. */
export function ltiErrorPage(status: number, reason: string): Response {
	return ltiPage({ status, title: m.lti_error_title(), paragraphs: [m.lti_error_retry({ reason })] });
}
