import type { ComponentProps } from 'svelte';
import type ReflectionForm from '$lib/components/ReflectionForm.svelte';
import type { ErrorKey } from '$lib/i18n';
import type { PageServerData } from './$types';

export type Quiz = NonNullable<PageServerData['quiz']>;

/** A refused answer: its question, the message key and what makes it, and the number as typed (the answer and rerate actions' failure). */
export type Answered = { question: string; message: ErrorKey; raw: string; min?: number; max?: number };

/** What both quiz views (QuizPlayer, SelfRating) take from the page. */
export type QuizViewProps = {
	quiz: Quiz;
	answered: Answered | null;
	posted: ComponentProps<typeof ReflectionForm>['posted'];
	openedAt: number;
	next: { url: string; title: string } | null;
	groups: { id: string; name: string }[];
};
