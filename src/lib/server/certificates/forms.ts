/** The certificate request form: the name as printed, an optional register and number, the opt-ins for scores and skills. */
import { z } from 'zod';
import { REGISTERS } from '../db/schema';
import { stringField } from '../forms';
import { parseRegisterNumber } from './holder';
import { unprintable } from './fonts';

export const certificateSchema = z
	.object({
		// NFC, so that a name typed with combining accents ("e" + "̃") is stored and printed as the letters it means.
		printedName: stringField('error_certificate_name')
			.trim()
			.min(2, 'error_certificate_name')
			.max(120, 'error_certificate_name')
			.transform((name) => name.normalize('NFC'))
			.refine((name) => unprintable(name).length === 0, 'error_certificate_name_unprintable'),
		register: z.enum(['', ...REGISTERS], { error: 'error_certificate_register_number' }).catch(''),
		registerNumber: z.string().trim().max(40).catch(''),
		shareScores: z.literal('yes').optional().catch(undefined),
		shareSkills: z.literal('yes').optional().catch(undefined)
	})
	.transform((form, ctx) => {
		const opted = { shareScores: form.shareScores === 'yes', shareSkills: form.shareSkills === 'yes' };
		const register = form.register === '' ? null : form.register;
		if (!register) {
			if (form.registerNumber) ctx.addIssue({ code: 'custom', path: ['registerNumber'], message: 'error_certificate_number_without_register' });
			return { printedName: form.printedName, register: null, registerNumber: null, ...opted };
		}
		const registerNumber = parseRegisterNumber(register, form.registerNumber);
		if (!registerNumber) ctx.addIssue({ code: 'custom', path: ['registerNumber'], message: 'error_certificate_register_number' });
		return { printedName: form.printedName, register, registerNumber, ...opted };
	});
