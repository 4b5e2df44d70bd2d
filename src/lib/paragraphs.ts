/**
 * Course text kept as plain text (a frozen submission's feedback and prompts) still carries the line
 * breaks of its source file. Shown as written, a sentence breaks wherever the author's editor wrapped it:
 * a blank line starts a paragraph, a single line break is only a space.
 */
export function paragraphs(text: string): string[] {
	return text
		.split(/\r?\n\s*\r?\n/)
		.map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
		.filter((p) => p !== '');
}
