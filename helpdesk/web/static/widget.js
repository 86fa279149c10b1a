/* CRA reporting helpdesk chat widget. One tag: <script src="https://host/widget.js" data-lang="nl"></script>
 * Plain JavaScript, no framework, no CDN. Messages are shown with textContent, never as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src, document.baseURI).origin;
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "nl";
  var T = {
    nl: { open: "Vraag het de CRA-helpdesk", title: "CRA-meldhelpdesk", close: "Sluiten", label: "Uw vraag",
      send: "Versturen", person: "Een medewerker spreken", intro: "Stel uw vraag over hoe u meldt en wat een melding moet bevatten. Dit is geen meldkanaal.",
      you: "U", bot: "Assistent", staff: "Medewerker", helped: "Heeft dit antwoord geholpen?", yes: "Ja", no: "Nee",
      thanks: "Dank voor uw reactie.", emailLabel: "Uw e-mailadres (zodat we kunnen antwoorden als u weg bent)",
      emailSend: "Doorzetten naar een medewerker", handed: "Uw vraag is doorgezet naar een medewerker. Kenmerk: ",
      basis: "Basis", error: "Er ging iets mis. Probeer het zo opnieuw.", busy: "Een moment...", source: "Lees het artikel",
      deadlines: "Mijn termijnen berekenen", track: "Soort melding", vuln: "Actief uitgebuite kwetsbaarheid", incident: "Ernstig incident",
      aware: "Moment waarop u er kennis van kreeg (Nederlandse tijd)", compute: "Berekenen", calendar: "In mijn agenda (.ics)",
      finalVulnerability: "Datum waarop een corrigerende of mitigerende maatregel beschikbaar kwam (optioneel)",
      finalIncident: "Datum waarop de incidentmelding is ingediend (optioneel)",
      badAware: "Vul een geldige datum en tijd in voor het moment waarop u er kennis van kreeg.",
      badFinal: "Vul een geldige datum in, of laat dit veld leeg.",
      wording: "Wettelijk: zonder onnodige vertraging en in ieder geval binnen de termijn. Of een termijn voor u geldt, zeggen wij niet." },
    en: { open: "Ask the CRA helpdesk", title: "CRA reporting helpdesk", close: "Close", label: "Your question",
      send: "Send", person: "Talk to a person", intro: "Ask how to report and what a report must contain. This is not a reporting channel.",
      you: "You", bot: "Assistant", staff: "Staff", helped: "Did this answer help?", yes: "Yes", no: "No",
      thanks: "Thank you for your feedback.", emailLabel: "Your e-mail address (so we can answer after you have left)",
      emailSend: "Hand over to a person", handed: "Your question has been handed to a member of staff. Reference: ",
      basis: "Basis", error: "Something went wrong. Please try again shortly.", busy: "One moment...", source: "Read the article",
      deadlines: "Compute my deadlines", track: "Kind of report", vuln: "Actively exploited vulnerability", incident: "Severe incident",
      aware: "When you became aware (Dutch time)", compute: "Compute", calendar: "Add to my calendar (.ics)",
      finalVulnerability: "Date the corrective or mitigating measure became available (optional)",
      finalIncident: "Date the incident notification was submitted (optional)",
      badAware: "Enter a valid date and time for when you became aware.",
      badFinal: "Enter a valid date, or leave this field empty.",
      wording: "The law: without undue delay and in any event within the period. We do not say whether a deadline applies to you." }
  }[lang];
  var KEY = "cra-helpdesk-chat:" + base;

  var link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = base + "/widget.css";
  document.head.appendChild(link);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var root = el("div", { "class": "cra-chat", lang: lang });
  var launcher = el("button", { type: "button", "class": "cra-launcher", "aria-expanded": "false", "aria-controls": "cra-chat-panel" }, T.open);
  var panel = el("section", { id: "cra-chat-panel", "class": "cra-panel", role: "dialog", "aria-labelledby": "cra-chat-title", hidden: "" });
  var header = el("div", { "class": "cra-header" });
  header.appendChild(el("h2", { id: "cra-chat-title" }, T.title));
  var closeButton = el("button", { type: "button", "class": "cra-close" }, T.close);
  header.appendChild(closeButton);
  var log = el("div", { "class": "cra-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0", "aria-label": T.title });
  log.appendChild(el("p", { "class": "cra-intro" }, T.intro));
  var form = el("form", { "class": "cra-form" });
  var textareaId = "cra-chat-input";
  form.appendChild(el("label", { "for": textareaId }, T.label));
  var input = el("textarea", { id: textareaId, rows: "2", maxlength: "4000", required: "" });
  form.appendChild(input);
  var send = el("button", { type: "submit" }, T.send);
  form.appendChild(send);
  var person = el("button", { type: "button", "class": "cra-person" }, T.person);
  var emailForm = el("form", { "class": "cra-email", hidden: "" });
  emailForm.appendChild(el("label", { "for": "cra-chat-email" }, T.emailLabel));
  var emailInput = el("input", { id: "cra-chat-email", type: "email", autocomplete: "email" });
  emailForm.appendChild(emailInput);
  emailForm.appendChild(el("button", { type: "submit" }, T.emailSend));
  var status = el("p", { "class": "cra-status", role: "status" });
  var deadlineToggle = el("button", { type: "button", "class": "cra-person", "aria-expanded": "false", "aria-controls": "cra-deadlines" }, T.deadlines);
  var deadlineForm = el("form", { id: "cra-deadlines", "class": "cra-email", hidden: "" });
  deadlineForm.appendChild(el("label", { "for": "cra-track" }, T.track));
  var trackSelect = el("select", { id: "cra-track" });
  trackSelect.appendChild(el("option", { value: "vulnerability" }, T.vuln));
  trackSelect.appendChild(el("option", { value: "incident" }, T.incident));
  deadlineForm.appendChild(trackSelect);
  deadlineForm.appendChild(el("label", { "for": "cra-aware" }, T.aware));
  var awareInput = el("input", { id: "cra-aware", type: "datetime-local", required: "" });
  deadlineForm.appendChild(awareInput);
  // The final report counts from another moment per track (Art. 14(2)(c), 14(4)(c)); the label follows the track.
  var FINAL = { vulnerability: { param: "measure_at", label: T.finalVulnerability }, incident: { param: "notified_at", label: T.finalIncident } };
  var finalLabel = el("label", { "for": "cra-final" }, FINAL[trackSelect.value].label);
  deadlineForm.appendChild(finalLabel);
  var finalInput = el("input", { id: "cra-final", type: "date" });
  deadlineForm.appendChild(finalInput);
  deadlineForm.appendChild(el("button", { type: "submit" }, T.compute));
  var deadlineResult = el("div", { "class": "cra-deadline-result", "aria-live": "polite" });
  deadlineForm.appendChild(deadlineResult);
  [header, log, form, person, emailForm, deadlineToggle, deadlineForm, status].forEach(function (part) { panel.appendChild(part); });
  root.appendChild(panel);
  root.appendChild(launcher);
  document.body.appendChild(root);

  var state = JSON.parse(sessionStorage.getItem(KEY) || "null") || { id: null, token: null, last: 0 };
  var shown = {};
  function save() { sessionStorage.setItem(KEY, JSON.stringify(state)); }

  function api(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    return fetch(base + "/api/chat/conversations" + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error((data.error && data.error.message) || T.error);
          return data;
        });
      });
  }

  function feedback(message) {
    var box = el("div", { "class": "cra-feedback", role: "group", "aria-label": T.helped });
    box.appendChild(el("span", {}, T.helped + " "));
    [[T.yes, true], [T.no, false]].forEach(function (choice) {
      var button = el("button", { type: "button" }, choice[0]);
      button.addEventListener("click", function () {
        api("POST", "/" + state.id + "/feedback", { message_id: message.id, helpful: choice[1] }).then(function (result) {
          box.textContent = T.thanks;
          if (result.offer_escalation) { emailForm.hidden = false; emailInput.focus(); }
        }).catch(function (error) { status.textContent = error.message; });
      });
      box.appendChild(button);
    });
    return box;
  }

  function show(message) {
    if (shown[message.id]) return;
    shown[message.id] = true;
    state.last = Math.max(state.last, message.id);
    save();
    var who = { visitor: T.you, assistant: T.bot, staff: T.staff }[message.role] || T.staff;
    var item = el("div", { "class": "cra-message cra-" + message.role });
    item.appendChild(el("span", { "class": "cra-who" }, who + ": "));
    item.appendChild(el("div", { "class": "cra-text" }, message.text));
    (message.citations || []).forEach(function (citation) {
      var cite = el("p", { "class": "cra-citation" }, T.basis + ": " + citation.basis.join("; ") + " — ");
      cite.appendChild(el("a", { href: base + citation.url, target: "_blank", rel: "noopener" }, citation.title));
      item.appendChild(cite);
    });
    if (message.role === "assistant" && message.articles && message.articles.length) item.appendChild(feedback(message));
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function ensureConversation() {
    if (state.id) return Promise.resolve();
    return api("POST", "", { lang: lang }).then(function (created) {
      state = { id: created.id, token: created.token, last: 0 };
      save();
      listen();
    });
  }

  var socket = null;
  function poll() {
    if (!state.id || socket) return;
    api("GET", "/" + state.id + "/messages?after=" + state.last + "&wait=25").then(function (data) {
      data.messages.forEach(show);
      setTimeout(poll, 100);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  function listen() {
    if (!state.id) return;
    api("GET", "/" + state.id + "/messages?after=0").then(function (data) { data.messages.forEach(show); });
    try {
      socket = new WebSocket(base.replace(/^http/, "ws") + "/api/chat/conversations/" + state.id + "/ws?token=" + encodeURIComponent(state.token));
      socket.onmessage = function (event) { var data = JSON.parse(event.data); if (data.message) show(data.message); };
      socket.onclose = function () { socket = null; poll(); };
    } catch (error) { socket = null; poll(); }
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    send.disabled = true;
    status.textContent = T.busy;
    ensureConversation().then(function () {
      return api("POST", "/" + state.id + "/messages", { text: text });
    }).then(function (data) {
      input.value = "";
      status.textContent = "";
      show(data.message);
      show(data.reply);
      if (data.reply.escalate) emailForm.hidden = false;
    }).catch(function (error) { status.textContent = error.message; })
      .then(function () { send.disabled = false; input.focus(); });
  });

  deadlineToggle.addEventListener("click", function () {
    deadlineForm.hidden = !deadlineForm.hidden;
    deadlineToggle.setAttribute("aria-expanded", String(!deadlineForm.hidden));
    if (!deadlineForm.hidden) trackSelect.focus();
  });
  trackSelect.addEventListener("change", function () {
    finalLabel.textContent = FINAL[trackSelect.value].label;
    finalInput.value = "";  // a date given for one track means something else for the other
    finalInput.removeAttribute("aria-invalid");
  });
  deadlineForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = "?track=" + encodeURIComponent(trackSelect.value) + "&aware_at=" + encodeURIComponent(awareInput.value) + "&lang=" + lang;
    if (finalInput.value) query += "&" + FINAL[trackSelect.value].param + "=" + encodeURIComponent(finalInput.value);
    [awareInput, finalInput].forEach(function (field) { field.removeAttribute("aria-invalid"); });
    fetch(base + "/api/deadlines" + query).then(function (response) { return response.json(); }).then(function (data) {
      deadlineResult.textContent = "";
      if (data.error) {
        var field = data.error.field === "aware_at" ? awareInput : (data.error.field === FINAL[trackSelect.value].param ? finalInput : null);
        deadlineResult.textContent = field === awareInput ? T.badAware : (field ? T.badFinal : data.error.message);
        if (field) { field.setAttribute("aria-invalid", "true"); field.focus(); }
        return;
      }
      var list = el("ul", {});
      data.due.forEach(function (due) { list.appendChild(el("li", {}, due.name + ": " + due.text)); });
      deadlineResult.appendChild(list);
      deadlineResult.appendChild(el("p", {}, T.wording));
      deadlineResult.appendChild(el("a", { href: base + "/api/deadlines.ics" + query, download: "" }, T.calendar));
      deadlineResult.scrollIntoView({ block: "nearest" });  // below the fold of a short panel otherwise
    }).catch(function () { deadlineResult.textContent = T.error; });
  });

  person.addEventListener("click", function () {
    emailForm.hidden = false;
    emailInput.focus();
  });
  emailForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = emailInput.value.trim() ? { email: emailInput.value.trim() } : {};
    ensureConversation().then(function () {
      return api("POST", "/" + state.id + "/escalate", body);
    }).then(function (result) {
      emailForm.hidden = true;
      status.textContent = T.handed + result.ticket;
    }).catch(function (error) { status.textContent = error.message; });
  });

  if (state.id) listen();
})();
