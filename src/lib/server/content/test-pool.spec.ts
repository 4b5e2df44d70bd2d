/** content/toets/: the final test's pool fails with file and field named (issue 17). */
import { describe, expect, it } from 'vitest';
import { ContentError, loadCourse } from './load';
import { readContentFiles } from './fs';
import { fixtureFiles } from '../../../../tests/fixtures/course';
import { poolFile, POOL_SIZE, testFixtureFiles, testInfoFile } from '../../../../tests/fixtures/test-pool';

function problemsOf(files: Record<string, string>): string[] {
	try {
		loadCourse(files);
		return [];
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
}
const nl = 'toets/proef.nl.yaml';
const en = 'toets/proef.en.yaml';
const both = (text: string) => ({ [nl]: text, [en]: text });

describe('the final test pool', () => {
	it('loads the fixture: items per module, options in file order, figures filled in', () => {
		const test = loadCourse(testFixtureFiles).test!;
		expect(test.length).toBe(4);
		expect(test.byModule.get('proef')).toHaveLength(POOL_SIZE);
		const figure = test.items.get('t-proef-2')!;
		expect(figure.kind).toBe('figure');
		expect(figure.options.map((o) => o.correct)).toEqual([true, false, false]);
		expect(figure.options[0]!.html.nl).toContain('87');
		expect(test.items.get('t-proef-1')!.caseHtml?.en).toContain('Een cliënt huilt');
	});

	it("the course's own test: 15 items, 3 from each of the 5 modules, a pool of at least 45 with every kind", () => {
		const test = loadCourse(readContentFiles('content')).test!;
		expect([test.length, test.perModule, test.byModule.size]).toEqual([15, 3, 5]);
		expect(test.items.size).toBeGreaterThanOrEqual(45);
		expect(new Set([...test.items.values()].map((i) => i.kind))).toEqual(new Set(['knowledge', 'case', 'figure']));
	});

	it('a course without toets/ has no test', () => {
		expect(loadCourse(fixtureFiles).test).toBeNull();
	});

	it('needs a pool of at least three times the test length', () => {
		const problems = problemsOf({
			...testFixtureFiles,
			...both(poolFile('proef', 4)),
			...{ 'toets/tweede.nl.yaml': poolFile('tweede', 4), 'toets/tweede.en.yaml': poolFile('tweede', 4) }
		});
		expect(problems).toEqual([expect.stringMatching(/^toets\/: \(folder\): the pool holds 8 items; it needs at least 3 × length = 12/)]);
	});

	it('needs perModule items in every module and a length of perModule × modules', () => {
		expect(problemsOf({ ...testFixtureFiles, ...both(poolFile('proef', 1)) })).toContain(
			`${nl}: items: 1 items, but an attempt draws perModule: 2 from each module`
		);
		expect(problemsOf({ ...testFixtureFiles, 'toets/toets.yaml': testInfoFile(3, 2) })).toEqual([
			'toets/toets.yaml: length: must be perModule × modules = 2 × 2 = 4'
		]);
	});

	it('needs every objective of the module tested', () => {
		const module = fixtureFiles['01-proef/module.yaml']!.replace('objectives:\n', 'objectives:\n  - { nl: Meer, en: More, roles: [expert] }\n');
		expect(problemsOf({ ...testFixtureFiles, '01-proef/module.yaml': module })).toEqual([
			`${nl}: items: no item tests objective 2 of module "proef"`,
			`${en}: items: no item tests objective 2 of module "proef"`
		]);
		expect(problemsOf({ ...testFixtureFiles, ...both(poolFile('proef').replace('objective: 1', 'objective: 3')) })).toContain(
			`${nl}: items[0].objective: module "proef" has 1 objectives`
		);
	});

	it('needs exactly one correct option', () => {
		const twoRight = poolFile('proef').replace('{ id: b, text: Je stelt gerust omdat dat helpt }', '{ id: b, text: Je stelt gerust, correct: true }');
		expect(problemsOf({ ...testFixtureFiles, ...both(twoRight) })).toContain(`${nl}: items.0.options: exactly one option must be correct (found 2)`);
		const noneRight = poolFile('proef').replace('Je erkent het verdriet omdat het er mag zijn, correct: true', 'Je erkent het verdriet');
		expect(problemsOf({ ...testFixtureFiles, ...both(noneRight) })).toContain(`${nl}: items.0.options: exactly one option must be correct (found 0)`);
	});

	it("needs a figure item's norm to exist, and figures only through placeholders", () => {
		expect(problemsOf({ ...testFixtureFiles, ...both(poolFile('proef').replace('norm: ever_cried', 'norm: nergens')) })).toContain(
			`${nl}: items[1].norm: unknown norm "nergens"`
		);
		expect(problemsOf({ ...testFixtureFiles, ...both(poolFile('proef').replace('{{norm:ever_cried}}', '87,4%')) })).toEqual(
			expect.arrayContaining([expect.stringMatching(/^toets\/proef\.nl\.yaml: items\[1\]\.options\[0\]\.text: figure typed by hand/)])
		);
		expect(
			problemsOf({
				...testFixtureFiles,
				...both(poolFile('proef').replace('kind: figure\n    objective: 1\n    norm: ever_cried\n', 'kind: figure\n    objective: 1\n'))
			})
		).toContain(`${nl}: items.1.norm: a figure item names its norm`);
	});

	it('needs nl and en to share their structure', () => {
		const problems = problemsOf({ ...testFixtureFiles, [en]: poolFile('proef').replace('id: t-proef-3', 'id: t-proef-x') });
		expect(problems).toEqual([`${en}: (file): structure differs from ${nl} (ids, kind, objective, norm, case and correct must match)`]);
	});

	it('names a missing pool file, a stray file and a repeated id', () => {
		const { [en]: _dropped, ...withoutEn } = testFixtureFiles;
		expect(problemsOf(withoutEn)).toEqual([`${en}: (file): missing; every module needs its part of the test pool`]);
		expect(problemsOf({ ...testFixtureFiles, 'toets/derde.nl.yaml': poolFile('derde') })).toEqual([
			'toets/derde.nl.yaml: (file): not a pool file of any module (toets/<module-id>.<language>.yaml)'
		]);
		const twice = poolFile('proef').replace('t-proef-4', 't-proef-3');
		expect(problemsOf({ ...testFixtureFiles, ...both(twice) })).toContain(`${nl}: items[3].id: "t-proef-3" is used twice in the test pool (also in ${nl})`);
	});

	it('needs a case on case items only, and ids that start with t-', () => {
		const noCase = poolFile('proef').replace('    case: Een cliënt huilt en verontschuldigt zich.\n', '');
		expect(problemsOf({ ...testFixtureFiles, ...both(noCase) })).toContain(`${nl}: items.0.case: a case item needs its case`);
		expect(problemsOf({ ...testFixtureFiles, ...both(poolFile('proef').replace('id: t-proef-3', 'id: proef-3')) })).toContain(
			`${nl}: items.2.id: a test item id starts with t-`
		);
	});
});
