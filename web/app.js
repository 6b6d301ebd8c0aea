/* Opens the chat widget in the page, in French, on the Rasa socket.io channel named in config.js. */
(function () {
  "use strict";
  var config = window.CONSEILLER_CONFIG || { socketUrl: "http://localhost:5005", socketPath: "/socket.io/" };
  var offline = document.getElementById("hors-ligne");

  function showOffline(isOffline) {
    offline.hidden = !isOffline;
  }

  // A short, length-based pause before each bot message, so replies read naturally without waiting long.
  function messageDelay(message) {
    return Math.min(900, Math.max(250, 8 * message.length));
  }

  window.WebChat.default({
    initPayload: "/start",
    socketUrl: config.socketUrl,
    socketPath: config.socketPath,
    customData: { language: "fr" },
    title: "Conseiller micro-travail & freelance",
    subtitle: "Expliquer, comparer, vous aider à choisir",
    inputTextFieldHint: "Posez votre question…",
    connectingText: "Connexion au conseiller…",
    embedded: true,
    hideWhenNotConnected: false,
    showFullScreenButton: false,
    showCloseButton: false,
    showMessageDate: false,
    displayUnreadCount: false,
    params: { storage: "session" },
    customMessageDelay: messageDelay,
    mainColor: "#1f5f8b",
    userBackgroundColor: "#1f5f8b",
    userTextColor: "#ffffff",
    onSocketEvent: {
      connect: function () { showOffline(false); },
      connect_error: function () { showOffline(true); }
    }
  }, document.getElementById("webchat"));

  document.getElementById("nouvelle-conversation").addEventListener("click", function () {
    window.sessionStorage.removeItem("chat_session");
    window.location.reload();
  });
})();
