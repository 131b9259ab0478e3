/* The registration form's proof of work (the ALTCHA format, version 1).

   The server sends a challenge: a salt, the SHA-256 hash of the salt followed
   by a secret number, and the largest number it may be. This script tries the
   numbers in turn until one gives the hash, while the person fills in the
   form, then puts the solution in a hidden field. Without JavaScript, or where
   the browser has no Web Crypto, the short question in words stays in the form
   instead, and the server accepts either. */
(function () {
  "use strict";

  var BATCH = 1000;

  function hexToBytes(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i += 1) {
      bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    }
    return bytes;
  }

  function sameBytes(buffer, expected) {
    var bytes = new Uint8Array(buffer);
    if (bytes.length !== expected.length) { return false; }
    for (var i = 0; i < bytes.length; i += 1) {
      if (bytes[i] !== expected[i]) { return false; }
    }
    return true;
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    var target = hexToBytes(challenge.challenge);
    for (var start = 0; start <= challenge.maxNumber; start += BATCH) {
      var end = Math.min(start + BATCH, challenge.maxNumber + 1);
      var hashes = [];
      for (var number = start; number < end; number += 1) {
        hashes.push(crypto.subtle.digest(challenge.algorithm, encoder.encode(challenge.salt + number)));
      }
      var digests = await Promise.all(hashes);
      for (var i = 0; i < digests.length; i += 1) {
        if (sameBytes(digests[i], target)) { return start + i; }
      }
    }
    return null;
  }

  function start() {
    var form = document.querySelector("[data-registration-form]");
    if (!form) { return; }
    var field = form.querySelector("input[data-challenge]");
    var fallback = form.querySelector("[data-registration-fallback]");
    var status = form.querySelector("[data-registration-status]");
    if (!field || !fallback || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
      return;
    }
    if (field.value) {
      // A solution the server kept when it sent the form back with errors.
      fallback.hidden = true;
      return;
    }
    var challenge;
    try {
      challenge = JSON.parse(field.getAttribute("data-challenge"));
    } catch (error) {
      return;
    }
    var solved = false;
    var sendWhenSolved = false;
    var answer = fallback.querySelector("input");
    // The browser does the check: the question is not needed, unless it fails.
    fallback.hidden = true;

    form.addEventListener("submit", function (event) {
      if (solved || (answer && answer.value.trim() && !fallback.hidden)) { return; }
      event.preventDefault();
      sendWhenSolved = true;
      if (status) { status.textContent = form.getAttribute("data-text-wait"); }
    });

    solve(challenge).then(function (number) {
      if (number === null) { throw new Error("no solution"); }
      field.value = btoa(JSON.stringify({
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        number: number,
        salt: challenge.salt,
        signature: challenge.signature
      }));
      solved = true;
      if (sendWhenSolved) {
        if (status) { status.textContent = form.getAttribute("data-text-done"); }
        form.submit();
      }
    }).catch(function () {
      // Let the person answer the question instead.
      fallback.hidden = false;
      sendWhenSolved = false;
      if (status) { status.textContent = ""; }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
