import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { logEvent } from '$lib/server/log';
import { course } from '$lib/server/content';
import { certificateOf, issueCertificate } from '$lib/server/certificates/issue';
import { certificateSchema } from '$lib/server/certificates/forms';
import { ACCREDITATION_POINTS, PASS_MARK, requirementsOf } from '$lib/server/certificates/requirements';
import { studyHours } from '$lib/server/certificates/credential';
import { certificateDate } from '$lib/server/certificates/pdf';
import { ratedPostTest, skillScoresOf, skillValue } from '$lib/server/certificates/skills';
import { unprintable } from '$lib/server/certificates/fonts';
import { m } from '$lib/paraglide/messages';
import { locale } from '$lib/locale';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const database = await db();
	const lang = locale();
	const [requirements, certificate] = await Promise.all([requirementsOf(database, user.id), certificateOf(database, user.id)]);
	// Before issue: whether there are rated skills to share (or why not); after: the scores frozen with the certificate.
	const [rated, skills] = await Promise.all([
		certificate ? null : ratedPostTest(database, user.id, lang),
		certificate?.shareSkills ? skillScoresOf(database, certificate.number) : []
	]);
	return {
		skillsStatus: rated?.status ?? null,
		passMark: PASS_MARK,
		requirements,
		displayName: user.displayName,
		certificate: certificate && {
			number: certificate.number,
			printedName: certificate.printedName,
			register: certificate.register,
			registerNumber: certificate.registerNumber,
			issued: certificateDate(certificate.issuedAt, lang),
			hours: studyHours(certificate.studySeconds, lang),
			points: certificate.points,
			courseTitle: certificate.courseTitle,
			locale: certificate.locale,
			shareScores: certificate.shareScores,
			shareSkills: certificate.shareSkills,
			skills: skills.map((s) => ({ skill: s.skill, name: s.name, value: skillValue(s.mean).replace('.', lang === 'nl' ? ',' : '.'), ratings: s.ratings }))
		}
	};
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = requireUser();
		const form = await readForm(request);
		const posted = {
			printedName: String(form.get('printedName') ?? '').slice(0, 200),
			register: String(form.get('register') ?? ''),
			registerNumber: String(form.get('registerNumber') ?? '').slice(0, 40),
			shareScores: form.get('shareScores') === 'yes',
			shareSkills: form.get('shareSkills') === 'yes'
		};
		const parsed = parseForm(certificateSchema, form);
		// The characters the certificate's typeface cannot print, named in the message.
		if (!parsed.ok) return fail(400, { posted, errors: parsed.errors, unprintable: unprintable(posted.printedName).join(' ') });
		const database = await db();
		const certificate = await issueCertificate(database, user.id, {
			...parsed.data,
			courseTitle: m.certificate_course_title({}, { locale: locale() }),
			locale: locale(),
			contentVersion: course.info.version,
			courseUpdated: course.info.updated ?? null,
			points: ACCREDITATION_POINTS
		});
		if (!certificate) return fail(403, { posted, message: 'error_certificate_not_eligible' as const });
		logEvent('certificate.issued', { userId: user.id, number: certificate.number });
		return { issued: certificate.number };
	}
};
