import { describe, expect, it } from 'vitest';
import type { SessionUser } from './auth/session';
import { logAccess, logReads } from './audit';

const viewer: SessionUser = { id: 'v', email: 'v@x.nl', displayName: 'Viewer', role: 'supervisor', locale: 'nl' };

/** A database that records each insert's rows instead of writing them. */
function recorder() {
	const inserts: unknown[][] = [];
	const db = { insert: () => ({ values: (rows: unknown[]) => (inserts.push(rows), Promise.resolve()) }) };
	return { inserts, db: db as unknown as Parameters<typeof logReads>[0] };
}

describe('the access log', () => {
	it("writes many learners' reads in one insert, leaving out the viewer's own", async () => {
		const { inserts, db } = recorder();
		await logReads(db, viewer, [
			{ learnerId: 'a', what: 'reflection:een' },
			{ learnerId: 'b', what: 'reflection:twee' },
			{ learnerId: 'v', what: 'reflection:eigen' },
			{ learnerId: 'a', what: 'reflection:drie' }
		]);
		expect(inserts).toEqual([
			[
				{ learnerId: 'a', viewerId: 'v', viewerName: 'Viewer', what: 'reflection:een' },
				{ learnerId: 'b', viewerId: 'v', viewerName: 'Viewer', what: 'reflection:twee' },
				{ learnerId: 'a', viewerId: 'v', viewerName: 'Viewer', what: 'reflection:drie' }
			]
		]);
	});

	it('writes nothing when nothing of anyone else was read', async () => {
		const { inserts, db } = recorder();
		await logReads(db, viewer, []);
		await logReads(db, viewer, [{ learnerId: 'v', what: 'reflection:eigen' }]);
		await logAccess(db, viewer, 'a', []);
		expect(inserts).toEqual([]);
	});

	it("logs one learner's reads as before", async () => {
		const { inserts, db } = recorder();
		await logAccess(db, viewer, 'a', ['submission:1', 'reflection:een']);
		expect(inserts).toEqual([
			[
				{ learnerId: 'a', viewerId: 'v', viewerName: 'Viewer', what: 'submission:1' },
				{ learnerId: 'a', viewerId: 'v', viewerName: 'Viewer', what: 'reflection:een' }
			]
		]);
	});
});
