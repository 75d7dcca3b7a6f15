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

module.exports = { sameSecret };
