/**
 * Whether a secret is plainly not random: a key a person typed (`aaaa…`, `password` four times,
 * `abcdef…`) rather than one a generator made. Length alone lets those through. This is no
 * entropy proof, only a refusal of the obvious: few distinct characters, a short pattern
 * repeated (few distinct pairs of neighbours), or mostly runs (`abcd`, `4321`, `zzzz`).
 */
export function plainlyNotRandom(secret: string): boolean {
  const length = secret.length;
  if (new Set(secret).size < 10) return true;
  const pairs = new Set<string>();
  let steps = 0;
  for (let index = 1; index < length; index++) {
    pairs.add(secret.slice(index - 1, index + 1));
    if (Math.abs(secret.charCodeAt(index) - secret.charCodeAt(index - 1)) <= 1) steps += 1;
  }
  return pairs.size < (length - 1) * 0.6 || steps > (length - 1) * 0.5;
}
