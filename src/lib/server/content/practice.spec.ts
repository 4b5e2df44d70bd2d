import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../../../tests/fixtures/course';
import { drillYaml, practiceCourse, practiceFiles, rubricYaml } from '../../../../tests/fixtures/practice';
import { ContentError, loadCourse } from './load';
import { ladderProblems } from './practice';

/** The problems loading the fixture course reports with `changes` applied to both languages' files. */
function problemsWith(changes: Record<string, string | undefined>): string[] {
	const files: Record<string, string> = { ...fixtureFiles, ...practiceFiles };
	for (const [name, text] of Object.entries(changes)) {
		for (const l of ['nl', 'en']) {
			const file = name.replace('*', l);
			if (text === undefined) delete files[file];
			else files[file] = text;
		}
	}
	try {
		loadCourse(files);
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
	return [];
}

const drillFile = 'oefenen/oefening-vader.*.yaml';

describe('practice content', () => {
	it('builds drills with their rung level, vignette step, models and rendered citations', () => {
		const { drills, rubric, intro } = practiceCourse.practice;
		expect(drills.map((d) => [d.id, d.level])).toEqual([
			['oefening-broer', 2],
			['oefening-moeder', 1],
			['oefening-vader', 1]
		]);
		expect(drills.find((d) => d.id === 'oefening-moeder')?.vignette).toEqual({ id: 'casus', step: 'begin' });
		expect(drills[0]?.models.map((m) => m.orientation)).toEqual(['cgt', 'eft', 'psychodynamisch']);
		expect(rubric?.skills.map((s) => s.anchors.length)).toEqual([5, 5, 5, 5, 5, 5]);
		expect(intro?.html.nl).toContain('href="/bronnen#tlam2018"');
	});

	it('an empty practice area is allowed while loading, but the ladder check refuses it', () => {
		expect(() => loadCourse(fixtureFiles)).not.toThrow();
		expect(ladderProblems(loadCourse(fixtureFiles).practice)).toContain(
			'oefenen/: rung tranen: 0 practice drill(s), the ladder needs at least 4 on every rung'
		);
		expect(ladderProblems(practiceCourse.practice)).toHaveLength(8);
	});

	it('names the file and the field of a drill with two models or two of one orientation', () => {
		const two = drillYaml('T', 'tranen').replace(/ {2}- orientation: psychodynamisch[\s\S]*?(?=contrast:)/, '');
		expect(problemsWith({ [drillFile]: two })).toContain('oefenen/oefening-vader.nl.yaml: models: exactly three model responses');
		const same = drillYaml('T', 'tranen').replace('orientation: psychodynamisch', 'orientation: cgt');
		expect(problemsWith({ [drillFile]: same })).toContain('oefenen/oefening-vader.en.yaml: models: the three models need three different orientations');
	});

	it('refuses an unknown skill, rung or pitfall, and a missing vignette step', () => {
		const bad = drillYaml('T', 'huilbui').replace('skills: [bij-de-emotie,', 'skills: [luisteren,').replace('pitfall: geruststellen', 'pitfall: preken');
		const problems = problemsWith({ [drillFile]: bad });
		expect(problems.some((p) => p.startsWith('oefenen/oefening-vader.nl.yaml: rung: use one of the rungs'))).toBe(true);
		expect(problems.some((p) => p.startsWith("oefenen/oefening-vader.nl.yaml: skills.0: use one of the rubric's skills"))).toBe(true);
		expect(problems.some((p) => p.startsWith('oefenen/oefening-vader.nl.yaml: contrast.pitfall: use one of'))).toBe(true);
		expect(problemsWith({ [drillFile]: drillYaml('T', 'tranen', 'vignette: casus\nstep: nergens\n') })).toContain(
			'oefenen/oefening-vader.nl.yaml: step: vignette "casus" has no step "nergens"'
		);
		expect(problemsWith({ [drillFile]: drillYaml('T', 'tranen', 'vignette: casus\nstep: einde-a\n') })).toContain(
			'oefenen/oefening-vader.nl.yaml: step: step "einde-a" of "casus" has no choices to continue with'
		);
		expect(problemsWith({ [drillFile]: drillYaml('T', 'tranen', 'vignette: casus\n') })).toContain(
			'oefenen/oefening-vader.nl.yaml: step: vignette and step go together'
		);
	});

	it('refuses Dutch and English files that differ in structure, and typed figures', () => {
		const files = { ...fixtureFiles, ...practiceFiles, 'oefenen/oefening-vader.en.yaml': drillYaml('T', 'snikken') };
		expect(() => loadCourse(files)).toThrow('oefenen/oefening-vader.en.yaml: (file): structure differs from oefenen/oefening-vader.nl.yaml');
		const typed = drillYaml('T', 'tranen').replace('Een vrouw van veertig', 'Een van de 87,4% therapeuten');
		expect(problemsWith({ [drillFile]: typed }).some((p) => p.startsWith('oefenen/oefening-vader.nl.yaml: context: figure typed by hand'))).toBe(true);
	});

	it('refuses a rubric without the six skills or with an anchor missing its example', () => {
		const five = rubricYaml.replace(/ {2}- id: betekenis[\s\S]*$/, '');
		expect(problemsWith({ 'oefenen/rubric.*.yaml': five })).toContain(
			'oefenen/rubric.nl.yaml: skills: the skills must be exactly bij-de-emotie, benoemen-en-erkennen, client-centraal, regie, eigen-emotie, betekenis, in that order'
		);
		const noExample = rubricYaml.replace(', example: “Zullen we verder gaan?”', '');
		expect(problemsWith({ 'oefenen/rubric.*.yaml': noExample })).toContain('oefenen/rubric.nl.yaml: skills.0.anchors.0.example: required on score 1');
	});

	it('checks a calibration item: every skill rated 1..5 and an assessment drill', () => {
		const ratings = 'ratings: { bij-de-emotie: 4, benoemen-en-erkennen: 2, client-centraal: 4, regie: 3, eigen-emotie: 6 }';
		const why = 'why: { bij-de-emotie: A., benoemen-en-erkennen: B., client-centraal: C., regie: D., eigen-emotie: E., betekenis: F. }';
		const calibration = `type: calibration\ndrill: oefening-vader\nresponse: “Dat is zwaar.”\n${ratings}\n${why}\n`;
		const problems = problemsWith({ 'oefenen/kalibratie/kalibratie-een.*.yaml': calibration });
		expect(problems).toContain('oefenen/kalibratie/kalibratie-een.nl.yaml: ratings.eigen-emotie: a score from 1 to 5');
		expect(problems).toContain('oefenen/kalibratie/kalibratie-een.nl.yaml: ratings.betekenis: Invalid input: expected number, received undefined');
		const fine = calibration.replace('eigen-emotie: 6 }', 'eigen-emotie: 3, betekenis: 2 }');
		expect(problemsWith({ 'oefenen/kalibratie/kalibratie-een.*.yaml': fine })).toContain(
			'oefenen/kalibratie/kalibratie-een.nl.yaml: drill: "oefening-vader" is not an assessment drill (pool: assessment)'
		);
	});

	it('the course-level check asks a calibration set for 8 items spread over the scale', () => {
		const ratings = 'ratings: { bij-de-emotie: 4, benoemen-en-erkennen: 2, client-centraal: 4, regie: 3, eigen-emotie: 3, betekenis: 2 }';
		const why = 'why: { bij-de-emotie: A., benoemen-en-erkennen: B., client-centraal: C., regie: D., eigen-emotie: E., betekenis: F. }';
		const assessment = drillYaml('T', 'tranen').replace('pool: practice', 'pool: assessment\nform: a');
		const files = { ...fixtureFiles, ...practiceFiles };
		for (const l of ['nl', 'en']) {
			files[`oefenen/oefening-toets.${l}.yaml`] = assessment;
			files[`oefenen/kalibratie/kalibratie-een.${l}.yaml`] = `type: calibration\ndrill: oefening-toets\nresponse: “Dat is zwaar.”\n${ratings}\n${why}\n`;
		}
		const problems = ladderProblems(loadCourse(files).practice);
		expect(problems).toContain('oefenen/kalibratie/: 1 item(s), the calibration set needs at least 8');
		expect(problems).toContain('oefenen/kalibratie/: ratings.regie: uses 1 distinct score(s) across the set, at least 3 are needed');
	});

	it('names a practice file that has no place in the folder', () => {
		expect(problemsWith({ 'oefenen/oefening-vader.*.yaml': undefined, 'oefenen/losse-tekst.*.yaml': 'type: drill' })).toContain(
			'oefenen/losse-tekst.nl.yaml: (file): not a practice file (rubric, over-oefenen, zelfvertrouwen, oefening-…, kalibratie/kalibratie-…)'
		);
	});
});
