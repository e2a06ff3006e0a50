/*
 * The court's web chat, hand-written, with no framework and no build step.
 *
 * MadChat.mount(container, options) builds a chat inside `container`: the notice (automated,
 * legal information not advice, no passwords or card numbers), the message log (role="log",
 * aria-live="polite"), quick-reply buttons, the summary card and a labelled message box. It asks
 * the web app for its Rasa server (/chat/config), talks to it over socket.io (session_request,
 * user_uttered, bot_uttered) and keeps the session id and the rendered messages in storage, so a
 * reload keeps the conversation (Rasa's socket channel does not replay it).
 * MadChat.launcher(options) adds a chat button and panel to a court page (see embed.js).
 *
 * Bot text only ever becomes text nodes; links to the official court sites become links.
 *
 * Languages: a picker (English / Español / Português, from /chat/languages) starts from the
 * kept choice or the browser's language (navigator.language) and can be changed at any time.
 * A picked language, or a browser language other than English, goes with every message as
 * metadata ({language: "es"}); a change also sends /switch_language so the assistant says, in the
 * new language, that it goes on in it. An English browser sends no language until the filer picks
 * one, so the assistant can still detect the language of the first messages (bot/language.py). The chat's
 * own strings are looked up by their English text (t(); locales/<lang>/chat.yml); the chat and
 * each message carry a `lang` attribute (a bot message: the language it was answered in).
 *
 * Ratings: an answer that names its response (`response`, from the socket channel) gets thumbs
 * up / down buttons (aria-pressed); a press sends {session_id, response, rating} to
 * /chat/rating as text/plain. The staff console's chat (options.ratings false) shows none.
 *
 * Warm hand-off (issue 13): a help code ({custom: {help_code}}, after the contacts) is shown large
 * in a labelled group with a Copy button and a status line; a message typed by court staff
 * ({custom: {staff_message}}) is shown apart from the assistant's, under a visible "Court staff"
 * label, its text marked English (`lang`). While a person of the court is in the chat (between
 * "a person joined" and "the person left") the typing dots do not show: the assistant waits.
 */
