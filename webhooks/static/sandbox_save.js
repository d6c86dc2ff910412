/* "Save as test": download the sandbox conversation as a `signpost check-flows` script.
 *
 * Each message becomes a step (`say:` or `location:`) expecting the first line of the bot's
 * first reply (or `silent: true`). Strings are written as JSON, which YAML reads as it is.
 */
(function () {
  "use strict";

  var steps = [];
  var pretend = "";
  var button = document.getElementById("save-test");

  document.addEventListener("sandbox:exchange", function (event) {
    var payload = event.detail.payload;
    var replies = event.detail.replies;
    var first = replies.length && typeof replies[0].text === "string" ? replies[0].text : "";
    steps.push({
      say: typeof payload.text === "string" ? payload.text : null,
      location: typeof payload.latitude === "number" ? [payload.latitude, payload.longitude] : null,
      expect: first.split("\n")[0].trim().slice(0, 80)
    });
    if (payload.now) {
      pretend = payload.now;
    }
  });

  document.addEventListener("sandbox:reset", function () {
    steps = [];
    pretend = "";
  });

  function script() {
    var lines = ["name: " + JSON.stringify("Sandbox conversation, saved " +
      new Date().toISOString().slice(0, 16).replace("T", " "))];
    if (pretend) {
      lines.push("now: " + JSON.stringify(pretend));
    }
    lines.push("steps:");
    steps.forEach(function (step) {
      if (step.location) {
        lines.push("  - location: [" + step.location[0] + ", " + step.location[1] + "]");
      } else {
        lines.push("  - say: " + JSON.stringify(step.say));
      }
      if (step.expect) {
        lines.push("    expect: [" + JSON.stringify(step.expect) + "]");
      } else {
        lines.push("    silent: true");
      }
    });
    return lines.join("\n") + "\n";
  }

  button.addEventListener("click", function () {
    if (!steps.length) {
      document.getElementById("status").textContent = "Say something first, then save.";
      return;
    }
    var blob = new Blob([script()], { type: "application/x-yaml" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "sandbox-flow.yaml";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    document.getElementById("status").textContent = "Saved sandbox-flow.yaml.";
  });
}());
