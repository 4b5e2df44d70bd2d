import type { PageLoad } from './$types';

/**
 * An item's player, imported for its type only (issue 19: at most 60 KB of JavaScript per route): each player,
 * with the messages only it says, is a chunk of its own, and a page loads the one it shows instead of all four.
 * Imported here rather than in the page, because the page renders after its load: the server renders the player
 * in full, and the browser has it in hand before it hydrates the page, so nothing flashes or jumps.
 */
export const load: PageLoad = async ({ data }) => {
	const players = {
		VignettePlayer: data.vignette ? (await import('./VignettePlayer.svelte')).default : null,
		SelfRating: data.quiz?.selfRating ? (await import('./SelfRating.svelte')).default : null,
		QuizPlayer: data.quiz && !data.quiz.selfRating ? (await import('./QuizPlayer.svelte')).default : null,
		ReflectionForm: data.reflection ? (await import('$lib/components/ReflectionForm.svelte')).default : null
	};
	return { ...data, players };
};
