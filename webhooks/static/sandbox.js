/* Leeds Signpost sandbox: talk to the real engine through /sandbox/api/message.
 *
 * A follow-up the resident agreed to (CHECK) comes from /sandbox/api/follow-ups once the
 * pretend time reaches its due time: asked when the pretend time changes, and every 30 s.
 *
 * Each reply is shown once, as the chosen channel shows it (the "Show replies as" switch:
 * SMS, Telegram or WhatsApp); sandbox_replies.js draws it. Message text is always set with textContent,
 * never as HTML.
 */
(function () {
  "use strict";

  var API_URL = document.body.getAttribute("data-api") || "/sandbox/api/message";
  var FOLLOW_UPS_URL = document.body.getAttribute("data-follow-ups") ||
    "/sandbox/api/follow-ups";
  var POLL_MS = 30000;
  var draw = window.SandboxReplies.draw;
  var el = window.SandboxReplies.el;

  var transcript = document.getElementById("transcript");
  var emptyNote = document.getElementById("empty-note");
  var statusLine = document.getElementById("status");
  var form = document.getElementById("composer");
  var messageBox = document.getElementById("message");
  var nowInput = document.getElementById("now");
  var nowClear = document.getElementById("now-clear");
  var resetButton = document.getElementById("reset");
  var viewSwitch = document.getElementById("view-switch");
  var languageSelect = document.getElementById("language");
  // The language goes with the first message, and again with the next one after a change.
  var languageToSend = true;

  // The bot's replies so far, each with the element it is drawn in, to draw again on a switch.
  var drawn = [];
  var actions = {
    send: function (text, note) { sendText(text, note); },
    shareLocation: function (view, button) { shareLocation(view, button); },
    shareLabel: document.body.getAttribute("data-share-label") || "Share my location"
  };

  var session = newSessionId();
  // A conversation has begun (before that there is nothing to follow up).
  var started = false;
  // Bumped by Reset, so answers to an old conversation are dropped when they arrive.
  var generation = 0;
  // Requests go one at a time, so replies always appear in the order messages were sent.
  var queue = Promise.resolve();
  var pending = 0;

  function newSessionId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      try {
        return "sandbox-" + window.crypto.randomUUID();
      } catch (e) {
        /* randomUUID needs a secure context: fall through. */
      }
    }
    var id = "sandbox-";
    for (var i = 0; i < 4; i += 1) {
      id += Math.random().toString(36).slice(2, 10);
    }
    return id;
  }

  /* A labelled number box for a latitude or longitude, limited to plus or minus limit. */
  function coordinateField(label, className, limit, value) {
    var wrapper = el("label", null, label);
    var input = el("input", className);
    input.type = "number";
    input.step = "any";
    input.min = String(-limit);
    input.max = String(limit);
    input.inputMode = "decimal";
    input.value = value;
    wrapper.appendChild(input);
    return wrapper;
  }

  var VIEWS = { telegram: "Telegram", whatsapp: "WhatsApp", sms: "SMS texts" };

  /* "sms", "telegram" or "whatsapp", as the switch says. */
  function viewMode() {
    var chosen = viewSwitch.querySelector("input[name=view]:checked");
    return chosen && VIEWS.hasOwnProperty(chosen.value) ? chosen.value : "sms";
  }

  function setStatus(text) {
    statusLine.textContent = text || "";
  }

  function updateEmptyNote() {
    emptyNote.hidden = transcript.children.length > 0;
  }

  function prefersReducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /* Bring new bubbles into view: the whole batch if it fits, else the start of it. */
  function reveal(first, last) {
    if (!first) {
      return;
    }
    last = last || first;
    var behavior = prefersReducedMotion() ? "auto" : "smooth";
    var height = last.getBoundingClientRect().bottom - first.getBoundingClientRect().top;
    var visible = window.innerHeight - 96;
    if (height > visible) {
      first.scrollIntoView({ block: "start", behavior: behavior });
    } else {
      last.scrollIntoView({ block: "end", behavior: behavior });
    }
  }

  function append(node) {
    transcript.appendChild(node);
    updateEmptyNote();
    return node;
  }

  /* "2026-11-23T10:00" -> "Mon 23 Nov 2026, 10:00" (falls back to the raw value). */
  function describeNow(value) {
    var parsed = new Date(value);
    if (isNaN(parsed.getTime())) {
      return value;
    }
    try {
      return parsed.toLocaleString("en-GB", {
        weekday: "short", day: "numeric", month: "short", year: "numeric",
        hour: "2-digit", minute: "2-digit"
      });
    } catch (e) {
      return value;
    }
  }

  function residentBubble(text, meta) {
    var bubble = el("div", "bubble resident");
    bubble.appendChild(el("span", "who", "You"));
    bubble.appendChild(el("p", "resident-text", text));
    meta.forEach(function (line) {
      bubble.appendChild(el("span", "meta", line));
    });
    return append(bubble);
  }

  function noteBubble(className, heading, text) {
    var bubble = el("div", "bubble " + className);
    bubble.appendChild(el("span", "who", heading));
    bubble.appendChild(el("p", null, text));
    return append(bubble);
  }

  function botBubble(reply, size, whatsapp) {
    var bubble = el("article", "bubble bot");
    bubble.setAttribute("aria-label", "Reply from Leeds Signpost");
    bubble.appendChild(el("span", "who", "Leeds Signpost"));
    var body = el("div", "reply-body");
    bubble.appendChild(body);
    var entry = { body: body, reply: reply, size: size, whatsapp: whatsapp };
    draw(body, reply, size, viewMode(), actions, whatsapp);
    drawn.push(entry);
    return append(bubble);
  }

  /* Draw every reply again in the view just chosen, without announcing the transcript again. */
  function redraw() {
    var mode = viewMode();
    transcript.setAttribute("aria-busy", "true");
    drawn.forEach(function (entry) {
      draw(entry.body, entry.reply, entry.size, mode, actions, entry.whatsapp);
    });
    transcript.setAttribute("aria-busy", "false");
    setStatus(mode === "sms" ? "Showing replies as SMS texts." :
      "Showing replies as on " + VIEWS[mode] + ".");
  }

  function errorMessage(status, body) {
    var detail = body && typeof body.error === "string" ? body.error : "";
    if (status === 400) {
      return "The sandbox could not use that message: " +
        (detail || "the request was not in the expected shape.");
    }
    if (status === 404) {
      return "The sandbox is switched off on this server, so messages cannot be tried here.";
    }
    if (status === 413) {
      return "That message is too big to send. Try a shorter one.";
    }
    if (status === 429) {
      return "Too many messages at once. Wait a moment, then try again.";
    }
    if (status >= 500) {
      return "Something went wrong on the server (error " + status + "). Try again in a " +
        "minute, or press Reset to start a new conversation.";
    }
    return "The server answered with an unexpected error (" + status + ")" +
      (detail ? ": " + detail : ".");
  }

  function showError(heading, text) {
    noteBubble("error", heading, text).setAttribute("role", "alert");
  }

  /* An answer to /api/follow-ups: any follow-up that came due, after a note of the time. */
  function handleFollowUps(data, now) {
    var replies = data && Array.isArray(data.replies) ? data.replies : [];
    if (!replies.length) {
      return;
    }
    noteBubble("note later", "Time passes",
      (now ? "Pretending it is " + describeNow(now) : "Now") +
      ": a follow-up the resident agreed to arrives.");
    handleAnswer(data);
  }

  function handleAnswer(data) {
    var replies = data && Array.isArray(data.replies) ? data.replies : null;
    if (!replies) {
      showError("No reply", "The server sent an answer the sandbox could not read. " +
        "Try again, or press Reset.");
      return;
    }
    var sms = Array.isArray(data.sms) ? data.sms : [];
    var whatsapp = Array.isArray(data.whatsapp) ? data.whatsapp : [];
    if (!replies.length) {
      var note = noteBubble("note", "Leeds Signpost", "(No reply: the bot stayed silent.)");
      reveal(note);
      return;
    }
    var first = null;
    var last = null;
    replies.forEach(function (reply, index) {
      if (!reply || typeof reply.text !== "string") {
        return;
      }
      last = botBubble(reply, sms[index], whatsapp[index]);
      first = first || last;
    });
    reveal(first, last);
  }

  /* Send ``payload`` to ``url`` (the message API unless given), after everything sent before. */
  function post(payload, url, onAnswer) {
    var mine = generation;
    var quiet = Boolean(onAnswer);
    if (!quiet) {
      pending += 1;
      setStatus("Leeds Signpost is replying\u2026");
    }
    queue = queue.then(function () {
      return fetch(url || API_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(payload),
        credentials: "same-origin"
      }).then(function (response) {
        return response.text().then(function (raw) {
          var body = null;
          try {
            body = raw ? JSON.parse(raw) : null;
          } catch (e) {
            body = null;
          }
          return { status: response.status, ok: response.ok, body: body };
        });
      }).then(function (result) {
        if (mine !== generation) {
          return;
        }
        if (quiet && result.ok) {
          onAnswer(result.body);
        } else if (!result.ok) {
          showError("No reply", errorMessage(result.status, result.body));
        } else {
          handleAnswer(result.body);
          // For "Save as test" (sandbox_save.js): what was said and what came back.
          document.dispatchEvent(new CustomEvent("sandbox:exchange", {
            detail: { payload: payload, replies: (result.body && result.body.replies) || [] }
          }));
        }
      }, function () {
        if (mine !== generation || quiet) {
          return;
        }
        showError("Not sent", "Could not reach the sandbox server. Check your connection, " +
          "then send the message again.");
      }).then(function () {
        if (mine !== generation || quiet) {
          return;
        }
        pending -= 1;
        if (pending <= 0) {
          pending = 0;
          setStatus("");
        }
      });
    });
    return queue;
  }

  function basePayload(meta) {
    started = true;
    var payload = { session: session };
    if (languageSelect && languageToSend) {
      payload.language = languageSelect.value;
      languageToSend = false;
      var chosen = languageSelect.options[languageSelect.selectedIndex];
      meta.push("In " + (chosen ? chosen.textContent.trim() : payload.language));
    }
    var now = nowInput.value;
    if (now) {
      payload.now = now;
      meta.push("Pretending it is " + describeNow(now));
    }
    return payload;
  }

  /* Ask for follow-ups that have come due by the pretend time (or now): once a conversation
   * has started, when the pretend time changes, and every 30 seconds. */
  function checkFollowUps() {
    if (!started) {
      return;
    }
    var payload = { session: session };
    var now = nowInput.value;
    if (now) {
      payload.now = now;
    }
    post(payload, FOLLOW_UPS_URL, function (body) { handleFollowUps(body, now); });
  }

  function sendText(text, note) {
    var meta = note ? [note] : [];
    var payload = basePayload(meta);
    payload.text = text;
    var bubble = residentBubble(text, meta);
    reveal(bubble);
    return post(payload);
  }

  function sendLocation(latitude, longitude) {
    var meta = [latitude.toFixed(5) + ", " + longitude.toFixed(5)];
    var payload = basePayload(meta);
    payload.latitude = latitude;
    payload.longitude = longitude;
    var bubble = residentBubble("(Shared a location)", meta);
    reveal(bubble);
    return post(payload);
  }

  /* A small form for typing a place by hand, when the browser cannot or will not say. */
  function locationForm(container, reason) {
    var existing = container.querySelector(".location-form");
    if (existing) {
      existing.querySelector("input").focus();
      return;
    }
    var box = el("form", "location-form");
    box.noValidate = true;
    box.appendChild(el("p", null, reason + " Type a latitude and longitude instead " +
      "(Leeds city centre is about 53.7997, -1.5492)."));
    var fields = el("div", "location-fields");
    var latLabel = coordinateField("Latitude", "location-latitude", 90, "53.7997");
    var lonLabel = coordinateField("Longitude", "location-longitude", 180, "-1.5492");
    var lat = latLabel.querySelector("input");
    var lon = lonLabel.querySelector("input");
    var submit = el("button", "button primary", "Send location");
    submit.type = "submit";
    fields.appendChild(latLabel);
    fields.appendChild(lonLabel);
    fields.appendChild(submit);
    box.appendChild(fields);
    var problem = el("p", "hint location-problem");
    problem.setAttribute("role", "alert");
    box.appendChild(problem);
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      var latitude = parseFloat(lat.value);
      var longitude = parseFloat(lon.value);
      if (!isFinite(latitude) || latitude < -90 || latitude > 90 ||
          !isFinite(longitude) || longitude < -180 || longitude > 180) {
        problem.textContent = "Latitude must be between -90 and 90, and longitude between " +
          "-180 and 180.";
        return;
      }
      problem.textContent = "";
      sendLocation(latitude, longitude);
    });
    container.appendChild(box);
    lat.focus();
  }

  function shareLocation(container, button) {
    if (!navigator.geolocation || window.isSecureContext === false) {
      locationForm(container, "This browser cannot share a location here.");
      return;
    }
    button.disabled = true;
    setStatus("Asking your browser for your location\u2026");
    navigator.geolocation.getCurrentPosition(function (position) {
      button.disabled = false;
      setStatus("");
      sendLocation(position.coords.latitude, position.coords.longitude);
    }, function (error) {
      button.disabled = false;
      setStatus("");
      var reason = error && error.code === 1
        ? "Location sharing was not allowed."
        : "Your browser could not find your location.";
      locationForm(container, reason);
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = messageBox.value;
    if (!text.trim()) {
      setStatus("Type a message first.");
      messageBox.focus();
      return;
    }
    messageBox.value = "";
    sendText(text);
    messageBox.focus();
  });

  nowClear.addEventListener("click", function () {
    nowInput.value = "";
    setStatus("Using the real time.");
    checkFollowUps();
  });

  nowInput.addEventListener("change", checkFollowUps);
  window.setInterval(function () {
    if (!document.hidden && pending === 0) {
      checkFollowUps();
    }
  }, POLL_MS);

  resetButton.addEventListener("click", function () {
    generation += 1;
    session = newSessionId();
    started = false;
    while (transcript.firstChild) {
      transcript.removeChild(transcript.firstChild);
    }
    drawn = [];
    pending = 0;
    languageToSend = true;
    document.dispatchEvent(new CustomEvent("sandbox:reset"));
    updateEmptyNote();
    setStatus("Started a new conversation.");
    messageBox.value = "";
    messageBox.focus();
  });

  viewSwitch.addEventListener("change", redraw);
  if (languageSelect) {
    languageSelect.addEventListener("change", function () {
      languageToSend = true;
      setStatus("The next message goes in " +
        languageSelect.options[languageSelect.selectedIndex].textContent.trim() + ".");
    });
  }

  updateEmptyNote();
}());
