/** CanMEDS roles on module objectives, the glossary and course.yaml: the parts of content/ the About, glossary and module pages read. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ContentError, loadCourse } from './load';
import { readContentFiles } from './fs';

const base: Record<string, string> = {
	'norms.yaml': `
keep_control_always:
  value: 37.5
  unit: percent
  base: 819
  source: tlam2018
  where: Resultaten
  label: { nl: emoties altijd onder controle, en: emotions always under control }
`,
	'bibliography.yaml': `
tlam2018:
  authors: ["'t Lam, C."]
  year: 2018
  title: Tears in therapy
`,
	'01-proef/les.nl.md': '---\ntype: lesson\ntitle: Les\nminutes: 5\n---\nTekst\n',
	'01-proef/les.en.md': '---\ntype: lesson\ntitle: Lesson\nminutes: 5\n---\nText\n'
};
const moduleYaml = (roles: string) => `
id: proef
minutes: 20
title: { nl: Proef, en: Trial }
summary: { nl: Een proefmodule, en: A trial module }
objectives:
  - nl: Iets leren
    en: Learn something
${roles}
items: [les]
`;
const glossary = (definition = 'Je houdt de leiding; {{norm:keep_control_always}} is iets anders.', sources = '[tlam2018]') => `
- id: regie-houden
  term: { nl: Regie houden, en: Staying in charge }
  definition:
    nl: "${definition}"
    en: "You stay in charge; {{norm:keep_control_always}} is another thing."
  sources: ${sources}
`;
const courseYaml = (updated = '2026-12-04') => `
updated: ${updated}
authors: { nl: Het team, en: The team }
review: { nl: Nog niet beoordeeld, en: Not yet reviewed }
`;

function problems(files: Record<string, string>): string[] {
	try {
		loadCourse(files);
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
	return [];
}

describe('CanMEDS roles on objectives', () => {
	it('keeps each objective’s roles beside its text', () => {
		const course = loadCourse({ ...base, '01-proef/module.yaml': moduleYaml('    roles: [scholar, communicator]') });
		expect(course.modules[0]?.objectives.en).toEqual(['Learn something']);
		expect(course.modules[0]?.objectiveRoles).toEqual([['scholar', 'communicator']]);
	});

	it.each([
		['no roles', '', /objectives\.0\.roles/],
		['an empty list', '    roles: []', /objectives\.0\.roles: name at least one CanMEDS role/],
		['a role outside the fixed list', '    roles: [medical-expert]', /objectives\.0\.roles\.0: use one of the CanMEDS roles/],
		['a role listed twice', '    roles: [scholar, scholar]', /objectives\.0\.roles: a role is listed twice/]
	])('refuses an objective with %s, naming file and field', (_name, roles, expected) => {
		expect(problems({ ...base, '01-proef/module.yaml': moduleYaml(roles) }).join('\n')).toMatch(new RegExp(`01-proef/module\\.yaml: ${expected.source}`));
	});
});

describe('glossary.yaml', () => {
	const withGlossary = (g: string) => ({ ...base, '01-proef/module.yaml': moduleYaml('    roles: [expert]'), 'glossary.yaml': g });

	it('fills figures per language', () => {
		const course = loadCourse(withGlossary(glossary()));
		expect(course.glossary[0]?.definition.nl).toContain('37,5%');
		expect(course.glossary[0]?.definition.en).toContain('37.5%');
	});

	it.each([
		['a retyped figure', glossary('Daar was 37,5% het mee eens.'), /glossary\.yaml: .*figure typed by hand \(37,5%\)/],
		['an unknown source', glossary(undefined, '[niemand2020]'), /glossary\.yaml: \[0\]\.sources: unknown reference "niemand2020"/],
		['a missing English definition', glossary().replace(/\n {4}en: "You stay.*"/, ''), /glossary\.yaml: 0\.definition\.en/],
		['two entries with one id', glossary() + glossary(), /glossary\.yaml: \(file\): two entries share an id/]
	])('refuses %s', (_name, g, expected) => {
		expect(problems(withGlossary(g)).join('\n')).toMatch(expected);
	});
});

describe('course.yaml', () => {
	const withCourse = (c: string) => ({ ...base, '01-proef/module.yaml': moduleYaml('    roles: [expert]'), 'course.yaml': c });

	it('gives the date and a content version derived from the files', () => {
		const a = loadCourse(withCourse(courseYaml()));
		const b = loadCourse({ ...withCourse(courseYaml()), '01-proef/les.nl.md': base['01-proef/les.nl.md'] + 'Meer.\n' });
		expect(a.info.updated).toBe('2026-12-04');
		expect(a.info.version).toMatch(/^[0-9a-f]{12}$/);
		expect(b.info.version).not.toBe(a.info.version);
	});

	it('refuses a date that is not YYYY-MM-DD', () => {
		expect(problems(withCourse(courseYaml('4 december 2026'))).join('\n')).toMatch(/course\.yaml: updated: use a date as YYYY-MM-DD/);
	});
});

describe('the course as written', () => {
	const course = loadCourse(readContentFiles('content'));

	it('maps every objective of every module to at least one CanMEDS role', () => {
		for (const module of course.modules) {
			expect(module.objectiveRoles.length, module.id).toBe(module.objectives.nl.length);
			for (const roles of module.objectiveRoles) expect(roles.length, module.id).toBeGreaterThan(0);
		}
	});

	// The About page shows course.yaml's date; it must not claim an older revision than the content has.
	it('dates the content no earlier than its last change in git', () => {
		let last = '';
		try {
			last = execFileSync('git', ['log', '-1', '--format=%as', '--', 'content'], { encoding: 'utf8' }).trim();
		} catch {
			// no git here (an unpacked release): nothing to compare with
		}
		if (last)
			expect(course.info.updated! >= last, `course.yaml updated ${course.info.updated} is older than the last content commit (${last}): bump it`).toBe(true);
		else expect(course.info.updated).not.toBeNull();
	});

	it('defines regie houden as staying in charge', () => {
		const entry = course.glossary.find((e) => e.id === 'regie-houden');
		expect(entry?.term.en).toBe('Staying in charge');
		expect(course.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});
