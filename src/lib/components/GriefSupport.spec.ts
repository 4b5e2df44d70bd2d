import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ReflectionForm from './ReflectionForm.svelte';

const view = (support: 'grief' | null) => ({
	key: 'reflectie-nazorg-en-eigen-verdriet',
	promptHtml: '<p>Wat raakt jou?</p>',
	body: '',
	version: 0,
	visibility: 'private',
	named: false,
	savedAt: null,
	support
});

describe('GriefSupport in ReflectionForm', () => {
	it('shows where to turn under a prompt marked support: grief', () => {
		const { body } = render(ReflectionForm, { props: { reflection: view('grief') } });
		expect(body).toContain('data-support="grief"');
		expect(body).toContain('huisarts');
		expect(body).toContain('bedrijfsarts');
		expect(body).toContain('vertrouwenspersoon');
		expect(body).toContain('0800-0113');
	});

	it('shows nothing extra under other prompts', () => {
		const { body } = render(ReflectionForm, { props: { reflection: view(null) } });
		expect(body).not.toContain('data-support');
	});
});
