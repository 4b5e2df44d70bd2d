import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('puts a table in its own scroll box, which a keyboard can reach', () => {
		const html = renderMarkdown('| wat | % |\n|---|--:|\n| ooit gehuild | 87,4 |\n', {});
		expect(html).toMatch(/^<div class="table-scroll" tabindex="0"><table>[\s\S]*<\/table><\/div>\s*$/);
		expect(html).toContain('<td align="right">87,4</td>');
	});

	it('leaves text without a table as it was', () => {
		expect(renderMarkdown('Een *zin*.', {})).toBe('<p>Een <em>zin</em>.</p>\n');
	});
});
