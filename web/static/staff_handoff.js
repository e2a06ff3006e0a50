/*
 * The staff console's warm hand-off panel: staff type the help code a caller reads to them and
 * see that chat live (asked again every few seconds): the filer's language, where the filer is,
 * the answers so far and the last messages. They can take over (the assistant pauses and the
 * filer is told), send messages, correct one answer of the form (checked as the form checks it)
 * and hand back. Everything goes through /staff/handoff/<code>, which needs the console's
 * sign-in cookie; the page never talks to Rasa itself.
 */
(function () {
  "use strict";

  var POLL_MS = 3000;
  var WHO = { filer: "Filer", assistant: "Assistant", staff: "Court staff" };

  var form = document.getElementById("handoff-form");
  var codeInput = document.getElementById("handoff-code");
  var status = document.getElementById("handoff-status");
  var panel = document.getElementById("handoff-view");
  var alertBox = document.getElementById("handoff-alert");
  var takeOver = document.getElementById("handoff-take-over");
  var handBack = document.getElementById("handoff-hand-back");
  var sendForm = document.getElementById("handoff-send");
  var text = document.getElementById("handoff-text");
  var correctForm = document.getElementById("handoff-correct");
  var slotSelect = document.getElementById("handoff-slot");
  var valueInput = document.getElementById("handoff-value");

  var code = null; // the open chat's help code, as the server writes it
  var timer = null;
  var busy = false;
  var shown = { messages: "", slots: "", filerMessages: -1 };

  function byId(id) { return document.getElementById(id); }

  function request(method, path, body) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch("/staff/handoff/" + encodeURIComponent(code) + path, options)
      .then(function (response) {
        return response.json().then(function (reply) {
          return { status: response.status, body: reply };
        });
      });
  }

  function showAlert(message) {
    alertBox.textContent = message || "";
    alertBox.hidden = !message;
  }

  function where(view) {
    var parts = [];
    if (view.form_active && view.question) {
      var refused = view.refusals === 1 ? "1 answer refused" : view.refusals + " answers refused";
      parts.push("Form question: " + view.question + " (" + refused + ")");
    } else if (view.answers.length) {
      parts.push("The form is stopped, with answers kept");
    }
    if (view.walkthrough) parts.push("Walkthrough: " + view.walkthrough);
    return parts.length ? parts.join("; ") : "Not in the form or the walkthrough";
  }

  function renderMessages(view) {
    var signature = JSON.stringify(view.messages);
    if (signature === shown.messages) return;
    shown.messages = signature;
    var list = byId("handoff-messages");
    list.textContent = "";
    view.messages.forEach(function (message) {
      var item = document.createElement("li");
      item.className = "handoff-message from-" + message.sender;
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = WHO[message.sender] + ": ";
      var words = document.createElement("span");
      words.textContent = message.text;
      if (message.sender !== "staff") words.lang = view.language;
      item.appendChild(who);
      item.appendChild(words);
      list.appendChild(item);
    });
    var filerMessages = view.messages.filter(function (m) { return m.sender === "filer"; }).length;
    if (view.paused && shown.filerMessages >= 0 && filerMessages > shown.filerMessages) {
      status.textContent = "New message from the filer.";
    }
    shown.filerMessages = filerMessages;
  }

  function renderSlots(view) {
    var signature = JSON.stringify(view.correctable);
    if (signature === shown.slots) return;
    shown.slots = signature;
    var chosen = slotSelect.value || view.question_slot;
    slotSelect.textContent = "";
    view.correctable.forEach(function (field) {
      var option = document.createElement("option");
      option.value = field.slot;
      option.textContent = field.label;
      option.selected = field.slot === chosen;
      slotSelect.appendChild(option);
    });
  }

  function render(view) {
    code = view.code;
    panel.hidden = false;
    byId("handoff-chat-title").textContent = "The filer's chat (" + view.code + ")";
    byId("handoff-language").textContent = view.language_name;
    byId("handoff-state").textContent = view.paused
      ? "Paused: you are in the chat"
      : "Answering the filer";
    byId("handoff-where").textContent = where(view);
    byId("handoff-reference").textContent = view.reference || "None yet";
    var answers = byId("handoff-answers");
    answers.textContent = "";
    (view.answers.length ? view.answers : ["No answers yet."]).forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      answers.appendChild(item);
    });
    takeOver.hidden = view.paused;
    handBack.hidden = !view.paused;
    sendForm.hidden = !view.paused;
    correctForm.hidden = !(view.paused && (view.form_active || view.answers.length > 0));
    renderSlots(view);
    renderMessages(view);
  }

  function stop(message) {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    panel.hidden = true;
    status.textContent = message;
  }

  // A failed call: a lost session or code ends the view; anything else is said and kept.
  function failed(reply) {
    if (reply.status === 401) return stop("Your staff session ended. Please sign in again.");
    if (reply.status === 404) return stop(reply.body.error);
    showAlert(reply.body.error || "That did not work. Please try again.");
  }

  function refresh() {
    if (busy || code === null) return;
    busy = true;
    request("GET", "").then(function (reply) {
      if (reply.status === 200) render(reply.body); else failed(reply);
    }).catch(function () {
      showAlert("The console could not reach the server. It will keep trying.");
    }).then(function () { busy = false; });
  }

  // Runs one change (take over, send, correct, hand back); `done` gets the fresh view.
  function change(path, body, done) {
    busy = true;
    showAlert("");
    return request("POST", path, body).then(function (reply) {
      if (reply.status !== 200) return failed(reply);
      render(reply.body);
      if (done) done(reply.body);
    }).catch(function () {
      showAlert("That did not work: the console could not reach the server. Please try again.");
    }).then(function () { busy = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var typed = codeInput.value.trim();
    if (!typed) {
      status.textContent = "Type the help code first, like H-4KQ7.";
      return;
    }
    if (timer !== null) window.clearInterval(timer);
    code = typed;
    shown = { messages: "", slots: "", filerMessages: -1 };
    showAlert("");
    status.textContent = "Opening the chat " + typed + "...";
    busy = true;
    request("GET", "").then(function (reply) {
      if (reply.status !== 200) {
        code = null;
        panel.hidden = true;
        status.textContent = reply.status === 401
          ? "Your staff session ended. Please sign in again."
          : reply.body.error || "That did not work. Please try again.";
        return;
      }
      render(reply.body);
      status.textContent = "Showing the chat " + reply.body.code + ". It updates every few seconds.";
      timer = window.setInterval(refresh, POLL_MS);
    }).catch(function () {
      code = null;
      status.textContent = "The console could not reach the server. Please try again.";
    }).then(function () { busy = false; });
  });

  takeOver.addEventListener("click", function () {
    change("/take-over", {}, function () {
      status.textContent = "You took over the chat. The assistant is paused.";
      text.focus();
    });
  });

  handBack.addEventListener("click", function () {
    change("/hand-back", {}, function () {
      status.textContent = "You handed the chat back to the assistant.";
      takeOver.focus();
    });
  });

  sendForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var message = text.value.trim();
    if (!message) {
      showAlert("Type a message first.");
      text.focus();
      return;
    }
    change("/message", { text: message }, function () {
      text.value = "";
      status.textContent = "Sent.";
      text.focus();
    });
  });

  correctForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var slot = slotSelect.value;
    var label = slotSelect.options[slotSelect.selectedIndex].textContent;
    change("/answer", { slot: slot, value: valueInput.value }, function (view) {
      valueInput.value = "";
      var notes = (view.notes || []).join(" ");
      status.textContent = "Saved the answer: " + label + "." + (notes ? " Note: " + notes : "");
    }).then(function () {
      if (!alertBox.hidden) valueInput.focus();
    });
  });
})();
