/**
 * Certificate numbers: 10 random symbols of Crockford's base32 (50 bits, so guessing one is hopeless at any
 * rate limit) and a Luhn mod 32 check symbol that catches every single mistyped symbol and most swaps of two
 * neighbours, shown as XXXX-XXXX-XXX. Reading back forgives case, spaces, dashes and the look-alikes O, I and L.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_SYMBOLS = 10;

/** Luhn mod N over the alphabet: the symbol that makes the whole string check. */
function checkSymbol(symbols: string): string {
	let factor = 2;
	let sum = 0;
	for (const symbol of [...symbols].reverse()) {
		const product = factor * ALPHABET.indexOf(symbol);
		sum += Math.floor(product / 32) + (product % 32);
		factor = factor === 2 ? 1 : 2;
	}
	return ALPHABET.charAt((32 - (sum % 32)) % 32);
}

function grouped(symbols: string): string {
	return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

export function newCertificateNumber(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_SYMBOLS));
	const symbols = Array.from(bytes, (b) => ALPHABET.charAt(b % 32)).join('');
	return grouped(symbols + checkSymbol(symbols));
}

/** The number in its printed form, or null when it cannot be one (wrong length, foreign symbol, failed check). */
export function parseCertificateNumber(input: string): string | null {
	const symbols = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (symbols.length !== RANDOM_SYMBOLS + 1 || [...symbols].some((s) => !ALPHABET.includes(s))) return null;
	if (checkSymbol(symbols.slice(0, -1)) !== symbols.at(-1)) return null;
	return grouped(symbols);
}
