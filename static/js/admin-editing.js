/* The article form's background work (articles/editing.py, docs/workflow.md):
 *
 * - autosave: what the editor types is sent to the server at most every
 *   NEWSROOM_AUTOSAVE_SECONDS as one rolling copy (never a save of the
 *   article), and kept in this browser's localStorage at once, so a crashed
 *   tab or a dropped network loses nothing: the copy is offered back when
 *   the form is opened again;
 * - presence: the form says every few seconds that it is open; when someone
 *   else holds the article the form turns read-only and offers to take over
 *   (with a confirmation); a form that was taken over says so.
 *
 * Reads its settings from the JSON in #editing-config. Without JavaScript
 * the form works as before (the server still shows who is editing). Loaded
 * on every admin page (templates/admin/base_site.html): the page a save leads
 * to drops the browser's copy of what was saved.
 */
"use strict";
(function () {
  const t = window.gettext || ((s) => s);
  const fmt = (s, values) => (window.interpolate ? window.interpolate(t(s), values, true) : t(s));
  const FIELDS = [
    "kicker",
    "title",
    "genre",
    "lead",
    "body",
    "byline",
    "tags",
    "featured_image_caption",
    "featured_image_credit",
    "transition_note",
  ];

  // The body's rich-text editor (django-prose-editor) announces itself when
  // it is ready, possibly before this file's init has run.
  let bodyEditor = null;
  let readOnly = false;
  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail.textarea && event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
      if (readOnly) bodyEditor.setEditable(false);
      document.dispatchEvent(new CustomEvent("newsroom:body-editor"));
    }
  });

  // The editor is also reachable from its element (tiptap keeps it there),
  // should it have announced itself before this file was run.
  function findBodyEditor() {
    if (bodyEditor) return bodyEditor;
    const textarea = document.querySelector("textarea[name=body]");
    const box = textarea && textarea.closest(".prose-editor");
    for (const element of box ? box.querySelectorAll(".ProseMirror") : []) {
      if (element.editor) {
        bodyEditor = element.editor;
        break;
      }
    }
    return bodyEditor;
  }

  const hm = (date) =>
    date.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false });

  function pageId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return `${Date.now()}-${Math.random().toString(16).slice(2)}`;
  }

  function init() {
    const configElement = document.getElementById("editing-config");
    const form = document.getElementById("article_form");
    if (!configElement || !form) return;
    const config = JSON.parse(configElement.textContent);
    const urls = config.urls || {};
    const notices = document.getElementById("editing-notices");
    const status = document.getElementById("autosave-status");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    const storageKey = `newsroom:autosave:${config.article || "new"}:${config.user}`;
    const page = pageId();
    let sequence = 0;
    let timer = null;
    let inFlight = false;
    let pending = false;
    let serverStopped = false;
    let mode = config.canEdit ? "edit" : "read";

    const field = (name) => form.elements.namedItem(name);

    function values() {
      const data = {};
      for (const name of FIELDS) {
        const input = field(name);
        if (input && "value" in input) data[name] = input.value;
      }
      return data;
    }

    // What the form held when it was drawn (the body as the editor
    // normalises it too), to tell a real copy from an echo of the saved text.
    const baseline = values();
    const baselineBody = new Set([baseline.body]);
    document.addEventListener("newsroom:body-editor", () => baselineBody.add(bodyEditor.getHTML()));
    if (findBodyEditor()) baselineBody.add(bodyEditor.getHTML());

    function sameAsForm(fields) {
      return Object.entries(fields).every(([name, value]) => {
        if (name === "body") return baselineBody.has(value) || value === values().body;
        return !(name in baseline) || baseline[name] === value;
      });
    }

    function say(message, kind) {
      if (!status) return;
      status.textContent = message;
      status.dataset.kind = kind || "";
    }

    function notice(className, text, buttons) {
      const box = document.createElement("div");
      box.className = `editing-notice ${className}`;
      box.setAttribute("role", className.includes("alert") ? "alert" : "status");
      const p = document.createElement("p");
      p.textContent = text;
      box.append(p);
      for (const [label, handler, kind] of buttons || []) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = `button ${kind || ""}`.trim();
        button.textContent = label;
        button.addEventListener("click", () => handler(box));
        box.append(button);
      }
      notices.append(box);
      return box;
    }

    // ---- the browser's copy -------------------------------------------------

    function readLocal() {
      try {
        return JSON.parse(window.localStorage.getItem(storageKey) || "null");
      } catch {
        return null;
      }
    }

    function writeLocal(extra) {
      try {
        const copy = { fields: values(), savedAt: new Date().toISOString(), version: config.version, ...extra };
        window.localStorage.setItem(storageKey, JSON.stringify(copy));
      } catch {
        /* storage full or disabled: the server copy still works */
      }
    }

    function markLocal(changes) {
      const copy = readLocal();
      if (!copy) return;
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ ...copy, ...changes }));
      } catch {
        /* nothing to do */
      }
    }

    function dropLocal() {
      try {
        window.localStorage.removeItem(storageKey);
      } catch {
        /* nothing to do */
      }
    }

    // ---- autosave to the server ---------------------------------------------

    function post(url, data) {
      const body = new URLSearchParams(data);
      if (csrf) body.set("csrfmiddlewaretoken", csrf.value);
      return fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.value : "", "X-Requested-With": "XMLHttpRequest" },
      });
    }

    async function saveNow() {
      timer = null;
      if (!urls.autosave || serverStopped || mode !== "edit") return;
      if (inFlight) {
        pending = true;
        return;
      }
      inFlight = true;
      sequence += 1;
      const fields = values();
      const data = { ...fields, page, sequence: String(sequence) };
      if (config.version) data.edit_version = String(config.version);
      say(t("Đang tự động lưu…"), "saving");
      try {
        const response = await post(urls.autosave, data);
        const answer = await response.json().catch(() => ({}));
        if (response.ok) {
          say(answer.message || t("Đã tự động lưu."), "saved");
          const copy = readLocal();
          if (copy && JSON.stringify(copy.fields) === JSON.stringify(fields)) markLocal({ serverSaved: true });
        } else if (response.status === 409 || response.status === 403) {
          // Stale or not allowed: nothing was overwritten; the browser keeps its copy.
          serverStopped = response.status === 403 || answer.code === "version";
          say(answer.message || t("Không tự động lưu được."), "refused");
        } else {
          say(answer.message || t("Không tự động lưu được."), "error");
        }
      } catch {
        say(
          fmt("Không lưu được lên máy chủ lúc %(at)s (mất mạng?). Bản bạn gõ vẫn giữ trong trình duyệt này.", {
            at: hm(new Date()),
          }),
          "offline",
        );
        schedule(Math.max(config.autosaveSeconds, 5) * 2);
      } finally {
        inFlight = false;
        if (pending) {
          pending = false;
          schedule();
        }
      }
    }

    function schedule(seconds) {
      if (timer || !urls.autosave) return;
      timer = window.setTimeout(saveNow, 1000 * (seconds || config.autosaveSeconds));
    }

    let localTimer = null;
    function changed() {
      if (mode !== "edit") return;
      window.clearTimeout(localTimer);
      localTimer = window.setTimeout(() => writeLocal({ serverSaved: false }), 300);
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", () => {
      window.clearTimeout(localTimer);
      writeLocal({ submitted: true, serverSaved: false });
    });

    // ---- offering a copy back -----------------------------------------------

    function restore(fields) {
      for (const [name, value] of Object.entries(fields)) {
        const input = field(name);
        if (!input || !("value" in input)) continue;
        if (name === "body" && findBodyEditor()) {
          bodyEditor.commands.setContent(value, { emitUpdate: true });
        }
        input.value = value;
      }
      changed();
    }

    function discardServerCopy() {
      if (urls.discard) post(urls.discard, {}).catch(() => {});
    }

    function offer() {
      const server = config.autosave;
      let local = readLocal();
      if (local) {
        const savedSince = config.version && local.version && config.version > local.version;
        const synced = local.serverSaved && !server;
        if ((local.submitted && savedSince) || synced || sameAsForm(local.fields)) {
          dropLocal();
          local = null;
        }
      }
      let copy = null;
      let where = "";
      if (local && (!server || new Date(local.savedAt) > new Date(server.savedAt))) {
        copy = local;
        where = t("trong trình duyệt này");
      } else if (server) {
        copy = server;
        where = t("trên máy chủ");
      }
      if (!copy) return;
      const at = new Date(copy.savedAt);
      let text = fmt("Có bản bạn gõ lúc %(at)s (%(where)s) chưa được lưu vào bài.", {
        at: `${hm(at)} ${at.toLocaleDateString("vi-VN")}`,
        where,
      });
      if (server && server.behind && copy === server) {
        text += ` ${t("Bài đã được lưu sau bản này: khôi phục rồi bấm Lưu sẽ thay những thay đổi đó.")}`;
      }
      notice("autosave-offer", text, [
        [
          t("Khôi phục bản này"),
          (box) => {
            restore(copy.fields);
            box.remove();
            say(t("Đã khôi phục bản chưa lưu. Bấm Lưu để lưu vào bài."), "restored");
          },
          "default",
        ],
        [
          t("Bỏ bản này"),
          (box) => {
            dropLocal();
            discardServerCopy();
            box.remove();
          },
        ],
      ]);
    }

    // ---- presence -------------------------------------------------------------

    function setReadOnly(on) {
      readOnly = on;
      form.classList.toggle("is-read-only", on);
      for (const element of form.querySelectorAll("input, textarea, select, button")) {
        if (element.closest("#editing-notices") || element.type === "hidden") continue;
        if (on) {
          if (!element.disabled) element.dataset.editingDisabled = "1";
          element.disabled = true;
        } else if (element.dataset.editingDisabled) {
          element.disabled = false;
          delete element.dataset.editingDisabled;
        }
      }
      if (findBodyEditor()) bodyEditor.setEditable(!on);
    }

    function clearPresenceNotices() {
      for (const box of notices.querySelectorAll(".presence-held, .presence-taken, .presence-free")) box.remove();
    }

    async function takeOver(answer) {
      const question = fmt(
        "%(who)s đang sửa bài này từ %(since)s. Nếu bạn tiếp quản, %(who)s sẽ không sửa tiếp được nữa (phần họ gõ chưa lưu vẫn giữ trong bản tự động lưu của họ). Tiếp quản?",
        { who: answer.holder, since: answer.since },
      );
      if (!window.confirm(question)) return;
      const response = await post(urls.take_over, {});
      if (response.ok) {
        window.location.reload();
      } else {
        const refused = await response.json().catch(() => ({}));
        say(refused.message || t("Không tiếp quản được."), "refused");
      }
    }

    function showHeld(answer) {
      clearPresenceNotices();
      setReadOnly(true);
      const buttons = config.canEdit && urls.take_over ? [[t("Tiếp quản"), () => takeOver(answer), "default"]] : [];
      const text = config.canEdit
        ? `${answer.message} ${t("Bạn vẫn đọc được bài; muốn sửa thì tiếp quản.")}`
        : answer.message;
      notice("presence-held", text, buttons);
    }

    function showTaken(answer) {
      clearPresenceNotices();
      setReadOnly(true);
      notice(
        "presence-taken alert",
        fmt("%(who)s đã tiếp quản bài này lúc %(since)s. Phần bạn gõ chưa lưu vẫn giữ trong bản tự động lưu.", {
          who: answer.holder,
          since: answer.since,
        }),
        [[t("Tải lại trang"), () => window.location.reload()]],
      );
    }

    function showFree() {
      if (notices.querySelector(".presence-free")) return;
      clearPresenceNotices();
      notice("presence-free", t("Không còn ai sửa bài này."), [
        [t("Tải lại để sửa"), () => window.location.reload(), "default"],
      ]);
    }

    function react(answer) {
      if (answer.state === "held") {
        if (mode === "edit") {
          mode = "taken";
          if (timer) {
            window.clearTimeout(timer);
            saveNowBeforeLeaving();
          }
          showTaken(answer);
        } else if (mode === "read" && !notices.querySelector(".presence-held")) {
          showHeld(answer);
        }
      } else if (answer.state === "free" && mode !== "edit" && config.canEdit) {
        showFree();
      }
    }

    function saveNowBeforeLeaving() {
      const keep = mode;
      mode = "edit";
      saveNow().finally(() => {
        mode = keep;
      });
    }

    async function heartbeat() {
      if (!urls.presence) return;
      try {
        const response = await post(urls.presence, { che_do: mode === "edit" ? "sua" : "xem" });
        if (response.ok) react(await response.json());
      } catch {
        /* offline: try again at the next beat */
      }
    }

    if (config.presence && config.presence.state === "held") {
      mode = "read";
      showHeld(config.presence);
      // The server drew its own notice for pages without JavaScript.
      const drawn = notices.querySelector(".presence-held:not(:last-child)");
      if (drawn) drawn.remove();
    }
    if (config.article && urls.presence) {
      window.setInterval(heartbeat, 1000 * config.heartbeatSeconds);
      window.addEventListener("pagehide", () => {
        if (mode === "edit" && urls.release && navigator.sendBeacon) {
          const data = new FormData();
          if (csrf) data.append("csrfmiddlewaretoken", csrf.value);
          navigator.sendBeacon(urls.release, data);
        }
      });
    }
    if (config.canEdit && mode === "edit") {
      if (findBodyEditor() || !document.querySelector("textarea[name=body]")) offer();
      else {
        // Wait for the body editor so that its normalised text is known.
        let offered = false;
        const once = () => {
          if (!offered) {
            offered = true;
            offer();
          }
        };
        document.addEventListener("newsroom:body-editor", once);
        window.setTimeout(once, 3000);
      }
    }
  }

  // The page after a successful save says so: the browser's copy of what
  // was submitted is done with (on whichever admin page the save led to).
  function dropSubmittedCopies() {
    if (!document.querySelector(".messagelist .success")) return;
    try {
      for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
        const key = window.localStorage.key(i);
        if (!key || !key.startsWith("newsroom:autosave:")) continue;
        const copy = JSON.parse(window.localStorage.getItem(key) || "null");
        if (copy && copy.submitted) window.localStorage.removeItem(key);
      }
    } catch {
      /* storage disabled: nothing kept */
    }
  }

  function start() {
    dropSubmittedCopies();
    init();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
