'use strict';
/** Secrets compared in constant time: both sides hashed first, so neither length nor content shows in the timing. */
const crypto = require('crypto');

function digest(s) {
  return crypto.createHash('sha256').update(String(s), 'utf8').digest();
}

/** Whether `given` is `expected`, in time independent of where they differ. */
function sameSecret(given, expected) {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** Whether the SHA-256 of `given` is `expectedHex` (64 hex digits), in time independent of where they differ. */
function matchesSha256(given, expectedHex) {
  const expected = Buffer.from(String(expectedHex), 'hex');
  const actual = digest(given);
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}

module.exports = { sameSecret, matchesSha256 };
