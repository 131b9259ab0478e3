/* The proposal form: autosave and similar proposals.

   A form marked data-autosave is posted to its own address every ten seconds
   when something changed, with autosave=1; the server saves the draft and
   answers JSON whose message ("Saved at 14:05") goes to the status line,
   which screen readers announce (aria-live). Without this script, "Save and
   continue" saves each step.

   A form marked data-similar-url also posts its title and abstract there a
   moment after they change, and shows the HTML it gets back: up to five
   similar proposals. Without this script, the review step shows them. */
(function () {
  "use strict";

  var AUTOSAVE_EVERY = 10000;
  var SIMILAR_AFTER = 1500;

  function csrfToken(form) {
    var input = form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function post(url, form, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(form), "X-Requested-With": "fetch" }
    });
  }

  function setupAutosave(form) {
    var status = form.querySelector("[data-autosave-status]");
    var changed = false;
    var saving = false;
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    form.addEventListener("submit", function () { changed = false; });

    function save() {
      if (!changed || saving) { return; }
      changed = false;
      saving = true;
      var body = new FormData(form);
      body.set("autosave", "1");
      post(form.getAttribute("action") || window.location.pathname, form, body)
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (status && answer.message) { status.textContent = answer.message; }
          if (!answer.saved) { changed = true; }
        })
        .catch(function () { changed = true; })
        .then(function () { saving = false; });
    }
    window.setInterval(save, AUTOSAVE_EVERY);
  }

  function setupSimilar(form) {
    var url = form.getAttribute("data-similar-url");
    var results = form.querySelector("[data-similar-results]");
    var title = form.querySelector("[name='title']");
    var abstract = form.querySelector("[name='abstract']");
    if (!results || !title || !abstract) { return; }
    var timer = null;
    var last = "";

    function look() {
      var text = title.value + "\n" + abstract.value;
      if (text === last) { return; }
      last = text;
      var body = new FormData();
      body.set("title", title.value);
      body.set("abstract", abstract.value);
      body.set("proposal", form.getAttribute("data-proposal") || "");
      post(url, form, body)
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          // The fragment is rendered by the server from escaped template output.
          var fragment = document.createRange().createContextualFragment(html);
          results.replaceChildren(fragment);
        })
        .catch(function () { /* Suggestions are a help, not a need. */ });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(look, SIMILAR_AFTER);
    }
    title.addEventListener("input", later);
    abstract.addEventListener("input", later);
    look();
  }

  document.querySelectorAll("form[data-autosave]").forEach(setupAutosave);
  document.querySelectorAll("form[data-similar-url]").forEach(setupSimilar);
}());
