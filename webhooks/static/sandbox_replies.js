/* Leeds Signpost sandbox: one bot reply, drawn as the chosen channel would show it.
 *
 *   SMS       the GSM-7 texts the SMS channel sends (a long reply is split into several),
 *             each with its size: "1 SMS segment, GSM-7".
 *   Telegram  the text with its inline buttons (a results page, a result's details) or its
 *             keyboard of choices, and a map pin card for a place.
 *   WhatsApp  the messages WhatsApp shows (place names in bold) and the quick-reply buttons a
 *             short list of choices gets (a longer one relies on the numbers in the text).
 *
 * Each reply is drawn once, in one view; switching views draws it again in the other.
 * Message text is always set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var MAX_SEGMENTS = 3;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  /* The badge says how one SMS is sent; a warning line says why it matters, if it does. */
  function smsBadge(view, size) {
    var badge = el("p", "sms-badge");
    view.appendChild(badge);
    if (!size || typeof size.segments !== "number") {
      badge.textContent = "SMS size unknown";
      return;
    }
    var segments = size.segments;
    var encoding = String(size.encoding || "unknown encoding");
    badge.textContent = segments + " SMS segment" + (segments === 1 ? "" : "s") + ", " + encoding;
    var problems = [];
    if (encoding !== "GSM-7" && !size.expected_ucs2) {
      problems.push("Not GSM-7: a character here (like a curly quote or an emoji) makes " +
        "each SMS hold 70 characters, not 160.");
    }
    if (segments > MAX_SEGMENTS) {
      problems.push("More than " + MAX_SEGMENTS + " segments: it costs more and is hard " +
        "to read on a small phone.");
    }
    if (problems.length) {
      badge.classList.add("warn");
      view.appendChild(el("p", "sms-warning", "\u26A0 " + problems.join(" ")));
    }
  }

  /* The texts the SMS channel sends for this reply (older servers: the reply as one text). */
  function smsPieces(reply, size) {
    if (size && Array.isArray(size.pieces)) {
      return size.pieces.filter(function (piece) {
        return piece && typeof piece.text === "string";
      });
    }
    return [{ text: reply.text, segments: size && size.segments, encoding: size && size.encoding }];
  }

  function smsView(reply, size) {
    var view = el("section", "view sms-view");
    view.setAttribute("aria-label", "As an SMS");
    var pieces = smsPieces(reply, size);
    if (!pieces.length) {
      view.appendChild(el("p", "hint", "(Nothing to send: an empty reply sends no SMS.)"));
      return view;
    }
    if (pieces.length > 1) {
      view.appendChild(el("p", "sms-count", "Sent as " + pieces.length + " separate texts."));
    }
    pieces.forEach(function (piece) {
      var text = el("div", "sms-piece");
      text.appendChild(el("p", "reply-text", piece.text));
      smsBadge(text, piece);
      view.appendChild(text);
    });
    return view;
  }

  function button(className, label, onPress) {
    var node = el("button", className, label);
    node.type = "button";
    node.addEventListener("click", onPress);
    return node;
  }

  /* Inline buttons ride on the message: one a row for each result, then a row of choices. */
  function inlineButtons(reply, actions) {
    var group = el("div", "inline-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Buttons on this message");
    reply.buttons.forEach(function (pair) {
      if (!pair || typeof pair.data !== "string") {
        return;
      }
      var label = String(pair.label || pair.data);
      group.appendChild(button("inline-button", label, function () {
        actions.send(pair.data, "Pressed \u201C" + label + "\u201D");
      }));
    });
    var choices = Array.isArray(reply.choices) ? reply.choices : [];
    if (choices.length) {
      var row = el("div", "inline-row");
      choices.forEach(function (choice) {
        row.appendChild(button("inline-button", String(choice), function () {
          actions.send(String(choice), "Pressed \u201C" + choice + "\u201D");
        }));
      });
      group.appendChild(row);
    }
    return group;
  }

  /* A keyboard of choices under the message box (and "Share my location"). */
  function keyboard(reply, view, actions) {
    var choices = Array.isArray(reply.choices) ? reply.choices : [];
    if (!choices.length && !reply.request_location) {
      return null;
    }
    var row = el("div", "choices");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Keyboard buttons for this reply");
    if (reply.request_location) {
      var share = button("share-location", actions.shareLabel, function () {
        actions.shareLocation(view, share);
      });
      row.appendChild(share);
    }
    choices.forEach(function (choice) {
      row.appendChild(button("choice", String(choice), function () {
        actions.send(String(choice));
      }));
    });
    return row;
  }

  /* The map pin Telegram sends after the text: drawn as a card, with no map tiles. */
  function venueCard(venue) {
    var card = el("div", "venue-card");
    var title = String(venue.title || "");
    var address = String(venue.address || "");
    var line = el("p", "venue-line");
    line.appendChild(el("strong", null, "Map pin: "));
    line.appendChild(document.createTextNode(address ? title + ", " + address : title));
    card.appendChild(line);
    if (typeof venue.latitude === "number" && typeof venue.longitude === "number") {
      card.appendChild(el("p", "venue-where",
        venue.latitude.toFixed(5) + ", " + venue.longitude.toFixed(5)));
    }
    return card;
  }

  function telegramView(reply, actions) {
    var view = el("section", "view telegram-view");
    view.setAttribute("aria-label", "On Telegram");
    view.appendChild(el("p", "reply-text", reply.text));
    var buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
    var extra = buttons.length ? inlineButtons(reply, actions) : keyboard(reply, view, actions);
    if (extra) {
      view.appendChild(extra);
    }
    if (reply.venue && typeof reply.venue === "object") {
      view.appendChild(venueCard(reply.venue));
    }
    return view;
  }

  /* WhatsApp's *bold*: the text as nodes, the starred parts in <strong> (never as HTML). */
  function whatsappText(text) {
    var paragraph = el("p", "reply-text");
    String(text).split(/(\*[^*\n]+\*)/).forEach(function (part) {
      if (part.length > 2 && part.charAt(0) === "*" && part.charAt(part.length - 1) === "*") {
        paragraph.appendChild(el("strong", null, part.slice(1, -1)));
      } else if (part) {
        paragraph.appendChild(document.createTextNode(part));
      }
    });
    return paragraph;
  }

  function whatsappView(reply, whatsapp, actions) {
    var view = el("section", "view whatsapp-view");
    view.setAttribute("aria-label", "On WhatsApp");
    var pieces = whatsapp && Array.isArray(whatsapp.pieces) ? whatsapp.pieces : [reply.text];
    pieces.forEach(function (piece) {
      view.appendChild(whatsappText(piece));
    });
    var buttons = whatsapp && Array.isArray(whatsapp.buttons) ? whatsapp.buttons : [];
    if (buttons.length) {
      var group = el("div", "inline-buttons");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Quick-reply buttons");
      buttons.forEach(function (pair) {
        if (!pair || typeof pair.id !== "string") {
          return;
        }
        var title = String(pair.title || pair.id);
        group.appendChild(button("inline-button", title, function () {
          actions.send(pair.id, "Pressed \u201C" + title + "\u201D");
        }));
      });
      view.appendChild(group);
    }
    if (reply.request_location) {  /* WhatsApp shares a location from its attachment menu */
      var share = button("share-location", actions.shareLabel, function () {
        actions.shareLocation(view, share);
      });
      view.appendChild(share);
    }
    return view;
  }

  /* "Draft translation": the reply uses translations no fluent reviewer has checked; the
     English sources are listed (shown on hover, and read out). */
  function draftMark(reply) {
    var drafts = Array.isArray(reply.drafts) ? reply.drafts : [];
    if (!drafts.length) {
      return null;
    }
    var sources = drafts.map(function (d) { return String(d && d.source); });
    var mark = el("details", "draft-note");
    mark.appendChild(el("summary", "draft-mark", "Draft translation (" + drafts.length + ")"));
    var list = el("ul", "draft-sources");
    sources.forEach(function (source) {
      var item = el("li", null, source);
      item.lang = "en";
      list.appendChild(item);
    });
    mark.appendChild(list);
    mark.title = "Not yet reviewed. English: " + sources.join(" | ");
    return mark;
  }

  /* Draw ``reply`` into ``body`` (emptied first) as ``mode`` ("sms", "telegram" or
     "whatsapp") shows it, in its language (``lang``, and ``dir`` found from the text). */
  function draw(body, reply, size, mode, actions, whatsapp) {
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    if (typeof reply.language === "string" && reply.language) {
      body.lang = reply.language;
    }
    body.dir = "auto";
    if (mode === "whatsapp") {
      body.appendChild(whatsappView(reply, whatsapp, actions));
    } else {
      body.appendChild(mode === "telegram" ? telegramView(reply, actions) : smsView(reply, size));
    }
    var mark = draftMark(reply);
    if (mark) {
      body.appendChild(mark);
    }
  }

  window.SandboxReplies = { draw: draw, el: el };
}());
