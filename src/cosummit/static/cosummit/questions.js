/* Conditional questions: a question whose input carries data-depends-on (the
   name of an earlier question's field) and data-depends-value is shown only
   while that question's answer matches. Without this script every question is
   shown, with a note saying when it applies, and the server ignores answers to
   questions that do not apply. */
(function () {
  "use strict";

  function wrapperOf(element) {
    return element.closest("[data-question]") || element.closest(".field") || element;
  }

  function inputsNamed(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll("[name='" + name + "']"));
  }

  // The answer to a question as the server stores it: a string, a list for
  // several checkboxes, "yes" or "no" for a single checkbox.
  function answerOf(inputs) {
    if (!inputs.length) { return ""; }
    var first = inputs[0];
    if (first.type === "checkbox" && inputs.length === 1 && first.value === "on") {
      return first.checked ? "yes" : "no";
    }
    if (first.type === "checkbox") {
      return inputs.filter(function (input) { return input.checked; })
        .map(function (input) { return input.value; });
    }
    if (first.type === "radio") {
      var checked = inputs.filter(function (input) { return input.checked; })[0];
      return checked ? checked.value : "";
    }
    return first.value;
  }

  function matches(answer, expected) {
    return Array.isArray(answer) ? answer.indexOf(expected) !== -1 : answer === expected;
  }

  function update(form) {
    // Questions come in order, so a parent is settled before its dependants.
    var seen = [];
    form.querySelectorAll("[data-depends-on]").forEach(function (element) {
      var wrapper = wrapperOf(element);
      if (seen.indexOf(wrapper) !== -1) { return; }
      seen.push(wrapper);
      var parentInputs = inputsNamed(form, element.getAttribute("data-depends-on"));
      var parentShown = parentInputs.length > 0 && !wrapperOf(parentInputs[0]).hidden;
      var shown = parentShown &&
        matches(answerOf(parentInputs), element.getAttribute("data-depends-value"));
      wrapper.hidden = !shown;
    });
  }

  function start() {
    var forms = [];
    document.querySelectorAll("[data-depends-on]").forEach(function (element) {
      if (element.form && forms.indexOf(element.form) === -1) { forms.push(element.form); }
    });
    forms.forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
      form.addEventListener("input", function () { update(form); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
