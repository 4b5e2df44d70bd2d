/** `npm run content:check`: validates content/ and names the file and field of every problem. */
import { readContentFiles } from '../src/lib/server/content/fs';
import { ContentError, loadCourse } from '../src/lib/server/content/load';
import { fileOfIn, minutesProblems } from '../src/lib/server/content/minutes';
import { ladderProblems } from '../src/lib/server/content/practice';

const root = process.argv[2] ?? 'content';
try {
	const files = readContentFiles(root);
	const course = loadCourse(files);
	// Stated study time against the careful estimate (issue 12): an editorial rule, so it fails this check
	// (and with it `npm test` and CI) but does not stop the app from starting.
	// The practice ladder (issue 15): 4 practice drills on every rung. Also a rule for the course as published.
	const editorial = [...minutesProblems(course, fileOfIn(files)), ...ladderProblems(course.practice)];
	if (editorial.length) throw new ContentError(editorial);
	const count = (type: string) => [...course.items.values()].filter((i) => i.type === type).length;
	console.log(
		`content ok: ${course.modules.length} modules, ${count('lesson')} lessons, ${count('vignette')} vignettes, ${count('quiz')} quizzes, ${count('reflection')} reflections, ${Object.keys(course.norms).length} norms, ${course.practice.drills.length} drills${course.test ? `, ${course.test.items.size} final-test items` : ''}`
	);
} catch (error) {
	if (!(error instanceof ContentError)) throw error;
	console.error(error.message);
	process.exit(1);
}
