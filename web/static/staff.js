/*
 * The staff console's page script: the assistant in staff mode, and the reference code look-up.
 * The console's chat sends the staff-mode proof that the web app gives a signed-in console
 * (/staff/proof), kept per browser tab. The look-up calls /api/submissions/<reference>, which
 * accepts the console's sign-in cookie, and reads the payload back as the filer's summary card,
 * with the filer's language (its Filer-Language header) named in English and in itself.
 */
(function () {
  "use strict";

  function staffProof(sessionId) {
    return fetch("/staff/proof?session_id=" + encodeURIComponent(sessionId), {
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error("no staff proof: " + response.status);
      return response.json();
    }).then(function (body) {
      return { staff_proof: body.staff_proof };
    });
  }

  // " Filer's language: Spanish (español)." by the browser's own language names, the name in
  // the language itself marked with its lang; English is just "English".
  function languageNote(code) {
    var note = document.createElement("span");
    var english = new Intl.DisplayNames(["en"], { type: "language" }).of(code);
    var own = document.createElement("span");
    own.lang = code;
    own.textContent = new Intl.DisplayNames([code], { type: "language" }).of(code);
    note.textContent = " Filer's language: " + english;
    if (own.textContent !== english) note.append(" (", own, ")");
    note.append(".");
    return note;
  }

  function lookUp(reference, status, result) {
    status.textContent = "Looking up " + reference + "...";
    result.textContent = "";
    fetch("/api/submissions/" + encodeURIComponent(reference), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) {
        return { status: response.status, body: body, language: response.headers.get("Filer-Language") };
      });
    }).then(function (reply) {
      if (reply.status !== 200) {
        status.textContent = reply.status === 404
          ? "No submission has the reference code " + reference + "."
          : reply.body.error || "The look-up did not work. Please try again.";
        return;
      }
      var payload = reply.body;
      status.textContent = "Found " + reference + ": " + payload.first_name + " " +
        payload.last_name + ", confirmed " + payload.created_at + " (UTC).";
      if (reply.language) status.appendChild(languageNote(reply.language));
      var card = window.MadChat.summaryCard(payload, "", {
        title: "Submission " + payload.reference,
        intro: "What the caller prepared to type on PACER, screen by screen.",
        actions: false
      });
      result.appendChild(card);
    }).catch(function () {
      status.textContent = "The look-up did not work. Please try again.";
    });
  }

  var form = document.getElementById("lookup-form");
  var input = document.getElementById("lookup-reference");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var reference = input.value.trim().toUpperCase();
    var status = document.getElementById("lookup-status");
    if (!reference) {
      status.textContent = "Type a reference code first, like MAD-7K3QX9.";
      return;
    }
    lookUp(reference, status, document.getElementById("lookup-result"));
  });

  window.MadChat.mount(document.getElementById("staff-chat"), {
    storage: window.sessionStorage,
    storageKey: "staff",
    metadataFor: staffProof,
    ratings: false, // the court's answer ratings are the filers'
    languagePicker: false // staff mode answers in English (the script's words)
  });
})();
