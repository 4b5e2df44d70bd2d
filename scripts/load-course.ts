import { readContentFiles } from '../src/lib/server/content/fs';
import { loadCourse } from '../src/lib/server/content/load';

/** The course from content/ on disk, for command-line tools outside Vite. */
export function courseFromDisk(root = process.env.CONTENT_DIR ?? 'content') {
	return loadCourse(readContentFiles(root));
}
