// The agent's page: paste or drop what the customer sent, read the diagnosis, answer checks, copy the reply,
// record what fixed it. It calls the same JSON API as any support tool (docs/service.md). Every text from a
// ticket or a diagnosis is set as text, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem("gatewaydoctor.token");
  let current = null; // the diagnosis shown
  let fixTitles = {};

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function status(text, error) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", !!error);
  }

  async function call(method, path, body, json) {
    const headers = {};
    if (token) headers["Authorization"] = "Bearer " + token;
    if (json) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body, credentials: "omit" });
    if (response.status === 401) {
      $("token-box").hidden = false;
      $("token").focus();
      throw new Error("the service needs its bearer token");
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(data && (data.detail || data.title) ? (data.detail || data.title) : "HTTP " + response.status);
    return data;
  }

  function percent(x) {
    return Math.round(x * 100) + "%";
  }

  function copyButton(text, label) {
    const b = el("button", label || "Copy", "copy");
    b.type = "button";
    b.addEventListener("click", () => copy(text, b));
    return b;
  }

  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch (e) {
      button.textContent = "Select and copy by hand";
    }
    setTimeout(() => { button.textContent = button.dataset.label || "Copy"; }, 1500);
  }

  function showTimeline(incident) {
    const box = $("incident-timeline");
    box.replaceChildren();
    if (!incident || !incident.onset) return;
    const p = el("p", "", "timeline");
    let text = "First error " + incident.onset + (incident.firstSeenIn ? " (" + incident.firstSeenIn + ")" : "");
    if (incident.lastError) text += ", last " + incident.lastError;
    if (incident.errors) text += "; " + incident.errors + " error line(s), " + (incident.pattern || "");
    if (incident.lastChange) text += ". Last change before it: " + incident.lastChange;
    p.textContent = text;
    box.append(p);
  }

  function showCauses(d) {
    const list = $("causes");
    list.replaceChildren();
    for (const c of d.causes.slice(0, 5)) {
      const li = el("li", null, "cause");
      li.dataset.cause = c.id;
      const head = el("p");
      head.append(el("strong", c.title), document.createTextNode(" — " + percent(c.confidence)));
      if (c.culprit) head.append(document.createTextNode(" — "), el("code", c.culprit));
      li.append(head);
      if (c.evidence && c.evidence.length) {
        const details = el("details");
        details.append(el("summary", "Evidence (" + c.evidence.length + ")"));
        const ul = el("ul");
        for (const e of c.evidence) {
          const item = el("li", (e.weight > 0 ? "+" : "") + e.weight + " " + e.rule + (e.counted === false ? " (not counted: the same fact as a stronger rule)" : ""));
          for (const f of e.facts || []) item.append(el("pre", f));
          ul.append(item);
        }
        details.append(ul);
        li.append(details);
      }
      list.append(li);
    }
  }

  function showChecks(d) {
    const list = $("checks");
    list.replaceChildren();
    for (const c of (d.nextChecks || []).slice(0, 4)) {
      const li = el("li", null, "check");
      li.append(el("p", c.question));
      for (const how of c.howTo || []) {
        const line = el("p", null, "how");
        line.append(el("code", how), copyButton(how));
        li.append(line);
      }
      const answers = el("div", null, "answers");
      if (c.answer === "yes-no") {
        for (const [label, value] of [["Yes", true], ["No", false]]) {
          const b = el("button", label);
          b.type = "button";
          b.dataset.observation = c.observation;
          b.dataset.answer = String(value);
          b.addEventListener("click", () => answer(c.observation, value));
          answers.append(b);
        }
      } else {
        const input = el("textarea");
        input.rows = c.answer === "log" ? 6 : 1;
        input.setAttribute("aria-label", c.question);
        const b = el("button", "Answer");
        b.type = "button";
        b.addEventListener("click", () => answer(c.observation, c.answer === "number" ? Number(input.value) : input.value));
        answers.append(input, b);
      }
      li.append(answers);
      list.append(li);
    }
    if (!list.children.length) list.append(el("li", "No check would change the answer."));
  }

  function showFixes(d) {
    const list = $("fixes");
    list.replaceChildren();
    for (const f of d.fixes.slice(0, 5)) {
      const li = el("li", null, "fix");
      li.dataset.fix = f.id;
      li.append(el("strong", f.title));
      if (f.reason) li.append(el("p", f.reason, "reason"));
      const steps = el("ol");
      for (const s of f.steps || []) {
        const item = el("li");
        item.append(el("span", s), copyButton(s));
        steps.append(item);
      }
      li.append(steps);
      if (f.verify) li.append(el("p", "Verify: " + f.verify, "verify"));
      if (f.undo) li.append(el("p", "Undo: " + f.undo, "undo"));
      list.append(li);
    }
  }

  function reply(d) {
    const top = d.causes[0];
    const fix = d.fixes[0];
    const lines = ["Hello,", "", "thank you for your report about the error your site shows."];
    if (d.conclusive && top) {
      lines.push("", "What we see points to this cause: " + top.title + (top.culprit ? " (" + top.culprit + ")" : "") + ".");
      if (fix) lines.push("What we will do first: " + fix.title + ".");
      lines.push("", "We will let you know as soon as the site answers normally again.");
    } else {
      lines.push("", "We have not found the cause yet.");
      const check = (d.nextChecks || [])[0];
      if (check) lines.push("To narrow it down, could you tell us: " + check.question);
      lines.push("", "We are on it and will write again shortly.");
    }
    lines.push("", "Best regards");
    return lines.join("\n");
  }

  function showOutcomeChoices(d) {
    const select = $("outcome-fix");
    select.replaceChildren();
    const ids = d.fixes.map((f) => f.id);
    for (const id of Object.keys(fixTitles)) if (!ids.includes(id)) ids.push(id);
    for (const id of ids) {
      const o = el("option", fixTitles[id] || id);
      o.value = id;
      select.append(o);
    }
    $("outcome-status").textContent = "";
  }

  function show(d) {
    current = d;
    $("result").hidden = false;
    const top = d.causes[0];
    $("summary").textContent = (d.conclusive ? "Probable cause: " : "Not conclusive yet. Leading: ")
      + (top ? top.title + " (" + percent(top.confidence) + ")" : "nothing speaks for a cause") + ". Rules " + d.rules.version + ".";
    showTimeline(d.incident);
    showCauses(d);
    showChecks(d);
    showFixes(d);
    $("reply").value = reply(d);
    showOutcomeChoices(d);
    const w = $("warnings");
    w.replaceChildren();
    for (const text of d.warnings || []) w.append(el("li", text));
  }

  async function diagnose(event) {
    event.preventDefault();
    const form = new FormData();
    const ticket = $("ticket").value;
    if (ticket.trim()) form.append("ticket", new Blob([ticket], { type: "text/plain" }), "ticket.txt");
    for (const f of pending) form.append(partFor(f), f, f.name);
    const tz = $("timezone").value.trim();
    if (tz) form.append("timezone", tz);
    if (!ticket.trim() && !pending.length) {
      status("Paste a ticket or add a file first.", true);
      return;
    }
    status("Diagnosing…");
    try {
      show(await call("POST", "/api/v1/diagnoses", form));
      status("Diagnosed.");
      $("result-title").focus();
    } catch (e) {
      status(e.message, true);
    }
  }

  function partFor(file) {
    const name = file.name.toLowerCase();
    if (name.endsWith(".har")) return "har";
    if (name.endsWith(".json")) return "factset";
    if (name.includes("curl")) return "curl";
    return "log";
  }

  async function answer(observation, value) {
    status("Diagnosing again…");
    try {
      show(await call("POST", "/api/v1/diagnoses/" + current.id + "/answers", JSON.stringify({ observation, answer: value }), true));
      status("Diagnosed again with the answer.");
    } catch (e) {
      status(e.message, true);
    }
  }

  async function recordOutcome(event) {
    event.preventDefault();
    const fix = $("outcome-fix").value;
    const note = $("outcome-note").value.trim();
    const body = { fix };
    if (note) body.note = note;
    try {
      await call("POST", "/api/v1/diagnoses/" + current.id + "/outcome", JSON.stringify(body), true);
      $("outcome-status").textContent = "Recorded: " + (fixTitles[fix] || fix) + " fixed it.";
    } catch (e) {
      $("outcome-status").textContent = e.message;
    }
  }

  let pending = [];

  function addFiles(files) {
    for (const f of files) pending.push(f);
    $("drop").textContent = pending.length ? pending.map((f) => f.name).join(", ") : "Drop files here";
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("incident").addEventListener("submit", diagnose);
    $("outcome").addEventListener("submit", recordOutcome);
    $("files").addEventListener("change", (e) => addFiles(e.target.files));
    const drop = $("drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); addFiles(e.dataTransfer.files); });
    drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); } });
    for (const b of document.querySelectorAll("button.copy[data-copy]")) {
      b.dataset.label = b.textContent;
      b.addEventListener("click", () => copy($(b.dataset.copy).value, b));
    }
    $("token-save").addEventListener("click", () => {
      token = $("token").value.trim();
      sessionStorage.setItem("gatewaydoctor.token", token);
      $("token-box").hidden = true;
      status("Token set; diagnose again.");
      loadFixes();
    });
    $("result-title").tabIndex = -1;
    loadFixes();
  });

  async function loadFixes() {
    try {
      for (const f of await call("GET", "/api/v1/fixes")) fixTitles[f.id] = f.title;
    } catch (e) {
      // The token box is shown; the titles come once the token is given.
    }
  }
})();
