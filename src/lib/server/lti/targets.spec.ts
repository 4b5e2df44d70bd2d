import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/load';
import { readContentFiles } from '../content/fs';
import { FINAL_TEST_PATH, landingPath, ltiTargets } from './targets';

const course = loadCourse(readContentFiles('content'));
const TOOL = 'https://ontroerd.example';

describe('LTI targets on the real course', () => {
	const targets = ltiTargets(course);
	const practice = course.practice.drills.filter((d) => d.pool === 'practice');
	const assessment = course.practice.drills.filter((d) => d.pool === 'assessment');

	it('offers every practice drill and the final test for Deep Linking, never an assessment drill', () => {
		const drillPaths = targets.filter((t) => t.kind === 'drill').map((t) => t.path);
		expect(drillPaths).toEqual(practice.map((d) => `/oefenen/${d.id}`));
		expect(assessment.length).toBeGreaterThan(0);
		for (const d of assessment) expect(drillPaths).not.toContain(`/oefenen/${d.id}`);
		expect(targets.filter((t) => t.kind === 'test').map((t) => t.path)).toEqual([FINAL_TEST_PATH]);
	});

	it('lands on the practice area, a practice drill or the test; an unknown or assessment drill lands on the dashboard', () => {
		const drill = practice[0]!.id;
		expect(landingPath(course, [`${TOOL}/oefenen/${drill}`], TOOL)).toBe(`/oefenen/${drill}`);
		expect(landingPath(course, [`${TOOL}/oefenen`], TOOL)).toBe('/oefenen');
		expect(landingPath(course, [`${TOOL}/toets`], TOOL)).toBe('/toets');
		expect(landingPath(course, [`${TOOL}/oefenen/oefening-bestaat-niet`], TOOL)).toBe('/dashboard');
		expect(landingPath(course, [`${TOOL}/oefenen/${assessment[0]!.id}`], TOOL)).toBe('/dashboard');
		expect(landingPath(course, [`${TOOL}/drills`], TOOL)).toBe('/dashboard');
	});
});
