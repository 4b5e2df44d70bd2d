import { describe, expect, it } from 'vitest';
import { parseAccess } from './access';

describe('reading the access log', () => {
	it('knows reflections, submissions and reads in an export, and keeps anything else as written', () => {
		expect(parseAccess('reflection:wat-jou-raakt')).toEqual({ kind: 'reflection', id: 'wat-jou-raakt', inExport: false });
		expect(parseAccess('reflection:wat-jou-raakt (export)')).toEqual({ kind: 'reflection', id: 'wat-jou-raakt', inExport: true });
		expect(parseAccess('submission:12')).toEqual({ kind: 'submission', id: '12', inExport: false });
		expect(parseAccess('iets anders')).toEqual({ kind: 'other', id: 'iets anders', inExport: false });
	});
});
