import { describe, expect, it } from 'vitest';
import { fixtureTestCourse } from '../../../../tests/fixtures/test-pool';
import { dossier, type DossierInput } from './dossier';
import { attendanceCsv, peOnlineLists, type AttendanceRow } from './attendance';

const spread = (median: number, n: number) => ({ n, median, q1: median - 1, q3: median + 1, iqr: 2 });
const input = (evaluated: number): DossierInput => ({
	course: fixtureTestCourse,
	load: {
		modules: fixtureTestCourse.modules.map((m) => ({ moduleId: m.id, stated: m.minutes, measured: spread(12.4, 5), items: [] })),
		course: { stated: 30, measured: spread(25, 5), selfReportedHours: spread(1.5, 4) }
	},
	analysis: [
		{
			itemId: 't-proef-1',
			moduleId: 'proef',
			kind: 'knowledge',
			objective: 1,
			attempts: 6,
			p: 0.5,
			itemRest: 0.33333,
			options: [
				{ id: 'a', correct: true, chosen: 3 },
				{ id: 'b', correct: false, chosen: 3 },
				{ id: 'c', correct: false, chosen: 0 }
			],
			unanswered: 0,
			flags: []
		}
	],
	evaluation: {
		n: evaluated,
		ratings:
			evaluated >= 3
				? {
						relevance: { counts: [0, 0, 1, 2, 0], median: 4 },
						objectivesMet: { counts: [0, 0, 0, 3, 0], median: 4 },
						contentQuality: { counts: [0, 0, 0, 0, 3], median: 5 },
						studyLoad: { counts: [0, 1, 2, 0, 0], median: 3 }
					}
				: { relevance: null, objectivesMet: null, contentQuality: null, studyLoad: null },
		hours: null,
		comments: evaluated >= 3 ? ['Nuttig | praktisch'] : []
	},
	passMark: 70,
	locale: 'nl',
	today: '2026-12-04'
});

describe('the accreditation dossier', () => {
	it('holds every part the registers ask for, in Markdown and CSV', () => {
		const files = dossier(input(3));
		expect(Object.keys(files)).toEqual(['dossier.md', 'objectives.csv', 'study-load.csv', 'blueprint.csv', 'item-analysis.csv', 'evaluation.csv']);
		const md = files['dossier.md'] ?? '';
		for (const heading of [
			'Doelgroep',
			'Instapniveau',
			'Leerdoelen per module',
			'Auteurs en beoordeling',
			'Literatuur',
			'Studielast',
			'Toetsmatrijs',
			'Itemanalyse',
			'Evaluatie'
		]) {
			expect(md).toContain(`## ${heading}`);
		}
		expect(md).toContain('Q1–Q3 0,5–2,5, n = 4');
		expect(md).toContain('| t-proef-1 | proef | knowledge | 1 | 6 | 0.5 | 0.33 | a*: 3, b: 3, c: 0 |  |');
		expect(md).toContain('> Nuttig | praktisch');
		expect(md).toContain('Elke poging telt 4 vragen, 2 per module, getrokken uit een itembank van 12 vragen');
		expect(files['blueprint.csv']).toContain('"Proef","1. Leren","4","1","1","6"');
		expect(files['evaluation.csv']).toContain('"Relevantie voor de praktijk","0","0","1","2","0","4"');
	});

	it('shows no evaluation figures or comments below three learners', () => {
		const files = dossier(input(2));
		expect(files['dossier.md']).not.toContain('Nuttig');
		expect(files['evaluation.csv']).toContain('"Relevantie voor de praktijk","–","–","–","–","–","–"');
	});
});

describe('the attendance export', () => {
	const rows: AttendanceRow[] = [
		{
			number: 'AAAA-BBBB-CCC',
			printedName: 'Anna de Vries',
			register: 'NIP',
			registerNumber: '00123456',
			issuedAt: new Date('2026-12-04T10:00:00Z'),
			studySeconds: 9000
		},
		{
			number: 'DDDD-EEEE-FFF',
			printedName: '=HYPERLINK("x")',
			register: null,
			registerNumber: null,
			issuedAt: new Date('2026-12-05T10:00:00Z'),
			studySeconds: 3600
		},
		{
			number: 'GGGG-HHHH-JJJ',
			printedName: 'Bart Öztürk',
			register: 'BIG',
			registerNumber: '19012345601',
			issuedAt: new Date('2026-12-05T10:00:00Z'),
			studySeconds: 0
		}
	];

	it('writes one row per certificate with the prefixed number PE-online recognises, formulas neutralised', () => {
		const csv = attendanceCsv(rows, (d) => d.toISOString().slice(0, 10)).split('\r\n');
		expect(csv[0]).toBe('"certificate_number","name","register","registration_number","pe_online_number","date","hours"');
		expect(csv[1]).toBe('"AAAA-BBBB-CCC","Anna de Vries","NIP","00123456","NIP-00123456","2026-12-04","2.5"');
		expect(csv[2]).toContain(`"'=HYPERLINK(""x"")"`);
	});

	it('lists, per register, the numbers to paste into PE-online', () => {
		expect(Object.fromEntries(peOnlineLists(rows))).toEqual({ NIP: 'NIP-00123456\n', BIG: 'BIG-19012345601\n' });
	});
});
