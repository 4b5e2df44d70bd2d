/**
 * The certificate as a PDF (pdf-lib): one A4 page with the course's own typefaces embedded (subset; the holder's
 * name in whichever of their Unicode subsets it needs, see fonts.ts), and a QR code drawn as vector squares that
 * links to the public verification page. Everything is printed in the language the certificate was issued in, with
 * the course title and version stored at issue, so a later rename or language switch does not change it.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { INTL_LOCALE } from '../content/locales';
import { TIME_ZONE } from '../time-zone';
import type { OwnCertificate } from './issue';
import { studyHours, urls } from './credential';
import { FontStack } from './fonts';

const INK = rgb(0.13, 0.13, 0.16);
const MUTED = rgb(0.35, 0.35, 0.4);
const ACCENT = rgb(0.42, 0.2, 0.36);

export type PdfInput = { certificate: OwnCertificate; origin: string; passMark: number };

export function certificateDate(date: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

export async function certificatePdf({ certificate, origin, passMark }: PdfInput): Promise<Uint8Array> {
	const locale = certificate.locale;
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const serifStack = new FontStack(pdf, 'serif');
	const [sans, sansBold, serif] = await Promise.all([new FontStack(pdf, 'sans').latin(), new FontStack(pdf, 'sansBold').latin(), serifStack.latin()]);
	const verifyUrl = urls(origin).verify(certificate.number);
	pdf.setTitle(`${m.certificate_pdf_heading({}, { locale })} ${certificate.number}`);
	pdf.setAuthor(m.certificate_issuer_name({}, { locale }));
	pdf.setSubject(certificate.courseTitle);
	pdf.setLanguage(locale === 'nl' ? 'nl-NL' : 'en-GB');

	const page = pdf.addPage([595.28, 841.89]);
	const { width, height } = page.getSize();
	const margin = 64;
	page.drawRectangle({ x: 28, y: 28, width: width - 56, height: height - 56, borderColor: ACCENT, borderWidth: 1.5 });

	let y = height - 130;
	const centred = (text: string, font: PDFFont, size: number, color = INK, gap = 1.6) => {
		for (const line of wrap(text, font, size, width - 2 * margin)) {
			page.drawText(line, { x: (width - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color });
			y -= size * gap;
		}
	};
	centred(m.certificate_pdf_heading({}, { locale }), serif, 34, ACCENT, 2);
	y -= 14;
	centred(m.certificate_pdf_declares({}, { locale }), sans, 13, MUTED);
	y -= 6;
	// The holder's name, in as many subset files as it needs; broken at spaces like the rest.
	for (const line of await wrapStack(certificate.printedName, serifStack, 24, width - 2 * margin)) {
		await serifStack.draw(page, line, { x: (width - (await serifStack.width(line, 24))) / 2, y, size: 24, color: INK });
		y -= 24 * 1.5;
	}
	if (certificate.register && certificate.registerNumber) {
		centred(`${certificate.register === 'other' ? '' : `${certificate.register} `}${certificate.registerNumber}`, sans, 12, MUTED);
	}
	y -= 10;
	centred(m.certificate_pdf_completed({}, { locale }), sans, 13, MUTED);
	y -= 4;
	centred(certificate.courseTitle, serif, 19, INK, 1.5);
	y -= 24;

	const rows: [string, string][] = [
		[m.certificate_pdf_version({}, { locale }), `${certificate.courseUpdated ?? ''} (${certificate.contentVersion.slice(0, 8)})`.trim()],
		[m.certificate_hours_label({}, { locale }), m.certificate_hours_value({ hours: studyHours(certificate.studySeconds, locale) }, { locale })]
	];
	if (certificate.points.length > 0) {
		rows.push([
			m.certificate_points_label({}, { locale }),
			certificate.points.map((p) => `${p.register} ${p.points.toLocaleString(INTL_LOCALE[locale])}`).join(' · ')
		]);
	}
	rows.push([m.certificate_issued_label({}, { locale }), certificateDate(certificate.issuedAt, locale)]);
	rows.push([m.certificate_number_label({}, { locale }), certificate.number]);
	const labelX = margin + 40;
	const valueX = width / 2 - 10;
	for (const [label, value] of rows) {
		page.drawText(label, { x: labelX, y, size: 12, font: sans, color: MUTED });
		page.drawText(value, { x: valueX, y, size: 12, font: sansBold, color: INK });
		y -= 24;
	}
	y -= 8;
	for (const line of wrap(m.certificate_pdf_requirements({ passMark }, { locale }), sans, 10.5, width - 2 * margin - 80)) {
		page.drawText(line, { x: labelX, y, size: 10.5, font: sans, color: MUTED });
		y -= 15;
	}

	const qrSize = 110;
	drawQr(page, verifyUrl, margin, 70, qrSize);
	const textX = margin + qrSize + 18;
	page.drawText(m.certificate_pdf_verify({}, { locale }), { x: textX, y: 70 + qrSize - 40, size: 11, font: sans, color: MUTED });
	let urlY = 70 + qrSize - 58;
	for (const line of wrap(verifyUrl, sansBold, 11, width - textX - margin, /(?<=\/)/)) {
		page.drawText(line, { x: textX, y: urlY, size: 11, font: sansBold, color: INK });
		urlY -= 15;
	}
	return pdf.save();
}

/** The QR code of `text` as black squares, `size` points wide, bottom-left at (x, y). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const cell = size / modules.size;
	for (let row = 0; row < modules.size; row++) {
		for (let col = 0; col < modules.size; col++) {
			if (modules.get(row, col)) page.drawRectangle({ x: x + col * cell, y: y + size - (row + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
		}
	}
}

/** wrap() for a line drawn in a font stack. */
async function wrapStack(text: string, stack: FontStack, size: number, maxWidth: number): Promise<string[]> {
	const lines: string[] = [];
	let line = '';
	for (const piece of text.split(/(?<= )/)) {
		if (line && (await stack.width((line + piece).trimEnd(), size)) > maxWidth) {
			lines.push(line.trimEnd());
			line = piece;
		} else line += piece;
	}
	if (line.trim()) lines.push(line.trimEnd());
	return lines;
}

/** Greedy line breaking at spaces (or at `breaks`) to fit `maxWidth`. */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number, breaks: RegExp = /(?<= )/): string[] {
	const lines: string[] = [];
	let line = '';
	for (const piece of text.split(breaks)) {
		if (line && font.widthOfTextAtSize((line + piece).trimEnd(), size) > maxWidth) {
			lines.push(line.trimEnd());
			line = piece;
		} else line += piece;
	}
	if (line.trim()) lines.push(line.trimEnd());
	return lines;
}
