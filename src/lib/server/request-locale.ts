/**
 * The request's language, as Paraglide's middleware decides it (cookie, then Accept-Language, then Dutch), without
 * the middleware's copy of the request: it clones every request (`new Request(request.clone())`, a tee of a form
 * post's body) for the URL strategy this app does not use, about a tenth of a write's CPU time (issue 19). The
 * locale lives in Paraglide's own AsyncLocalStorage, so `getLocale()` reads it as it read the middleware's. With
 * neither the URL strategy nor a custom one, the middleware never redirects, so nothing else of it is left out.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
	extractLocaleFromRequestWithStrategies,
	getServerAsyncLocalStorage,
	overwriteServerAsyncLocalStorage,
	strategy,
	type Locale,
	type ParaglideAsyncLocalStorage
} from '$lib/paraglide/runtime';

type Store = Parameters<ParaglideAsyncLocalStorage['run']>[0];

function storage(): ParaglideAsyncLocalStorage {
	let existing = getServerAsyncLocalStorage();
	if (!existing) overwriteServerAsyncLocalStorage((existing = new AsyncLocalStorage<Store>()));
	return existing;
}

/** Runs `fn` with `getLocale()` answering the request's language. */
export function withRequestLocale<T>(request: Request, url: URL, fn: (locale: Locale) => T): T {
	const locale = extractLocaleFromRequestWithStrategies(request, strategy, url);
	// No `messageCalls` set: the middleware gathers every message a request calls for its experimental locale
	// splitting, which is off here, so each message call would add to a set nobody reads.
	return storage().run({ locale, origin: url.origin }, () => fn(locale));
}
