/** The words for practice's closed lists (rungs, orientations, pitfalls, difficulties), one map each for every page. */
import { m } from '$lib/paraglide/messages';

const rungs: Record<string, () => string> = {
	'vochtige-ogen': m.practice_rung_vochtige_ogen,
	tranen: m.practice_rung_tranen,
	snikken: m.practice_rung_snikken,
	excuses: m.practice_rung_excuses,
	'zorgzame-client': m.practice_rung_zorgzame_client,
	'theatrale-tranen': m.practice_rung_theatrale_tranen,
	'eigen-rouw': m.practice_rung_eigen_rouw,
	'niet-kunnen-huilen': m.practice_rung_niet_kunnen_huilen
};
const orientations: Record<string, () => string> = {
	cgt: m.practice_orientation_cgt,
	eft: m.practice_orientation_eft,
	psychodynamisch: m.practice_orientation_psychodynamisch,
	systemisch: m.practice_orientation_systemisch,
	act: m.practice_orientation_act
};
const pitfalls: Record<string, () => string> = {
	geruststellen: m.practice_pitfall_geruststellen,
	oplossen: m.practice_pitfall_oplossen,
	tissue: m.practice_pitfall_tissue,
	'eigen-verhaal': m.practice_pitfall_eigen_verhaal,
	afleiden: m.practice_pitfall_afleiden,
	'te-snel-duiden': m.practice_pitfall_te_snel_duiden
};
const difficulties: Record<string, () => string> = {
	'too-easy': m.practice_difficulty_too_easy,
	'about-right': m.practice_difficulty_about_right,
	'too-hard': m.practice_difficulty_too_hard
};
export const DIFFICULTY_CHOICES = ['too-easy', 'about-right', 'too-hard'] as const;
const RUNG_ORDER = Object.keys(rungs);

const say = (words: Record<string, () => string>, key: string) => words[key]?.() ?? key;
export const rungName = (rung: string) => say(rungs, rung);
/** The name of rung `level` (1..8). */
export const levelName = (level: number) => rungName(RUNG_ORDER[level - 1] ?? '');
export const orientationName = (o: string) => say(orientations, o);
export const pitfallName = (p: string) => say(pitfalls, p);
export const difficultyName = (d: string) => say(difficulties, d);
