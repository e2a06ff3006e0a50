/*
 * The one-line snippet's script: <script src="https://CHAT-HOST/chat/embed.js" defer></script>
 * Loads the chat's stylesheet, the pinned socket.io client and chat.js from the same host as
 * this script, then adds the chat button to the page (MadChat.launcher).
 */
(function () {
  "use strict";

  var base = new URL(document.currentScript.src).origin;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var node = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { node[name] = attributes[name]; });
      node.onload = resolve;
      node.onerror = reject;
      document.head.appendChild(node);
    });
  }

  load("link", { rel: "stylesheet", href: base + "/static/chat.css" })
    .then(function () { return load("script", { src: base + "/vendor/socket.io.min.js" }); })
    .then(function () { return load("script", { src: base + "/static/chat.js" }); })
    .then(function () { window.MadChat.launcher({ base: base }); });
})();
