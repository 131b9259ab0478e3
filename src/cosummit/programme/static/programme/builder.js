// Drag and drop on the agenda builder's grid. Without JavaScript, each
// session's "Set room and time" form does the same: this script posts to
// that form's address, asking for JSON, then reloads the page.
(function () {
  "use strict";

  var builder = document.querySelector("[data-builder]");
  if (!builder) {
    return;
  }
  var tokenInput = builder.querySelector("input[name=csrfmiddlewaretoken]");
  var status = document.getElementById("builder-status");
  var dragged = null;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields || {});
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": tokenInput ? tokenInput.value : ""
      },
      body: body
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok) {
          window.location.reload();
        } else {
          say((answer.errors || []).join(" "));
        }
      });
    }).catch(function () {
      say(builder.dataset.failed || "");
    });
  }

  builder.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest("[data-session]") : null;
    if (!card) {
      return;
    }
    dragged = card;
    card.classList.add("is-dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.session);
  });

  builder.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragged");
    }
    dragged = null;
    builder.querySelectorAll(".is-drop-target").forEach(function (element) {
      element.classList.remove("is-drop-target");
    });
  });

  function target(event) {
    return event.target.closest("[data-room][data-starts], [data-unschedule-target]");
  }

  builder.addEventListener("dragover", function (event) {
    var place = target(event);
    if (dragged && place) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      place.classList.add("is-drop-target");
    }
  });

  builder.addEventListener("dragleave", function (event) {
    var place = target(event);
    if (place) {
      place.classList.remove("is-drop-target");
    }
  });

  builder.addEventListener("drop", function (event) {
    var place = target(event);
    if (!dragged || !place) {
      return;
    }
    event.preventDefault();
    place.classList.remove("is-drop-target");
    if (place.hasAttribute("data-unschedule-target")) {
      post(dragged.dataset.unscheduleUrl);
    } else {
      post(dragged.dataset.placeUrl, { room: place.dataset.room, starts_at: place.dataset.starts });
    }
  });
})();
