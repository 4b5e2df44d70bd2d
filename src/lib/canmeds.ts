/**
 * The CanMEDS roles' names in the learner's language (the Dutch names are those of the GZ training's competence
 * areas; see content/glossary.yaml, canmeds). One table for the module page and the accreditation dossier.
 */
import { m } from './paraglide/messages';
import type { Locale } from './paraglide/runtime';

const LABELS: Record<string, (inputs?: object, options?: { locale?: Locale }) => string> = {
	expert: m.canmeds_expert,
	communicator: m.canmeds_communicator,
	collaborator: m.canmeds_collaborator,
	scholar: m.canmeds_scholar,
	'health-advocate': m.canmeds_health_advocate,
	leader: m.canmeds_leader,
	professional: m.canmeds_professional
};

/** A role's name, in `locale` or else the request's language; an unknown role as its id. */
export function canmedsLabel(role: string, locale?: Locale): string {
	return LABELS[role]?.({}, locale ? { locale } : {}) ?? role;
}
