/**
 * The attendance export for the registers: one CSV row per valid certificate (number, name, register, number,
 * date, hours), and per register the list PE-online's "Importeren" takes: full registration numbers with the
 * register's prefix (NIP-00123456, BIG-…), one per line, to paste into its "Te verwerken" field.
 */
import { asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { certificateDetails, certificates, type Register } from '../db/schema';
import { toCsv } from '../supervision/overview';
import { PE_ONLINE_PREFIX, studyHours } from './holder';

export type AttendanceRow = {
	number: string;
	printedName: string;
	register: Register | null;
	registerNumber: string | null;
	issuedAt: Date;
	studySeconds: number;
};

export async function attendanceRows(db: Db): Promise<AttendanceRow[]> {
	return db
		.select({
			number: certificates.number,
			printedName: certificateDetails.printedName,
			register: certificateDetails.register,
			registerNumber: certificateDetails.registerNumber,
			issuedAt: certificates.issuedAt,
			studySeconds: certificateDetails.studySeconds
		})
		.from(certificates)
		.innerJoin(certificateDetails, eq(certificateDetails.number, certificates.number))
		.where(isNull(certificates.revokedAt))
		.orderBy(asc(certificates.issuedAt));
}

/** The CSV (header in English, dates as YYYY-MM-DD in the installation's zone, hours with a decimal point). */
export function attendanceCsv(rows: AttendanceRow[], dayOf: (date: Date) => string): string {
	return toCsv([
		['certificate_number', 'name', 'register', 'registration_number', 'pe_online_number', 'date', 'hours'],
		...rows.map((r) => [
			r.number,
			r.printedName,
			r.register ?? '',
			r.registerNumber ?? '',
			r.register && r.registerNumber ? `${PE_ONLINE_PREFIX[r.register]}${r.registerNumber}` : '',
			dayOf(r.issuedAt),
			studyHours(r.studySeconds, 'en')
		])
	]);
}

/** Per register, the numbers PE-online can import: prefixed, one per line. */
export function peOnlineLists(rows: AttendanceRow[]): Map<Register, string> {
	const lists = new Map<Register, string[]>();
	for (const r of rows) {
		if (!r.register || !r.registerNumber || r.register === 'other') continue;
		const list = lists.get(r.register) ?? [];
		list.push(`${PE_ONLINE_PREFIX[r.register]}${r.registerNumber}`);
		lists.set(r.register, list);
	}
	return new Map([...lists].map(([register, numbers]) => [register, `${numbers.join('\n')}\n`]));
}
