/** The certificate request form: the name as printed, an optional register and number, the opt-in for scores. */
import { z } from 'zod';
import { REGISTERS } from '../db/schema';
import { stringField } from '../forms';
import { parseRegisterNumber } from './holder';

export const certificateSchema = z
	.object({
		printedName: stringField('error_certificate_name').trim().min(2, 'error_certificate_name').max(120, 'error_certificate_name'),
		register: z.enum(['', ...REGISTERS], { error: 'error_certificate_register_number' }).catch(''),
		registerNumber: z.string().trim().max(40).catch(''),
		shareScores: z.literal('yes').optional().catch(undefined)
	})
	.transform((form, ctx) => {
		const register = form.register === '' ? null : form.register;
		if (!register) {
			if (form.registerNumber) ctx.addIssue({ code: 'custom', path: ['registerNumber'], message: 'error_certificate_number_without_register' });
			return { printedName: form.printedName, register: null, registerNumber: null, shareScores: form.shareScores === 'yes' };
		}
		const registerNumber = parseRegisterNumber(register, form.registerNumber);
		if (!registerNumber) ctx.addIssue({ code: 'custom', path: ['registerNumber'], message: 'error_certificate_register_number' });
		return { printedName: form.printedName, register, registerNumber, shareScores: form.shareScores === 'yes' };
	});
