import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleanText, parseForm, readForm } from './forms';
import * as auth from './auth/forms';
import * as account from './account/forms';
import * as supervision from './supervision/forms';
import * as groups from './groups/forms';
import * as learning from './learning/forms';
import { evaluationSchema } from './assessment/evaluation';
import { course } from './content';

function form(password: string): FormData {
	const data = new FormData();
	data.set('email', 'lena@example.nl');
	data.set('displayName', 'Lena');
	data.set('password', password);
	return data;
}

describe('the registration form', () => {
	it('takes passwords of 10 to 256 characters of any kind, and refuses guessable ones with a reason', () => {
		expect(parseForm(auth.registerSchema, form('kort maar'))).toEqual({ ok: false, errors: { password: 'error_password_length' } });
		expect(parseForm(auth.registerSchema, form('een rustige lange zin')).ok).toBe(true);
		const long = 'de boot vaart langzaam door het riet '.repeat(7).slice(0, 256);
		expect(parseForm(auth.registerSchema, form(long)).ok).toBe(true);
		expect(parseForm(auth.registerSchema, form(`${long}x`))).toEqual({ ok: false, errors: { password: 'error_password_length' } });
		expect(parseForm(auth.registerSchema, form('wachtwoord123'))).toEqual({ ok: false, errors: { password: 'error_password_weak' } });
		expect(parseForm(auth.registerSchema, form('lena@example.nl'))).toMatchObject({
			ok: false,
			errors: { password: expect.stringMatching(/^error_password_(weak|personal)$/) }
		});
	});
});

describe('posted text', () => {
	it('loses NUL and other control characters, keeps tabs and line breaks, and gets U+FFFD for lone surrogates', () => {
		expect(cleanText('a\u0000b\u0001\u001b\u007f\u0085c')).toBe('abc');
		expect(cleanText('regel 1\r\n\tregel 2\n')).toBe('regel 1\r\n\tregel 2\n');
		expect(cleanText('x\uD800y\uDC00z \uD83D\uDE22')).toBe('x\uFFFDy\uFFFDz \uD83D\uDE22');
	});

	it('is cleaned in every field of a posted form but the passwords, which are only hashed', async () => {
		const body = new URLSearchParams({ displayName: 'Le\u0000na', note: 'a\u000bb', password: 'geheim\u0000woord', newPassword: '\u0001x' });
		const form = await readForm(new Request('http://localhost/', { method: 'POST', body }));
		expect(Object.fromEntries(form)).toEqual({ displayName: 'Lena', note: 'ab', password: 'geheim\u0000woord', newPassword: '\u0001x' });
	});

	it('reads a urlencoded post (repeated fields in order, + as a space) and a multipart one alike, and refuses any other body', async () => {
		const post = (body: BodyInit, headers: Record<string, string> = {}) => readForm(new Request('http://localhost/', { method: 'POST', body, headers }));
		const urlencoded = await post('answer=a&answer=b%00&body=twee+woorden&leeg=', { 'content-type': 'application/x-www-form-urlencoded' });
		expect([...urlencoded]).toEqual([
			['answer', 'a'],
			['answer', 'b'],
			['body', 'twee woorden'],
			['leeg', '']
		]);
		const multipart = new FormData();
		multipart.append('answer', 'a');
		multipart.append('answer', 'b\u0000');
		expect((await post(multipart)).getAll('answer')).toEqual(['a', 'b']);
		await expect(post('{"answer":"a"}', { 'content-type': 'application/json' })).rejects.toMatchObject({ status: 400 });
	});
});

describe('every form schema', () => {
	it('says each problem with an error message key, so the learner reads it in their language', () => {
		const quiz = [...course.items.values()].find((item) => item.type === 'quiz');
		if (quiz?.type !== 'quiz') throw new Error('the course has no quiz');
		const schemas = [
			...[
				auth.registerSchema,
				auth.loginSchema,
				auth.changePasswordSchema,
				auth.resetRequestSchema,
				auth.resetPasswordSchema,
				auth.changeEmailSchema,
				auth.languageSchema
			],
			...[
				account.deleteAccountSchema,
				supervision.cohortNameSchema,
				supervision.assignSchema,
				supervision.feedbackSchema,
				supervision.replySchema,
				supervision.leaveSchema
			],
			...[
				supervision.revokeInviteSchema,
				groups.groupNameSchema,
				groups.caseSchema,
				groups.memberSchema,
				groups.revokeInviteSchema,
				groups.showNameSchema,
				groups.moveSchema
			],
			...[groups.notesSchema, groups.postSchema, groups.editSchema, groups.removeSchema, learning.completeSchema, learning.chooseSchema],
			...[learning.answerSchema(quiz), learning.reflectSchema(['reflectie-wat-jou-raakt'])],
			evaluationSchema
		];
		const keys = new Set(Object.keys(JSON.parse(readFileSync('messages/nl.json', 'utf8')) as Record<string, string>).filter((k) => k.startsWith('error_')));
		const messages = new Set<string>();
		for (const schema of schemas) {
			const fields = Object.keys(schema.shape);
			const every = (value: unknown) => Object.fromEntries(fields.map((name) => [name, value]));
			for (const input of [{}, every(''), every('x'.repeat(6000)), every(42), every(['a']), every('kort')]) {
				const result = schema.safeParse(input);
				if (!result.success) for (const issue of result.error.issues) if (issue.path[0] !== 'writeKey') messages.add(`${fields.join(',')}: ${issue.message}`);
			}
		}
		expect(messages.size).toBeGreaterThan(15);
		expect([...messages].filter((message) => !keys.has(message.split(': ')[1] ?? ''))).toEqual([]);
	}, 60_000);
});