(function () {
  "use strict";

  var OFFICIAL_HOSTS = ["pacer.uscourts.gov", "www.mad.uscourts.gov", "uscourts.gov"];
  var URL_PATTERN = /(^|[\s(])((?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s]*)?)/gi;
  var TRAILING_PUNCTUATION = /[.,;:!?)'"]+$/;
  var SUMMARY_TYPE = "registration_submission";
  var STAFF_JOINED = "utter_staff_joined";
  var STAFF_LEFT = "utter_staff_left";
  // Messages about the hand-off itself, not answers to rate.
  var NOT_RATED = ["utter_help_code", STAFF_JOINED, STAFF_LEFT];
  var IDLE_LIMIT_MS = 60 * 60 * 1000; // as Rasa's session_expiration_time in domain.yml
  var MAX_KEPT_MESSAGES = 300;
  var NOTICE =
    "This is an automated assistant, not a person. It gives legal information, not legal " +
    "advice. Never type passwords or your Social Security number here. Type card or bank " +
    "numbers only on PACER, never in this chat.";
  var nextId = 0;
  var ENGLISH = "en";
  // The chat's own strings per language, keyed by their English text (/chat/languages).
  var translations = { languages: [{ code: ENGLISH, name: "English" }], strings: {} };

  /* `text` in `language`: its translation when there is one, else the English. */
  function t(text, language) {
    var table = translations.strings[language] || {};
    return Object.prototype.hasOwnProperty.call(table, text) ? table[text] : text;
  }

  function supported(code) {
    return translations.languages.some(function (language) { return language.code === code; });
  }

  /* The browser's language when the chat speaks it ("es-US" -> "es"), else English. */
  function browserLanguage() {
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
    for (var i = 0; i < wanted.length; i += 1) {
      var code = String(wanted[i] || "").slice(0, 2).toLowerCase();
      if (supported(code)) return code;
    }
    return ENGLISH;
  }

  function uniqueId(prefix) {
    nextId += 1;
    return "madchat-" + prefix + "-" + nextId;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, text, onClick) {
    var node = el("button", className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }

  function getJson(url, init) {
    return fetch(url, init).then(function (response) {
      if (!response.ok) throw new Error(url + " answered " + response.status);
      return response.json();
    });
  }

  /* The https URL of `candidate` when it points to an official court site, else null. */
  function officialUrl(candidate) {
    var url;
    try {
      url = new URL(/^https?:\/\//i.test(candidate) ? candidate : "https://" + candidate);
    } catch (error) {
      return null;
    }
    if (OFFICIAL_HOSTS.indexOf(url.hostname) < 0 || url.username || url.password) return null;
    url.protocol = "https:";
    return url.href;
  }

  /* Bot text as DOM nodes: plain text, with official sites as links that open a new tab. */
  function renderText(text) {
    var fragment = document.createDocumentFragment();
    var done = 0;
    text = String(text);
    text.replace(URL_PATTERN, function (match, before, candidate, offset) {
      var shown = candidate.replace(TRAILING_PUNCTUATION, "");
      var href = officialUrl(shown);
      if (!href) return match;
      var start = offset + before.length;
      fragment.appendChild(document.createTextNode(text.slice(done, start)));
      var link = el("a", "madchat-link", shown);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(el("span", "madchat-visually-hidden", " (" + t("opens in a new tab", renderText.language) + ")"));
      fragment.appendChild(link);
      done = start + shown.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(text.slice(done)));
    return fragment;
  }

  /* ---- The warm hand-off: the help code and court staff's messages ---- */

  /* The help code, large, in a group labelled "Your help code", with a Copy button. */
  function helpCodeBox(code, language) {
    var box = el("div", "madchat-help-code");
    var label = el("p", "madchat-help-code-label", t("Your help code", language));
    var value = el("p", "madchat-help-code-value", code);
    var done = el("span", "madchat-help-code-status");
    label.id = uniqueId("code");
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", label.id);
    done.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(value);
    var copy = button("madchat-action", t("Copy the code", language), function () {
      var copied = navigator.clipboard ? navigator.clipboard.writeText(code) : Promise.reject();
      copied.then(function () {
        done.textContent = t("Copied.", language);
      }, function () { // no clipboard here: select the code for the filer to copy
        var range = document.createRange();
        range.selectNodeContents(value);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        done.textContent = t("The code is selected. Copy it with your keyboard.", language);
      });
    });
    var row = el("div", "madchat-help-code-actions");
    row.appendChild(copy);
    row.appendChild(done);
    box.appendChild(row);
    return box;
  }

  /* A message typed by court staff: a visible label, then the text (in English unless told). */
  function staffMessage(custom, language) {
    var fragment = document.createDocumentFragment();
    fragment.appendChild(el("p", "madchat-staff-label", t("Court staff", language)));
    var text = el("p", "madchat-text");
    text.lang = typeof custom.language === "string" && custom.language ? custom.language : ENGLISH;
    renderText.language = language;
    text.appendChild(renderText(custom.staff_message));
    fragment.appendChild(text);
    return fragment;
  }

  /* ---- The summary card (also used by the staff look-up) ---- */

  var layouts = {};

  function loadLayout(base, language) {
    var url = base + "/chat/summary-fields?lang=" + encodeURIComponent(language || ENGLISH);
    if (!layouts[url]) layouts[url] = getJson(url);
    return layouts[url];
  }

  function displayValue(field, value) {
    var key = String(value === null || value === undefined ? "" : value);
    return Object.prototype.hasOwnProperty.call(field.values, key) ? field.values[key] : key;
  }

  function summaryText(payload, layout, language) {
    var lines = [
      t("E-filing registration summary - U.S. District Court, District of Massachusetts", language),
      t("Reference code: ", language) + payload.reference,
      t("Confirmed (UTC): ", language) + payload.created_at,
      t("Type these answers on PACER (pacer.uscourts.gov).", language)
    ];
    layout.sections.forEach(function (section) {
      lines.push("", section.title);
      section.fields.forEach(function (field) {
        lines.push("  " + field.label + ": " + displayValue(field, payload[field.key]));
      });
    });
    return lines.join("\n") + "\n";
  }

  function download(filename, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = el("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function printCard(card) {
    var root = document.documentElement;
    root.classList.add("madchat-printing");
    card.classList.add("madchat-print-target");
    try {
      window.print();
    } finally {
      root.classList.remove("madchat-printing");
      card.classList.remove("madchat-print-target");
    }
  }

  function cardActions(card, payload, layout, language) {
    var name = "mad-efile-summary-" + payload.reference;
    var actions = el("div", "madchat-card-actions");
    actions.appendChild(button("madchat-action", t("Download my summary", language), function () {
      download(name + ".txt", "text/plain;charset=utf-8", summaryText(payload, layout, language));
    }));
    actions.appendChild(button("madchat-action", t("Download as data (JSON)", language), function () {
      download(name + ".json", "application/json", JSON.stringify(payload, null, 2) + "\n");
    }));
    actions.appendChild(button("madchat-action", t("Print", language), function () { printCard(card); }));
    return actions;
  }

  function fillCard(card, payload, layout, options) {
    var language = options.language || ENGLISH;
    var title = el("h3", "madchat-card-title", options.title || t("Your registration summary", language));
    title.id = uniqueId("card");
    title.tabIndex = -1;
    card.setAttribute("aria-labelledby", title.id);
    card.appendChild(title);
    var reference = el("p", "madchat-card-reference", t("Reference code: ", language));
    reference.appendChild(el("strong", null, payload.reference));
    card.appendChild(reference);
    card.appendChild(el("p", "madchat-card-intro", options.intro || t(
      "Type these answers on PACER. If you call the Clerk's Office, staff can use your reference " +
      "code to read them back to you.", language)));
    layout.sections.forEach(function (section) {
      card.appendChild(el("h4", "madchat-card-section", section.title));
      var list = el("dl", "madchat-card-fields");
      section.fields.forEach(function (field) {
        var row = el("div", "madchat-card-row");
        row.appendChild(el("dt", null, field.label));
        row.appendChild(el("dd", null, displayValue(field, payload[field.key])));
        list.appendChild(row);
      });
      card.appendChild(list);
    });
    if (options.actions !== false) card.appendChild(cardActions(card, payload, layout, language));
  }

  /* A card for `payload`, filled in once the layout has loaded; returns the card at once. */
  function summaryCard(payload, base, options) {
    options = options || {};
    var card = el("article", "madchat-card");
    card.lang = options.language || ENGLISH;
    card.setAttribute("aria-busy", "true");
    card.ready = loadLayout(base || "", options.language).then(function (layout) {
      fillCard(card, payload, layout, options);
      card.removeAttribute("aria-busy");
      return card;
    }, function () {
      card.appendChild(el("p", null, t("Reference code: ", options.language) + payload.reference));
      card.removeAttribute("aria-busy");
      return card;
    });
    return card;
  }

  /* ---- Kept conversation ---- */

  function keeper(storage, key) {
    return {
      load: function () {
        try {
          var state = JSON.parse(storage.getItem(key));
          if (state && state.session_id && Date.now() - state.saved_at < IDLE_LIMIT_MS) return state;
        } catch (error) { /* nothing kept, or not readable: start afresh */ }
        return null;
      },
      save: function (state) {
        state.saved_at = Date.now();
        state.entries = state.entries.slice(-MAX_KEPT_MESSAGES);
        try {
          storage.setItem(key, JSON.stringify(state));
        } catch (error) { /* storage full or blocked: the chat still works, unkept */ }
      },
      clear: function () { storage.removeItem(key); }
    };
  }

  /* ---- The chat ---- */

  function buildChat(container) {
    var ids = { input: uniqueId("input"), notice: uniqueId("notice"), picker: uniqueId("language") };
    var parts = {
      notice: el("p", "madchat-notice", NOTICE),
      languageRow: el("div", "madchat-language"),
      languageLabel: el("label", "madchat-language-label", "Language"),
      picker: el("select", "madchat-language-picker"),
      log: el("div", "madchat-log"),
      typing: el("p", "madchat-typing"),
      status: el("p", "madchat-status"),
      form: el("form", "madchat-form"),
      input: el("input", "madchat-input"),
      send: el("button", "madchat-send", "Send"),
      tools: el("div", "madchat-tools")
    };
    parts.notice.id = ids.notice;
    parts.log.setAttribute("role", "log");
    parts.log.setAttribute("aria-live", "polite");
    parts.log.setAttribute("aria-label", "Conversation with the assistant");
    parts.log.tabIndex = 0;
    parts.typing.setAttribute("aria-hidden", "true");
    parts.typing.hidden = true;
    ["", "", ""].forEach(function () { parts.typing.appendChild(el("span", "madchat-dot")); });
    parts.status.setAttribute("role", "status");
    var label = el("label", "madchat-label", "Your message");
    parts.label = label;
    label.htmlFor = ids.input;
    parts.languageLabel.htmlFor = ids.picker;
    parts.picker.id = ids.picker;
    translations.languages.forEach(function (language) {
      var option = el("option", null, language.name);
      option.value = language.code;
      option.lang = language.code; // each name is in its own language
      parts.picker.appendChild(option);
    });
    parts.languageRow.appendChild(parts.languageLabel);
    parts.languageRow.appendChild(parts.picker);
    parts.input.id = ids.input;
    parts.input.type = "text";
    parts.input.autocomplete = "off";
    parts.input.setAttribute("aria-describedby", ids.notice);
    parts.send.type = "submit";
    var row = el("div", "madchat-form-row");
    row.appendChild(parts.input);
    row.appendChild(parts.send);
    parts.form.appendChild(label);
    parts.form.appendChild(row);
    [parts.notice, parts.languageRow, parts.log, parts.typing, parts.status, parts.form, parts.tools].forEach(
      function (part) { container.appendChild(part); });
    container.classList.add("madchat-chat");
    return parts;
  }

  /* The chat's own strings (and `lang`) in `language`: messages already shown stay as they are. */
  function showLanguage(container, parts, language) {
    container.lang = language;
    parts.picker.value = language;
    parts.notice.textContent = t(NOTICE, language);
    parts.languageLabel.textContent = t("Language", language);
    parts.send.textContent = t("Send", language);
    parts.label.textContent = t("Your message", language);
    parts.log.setAttribute("aria-label", t("Conversation with the assistant", language));
    if (parts.startOver) parts.startOver.textContent = t("Start over (clears this chat)", language);
  }

  /* Mounts the chat once the languages are known (the picker lists them). */
  function mount(container, options) {
    var chat = null;
    var pending = [];
    var handle = {
      focus: function () { if (chat) chat.focus(); else pending.push("focus"); },
      sessionId: function () { return chat ? chat.sessionId() : null; }
    };
    var base = (options && options.base) || "";
    getJson(base + "/chat/languages").then(function (loaded) {
      translations = loaded;
    }, function () { /* English only */ }).then(function () {
      chat = mountNow(container, options);
      if (pending.length) chat.focus();
    });
    return handle;
  }

  function mountNow(container, options) {
    options = options || {};
    var base = options.base || "";
    // sessionStorage: the kept chat lives only as long as the browser tab, so on a shared or
    // public computer closing the tab forgets it.
    var kept = keeper(options.storage || window.sessionStorage, "madchat:" + (options.storageKey || "filer"));
    var parts = buildChat(container);
    var state = kept.load() || { session_id: newSessionId(), entries: [] };
    if (options.languagePicker === false) { // the staff console: English, no picker
      state.language = ENGLISH;
      state.picked = false;
      parts.languageRow.hidden = true;
    } else if (!supported(state.language)) {
      state.language = browserLanguage();
      state.picked = state.language !== ENGLISH; // a Spanish browser has chosen Spanish already
    }
    var socket = null;
    var confirmed = false;
    var metadata = {};
    var waiting = [];

    function scrollToEnd() {
      parts.log.scrollTo({ top: parts.log.scrollHeight, behavior: reducedMotion() ? "auto" : "smooth" });
    }

    function removeQuickReplies() {
      Array.prototype.forEach.call(parts.log.querySelectorAll(".madchat-replies"), function (group) {
        group.remove();
      });
    }

    function quickReplies(replies) {
      var group = el("div", "madchat-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("Suggested answers", state.language));
      replies.forEach(function (reply) {
        group.appendChild(button("madchat-reply", reply.title, function () {
          say(reply.payload, reply.title);
          parts.input.focus();
        }));
      });
      return group;
    }

    /* Thumbs up / down under an answer: its response name and the rating go to /chat/rating. */
    function ratingButtons(entry, language) {
      var group = el("div", "madchat-rating");
      var thanks = el("span", "madchat-visually-hidden");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("Was this answer helpful?", language));
      group.setAttribute("data-response", entry.message.response);
      thanks.setAttribute("role", "status");
      [["up", "\uD83D\uDC4D", t("Helpful", language)], ["down", "\uD83D\uDC4E", t("Not helpful", language)]].forEach(function (choice) {
        var rate = button("madchat-rate", choice[1], function () {
          if (entry.rating === choice[0]) return;
          entry.rating = choice[0];
          kept.save(state);
          Array.prototype.forEach.call(group.querySelectorAll("button"), function (other) {
            other.setAttribute("aria-pressed", String(other === rate));
          });
          thanks.textContent = t("Thank you for your rating.", language);
          fetch(base + "/chat/rating", {
            method: "POST",
            headers: { "Content-Type": "text/plain" }, // no preflight from a court page
            body: JSON.stringify({ session_id: state.session_id, response: entry.message.response, rating: choice[0] })
          }).catch(function () { /* a lost rating is not worth troubling the filer */ });
        });
        rate.setAttribute("aria-label", choice[2]);
        rate.setAttribute("aria-pressed", String(entry.rating === choice[0]));
        group.appendChild(rate);
      });
      group.appendChild(thanks);
      return group;
    }

    function renderEntry(entry, isLatest) {
      var message = entry.message || {};
      var bubble = el("div", "madchat-msg madchat-msg--" + entry.from);
      var language = entry.lang || ENGLISH;
      bubble.lang = language;
      var custom = message.custom || {};
      if (typeof custom.staff_message === "string") { // labelled "Court staff", visibly
        bubble.className = "madchat-msg madchat-msg--staff";
        bubble.appendChild(staffMessage(custom, language));
        parts.log.appendChild(bubble);
        return;
      }
      var who = el("span", "madchat-visually-hidden", entry.from === "user" ? t("You said: ", language) : t("Assistant: ", language));
      bubble.appendChild(who);
      if (custom.type === SUMMARY_TYPE) {
        bubble.classList.add("madchat-msg--card");
        bubble.appendChild(summaryCard(custom.payload, base, { language: language }));
      } else if (typeof custom.help_code === "string") {
        bubble.appendChild(helpCodeBox(custom.help_code, language));
      } else if (entry.from === "user") {
        bubble.appendChild(document.createTextNode(message.text));
      } else if (typeof message.text === "string") {
        var text = el("p", "madchat-text");
        renderText.language = language;
        text.appendChild(renderText(message.text));
        bubble.appendChild(text);
        var replies = message.quick_replies;
        if (isLatest && replies && replies.length) bubble.appendChild(quickReplies(replies));
        var rated = typeof message.response === "string" && NOT_RATED.indexOf(message.response) < 0;
        if (rated && options.ratings !== false) { // not in the staff console
          // An answer in several parts is rated once, under its last part.
          var before = parts.log.lastElementChild && parts.log.lastElementChild.querySelector(".madchat-rating");
          if (before && before.getAttribute("data-response") === message.response) before.remove();
          bubble.appendChild(ratingButtons(entry, language));
        }
      } else {
        return; // a kind of message this chat does not show
      }
      parts.log.appendChild(bubble);
    }

    function remember(entry) {
      state.entries.push(entry);
      kept.save(state);
      renderEntry(entry, true);
      scrollToEnd();
    }

    function emit(text) {
      var sent = state.picked ? Object.assign({}, metadata, { language: state.language }) : metadata;
      socket.emit("user_uttered", { message: text, session_id: state.session_id, metadata: sent });
    }

    /* Sends `text` to the assistant; shows `shown` (or the text) as the filer's message. */
    function say(text, shown) {
      removeQuickReplies();
      if (shown !== null) remember({ from: "user", lang: state.language, message: { text: shown || text } });
      parts.typing.hidden = Boolean(state.staff); // a person of the court answers, not the assistant
      if (socket && confirmed) emit(text);
      else waiting.push(text);
    }

    function onBotMessage(message) {
      parts.typing.hidden = true;
      if (!message || typeof message !== "object") return;
      if (message.response === STAFF_JOINED) state.staff = true;
      if (message.response === STAFF_LEFT) state.staff = false;
      remember({ from: "bot", lang: state.language, message: message });
    }

    function setStatus(text) {
      parts.status.textContent = text;
    }

    function connect() {
      var metadataFor = options.metadataFor || function () { return Promise.resolve({}); };
      var sessionId = state.session_id;
      Promise.all([
        getJson(base + "/chat/config?session_id=" + encodeURIComponent(sessionId)),
        metadataFor(sessionId)
      ]).then(function (results) {
        metadata = results[1];
        socket = window.io(results[0].socket_url, { path: "/socket.io" });
        socket.on("connect", function () {
          socket.emit("session_request", { session_id: sessionId });
        });
        socket.on("session_confirm", function () {
          confirmed = true;
          setStatus("");
          waiting.splice(0).forEach(emit);
        });
        socket.on("bot_uttered", onBotMessage);
        socket.on("disconnect", function () {
          confirmed = false;
          setStatus(t("The connection was lost. Trying again...", state.language));
        });
        socket.on("connect_error", function () {
          setStatus(t("The assistant cannot be reached right now. Trying again...", state.language));
        });
      }).catch(function () {
        setStatus(t("The assistant is not available right now. Please try again later.", state.language));
      });
    }

    function startOver() {
      if (socket) socket.disconnect();
      socket = null;
      confirmed = false;
      waiting = [];
      kept.clear();
      parts.log.textContent = "";
      state = { session_id: newSessionId(), entries: [], language: state.language, picked: state.picked };
      start();
      parts.input.focus();
    }

    function start() {
      connect();
      if (!state.entries.length) say("/greet", null); // the assistant introduces itself
    }

    parts.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = parts.input.value.trim();
      if (!text) return;
      parts.input.value = "";
      say(text);
    });
    parts.startOver = button("madchat-start-over", "Start over (clears this chat)", startOver);
    parts.tools.appendChild(parts.startOver);
    showLanguage(container, parts, state.language);
    parts.picker.addEventListener("change", function () {
      state.language = parts.picker.value;
      state.picked = true;
      kept.save(state);
      showLanguage(container, parts, state.language);
      say("/switch_language", null); // answers already given stay as they are
    });

    state.entries.forEach(function (entry, index) {
      renderEntry(entry, index === state.entries.length - 1);
    });
    parts.log.scrollTop = parts.log.scrollHeight;
    start();
    return {
      focus: function () { parts.input.focus(); },
      sessionId: function () { return state.session_id; }
    };
  }

  /* A chat button for any page, with a panel that opens above it. */
  function launcher(options) {
    var openKey = "madchat:open";
    var root = el("div", "madchat");
    var panel = el("section", "madchat-panel");
    var title = el("h2", "madchat-title", "E-filing sign-up assistant");
    var toggle = el("button", "madchat-launcher", "Chat: help with e-filing sign-up");
    var chat = null;
    panel.id = uniqueId("panel");
    title.id = uniqueId("title");
    panel.setAttribute("aria-labelledby", title.id);
    panel.hidden = true;
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", panel.id);
    var header = el("div", "madchat-header");
    header.appendChild(title);
    var closeButton = button("madchat-close", "Close chat", function () { close(); });
    header.appendChild(closeButton);
    // The launcher's own words in the browser's language, once the languages are known.
    getJson(((options && options.base) || "") + "/chat/languages").then(function (loaded) {
      translations = loaded;
      var language = browserLanguage();
      root.lang = language;
      title.textContent = t("E-filing sign-up assistant", language);
      toggle.textContent = t("Chat: help with e-filing sign-up", language);
      closeButton.textContent = t("Close chat", language);
    }, function () { /* English only */ });
    var body = el("div", "madchat-body");
    panel.appendChild(header);
    panel.appendChild(body);
    root.appendChild(panel);
    root.appendChild(toggle);
    document.body.appendChild(root);

    function open(moveFocus) {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      window.sessionStorage.setItem(openKey, "1");
      if (!chat) chat = mount(body, options);
      if (moveFocus) chat.focus();
    }

    function close() {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      window.sessionStorage.removeItem(openKey);
      toggle.focus();
    }

    toggle.addEventListener("click", function () {
      if (panel.hidden) open(true);
      else close();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    if (window.sessionStorage.getItem(openKey) === "1") open(false);
  }

  window.MadChat = {
    mount: mount,
    launcher: launcher,
    renderText: renderText,
    summaryCard: summaryCard
  };
})();
