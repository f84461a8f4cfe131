/* Fill in an agreement in the page. What is typed changes the page only; it can be saved as a data file that
   `make agreement` reads as it is, loaded back from one, and kept in this browser if the reader asks (until they
   click "forget"). Nothing is sent anywhere: no request is made, and the page's policy would refuse one.
   The form's data-* attributes say what differs per language (ententes.md.j2); no language is named here. */
(function () {
  "use strict";

  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var NUMBER = /^-?\d+(\.\d+)?$/;
  var NAME = /^[A-Za-z0-9_-]+$/;
  var MAX_BYTES = 1000000; // as make agreement: a data file is at most this long (data_file.py)

  /* -- Values as the printed agreement writes them (languages.py: Babel's long date, the first day's rule) -- */

  function isDate(value) {
    if (!DATE.test(value)) return false;
    var p = value.split("-").map(Number);
    var date = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    return date.getUTCFullYear() === p[0] && date.getUTCMonth() === p[1] - 1 && date.getUTCDate() === p[2];
  }

  function written(value, kind, form) {
    var locale = form.dataset.locale || document.documentElement.lang;
    try {
      if (kind === "date" && isDate(value)) {
        var p = value.split("-").map(Number);
        var date = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
        var long = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
        var first = form.dataset.premierJour;
        return p[2] === 1 && first ? long.replace(/(^|\D)1(?!\d)/, "$1" + first) : long;
      }
      if (kind === "nombre" && NUMBER.test(value)) return new Intl.NumberFormat(locale).format(Number(value));
    } catch (error) {
      return value; // a locale this browser does not know: the value as typed
    }
    return value;
  }

  function kindOf(input) {
    if (input.type === "date") return "date";
    if (input.type === "number") return "nombre";
    return input.tagName === "TEXTAREA" ? "paragraphe" : "texte";
  }

  /* -- The data file: the flat YAML that make agreement reads (scripts/guide/agreements/prefill.py) -- */

  // Every text in double quotes, with what YAML would read otherwise escaped: the backslash, the quote, control
  // characters, YAML's own line breaks and a lone half of a surrogate pair.
  var ESCAPED = /[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/gu;
  var NAMED = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };

  function quoted(text) {
    return (
      '"' +
      text.replace(ESCAPED, function (c) {
        return NAMED[c] || "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
      }) +
      '"'
    );
  }

  function yamlValue(value, kind) {
    if (kind === "date" && isDate(value)) return value;
    if (kind === "nombre") {
      var number = String(Number(value));
      if (NUMBER.test(number)) return number;
    }
    return quoted(value);
  }

  function dataFile(state, form, name) {
    var lines = ["# make agreement DATA=" + name, "entente: " + form.dataset.entente];
    lines.push("langue: " + form.dataset.langue);
    var ids = Object.keys(state.champs);
    lines.push(ids.length ? "champs:" : "champs: {}");
    ids.forEach(function (id) {
      lines.push("  " + id + ": " + yamlValue(state.champs[id], state.kinds[id]));
    });
    lines.push("retirer: [" + state.retirer.join(", ") + "]");
    return lines.join("\n") + "\n";
  }

  // YAML's escapes in double quotes, beyond \x, \u and \U
  var UNESCAPED = {
    "0": "\0", a: "\u0007", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\u001b",
    " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029"
  };

  // One scalar: in double quotes, in single quotes, or plain (up to a comment); null for nothing.
  function scalar(source) {
    var text = source.trim();
    if (text === "" || text === "~" || text === "null") return { value: null };
    var rest;
    if (text[0] === '"') {
      var out = "";
      for (var i = 1; i < text.length; i++) {
        var c = text[i];
        if (c === '"') {
          rest = text.slice(i + 1);
          return /^(\s+#.*)?\s*$/.test(rest) ? { value: out } : { error: true };
        }
        if (c !== "\\") {
          out += c;
          continue;
        }
        var e = text[++i];
        if (Object.prototype.hasOwnProperty.call(UNESCAPED, e)) {
          out += UNESCAPED[e];
          continue;
        }
        var size = { x: 2, u: 4, U: 8 }[e];
        var hex = size ? text.substr(i + 1, size) : "";
        if (!size || !new RegExp("^[0-9A-Fa-f]{" + size + "}$").test(hex)) return { error: true };
        var code = parseInt(hex, 16);
        if (code > 0x10ffff) return { error: true };
        out += String.fromCodePoint(code);
        i += size;
      }
      return { error: true }; // no closing quote on the line
    }
    if (text[0] === "'") {
      var found = /^'((?:[^']|'')*)'(\s+#.*)?\s*$/.exec(text);
      return found ? { value: found[1].replace(/''/g, "'") } : { error: true };
    }
    var plain = text.replace(/\s+#.*$/, "").trim();
    if (/^[[\]{}&*!|>%@`,#]/.test(plain) || /^[?:-](\s|$)/.test(plain) || /:(\s|$)/.test(plain)) {
      return { error: true }; // YAML would read something else than a text there
    }
    return { value: plain, plain: true };
  }

  function flowList(source) {
    var found = /^\[(.*)\](\s+#.*)?\s*$/.exec(source.trim());
    if (!found) return null;
    if (found[1].trim() === "") return [];
    var items = [];
    var parts = found[1].split(",");
    for (var i = 0; i < parts.length; i++) {
      var item = scalar(parts[i]);
      if (item.error || item.value === null) return null;
      items.push(item.value);
    }
    return items;
  }

  // The data file's values, or its errors (line, message key, value): nothing half read.
  function parse(source, form, fields, optional) {
    var errors = [];
    var champs = {};
    var retirer = [];
    var entente = null;
    var section = null; // "champs" or "retirer": the indented lines that follow belong to it
    var nested = -1; // the indentation of a field given per language, whose lines are skipped
    var lines = source.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
    function fail(line, key, value) {
      errors.push({ line: line, key: key, value: value || "" });
    }
    lines.forEach(function (line, index) {
      var number = index + 1;
      if (/^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line)) return;
      var indent = /^\s*/.exec(line)[0].length;
      if (nested >= 0 && indent > nested) return;
      nested = -1;
      var pair = /^\s*([^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/.exec(line);
      if (indent === 0) {
        section = null;
        if (!pair) return fail(number, "forme");
        var key = pair[1];
        var rest = pair[2] || "";
        if (key === "champs") {
          if (/^\{\}(\s+#.*)?\s*$/.test(rest.trim())) return;
          if (rest.trim() !== "" && !/^#/.test(rest.trim())) return fail(number, "forme");
          section = "champs";
        } else if (key === "retirer") {
          if (rest.trim() === "" || /^#/.test(rest.trim())) {
            section = "retirer";
            return;
          }
          var items = flowList(rest);
          if (!items) return fail(number, "forme");
          items.forEach(function (item) {
            if (optional.indexOf(item) < 0) fail(number, "section", item);
            else retirer.push(item);
          });
        } else if (key === "entente" || key === "langue" || key === "format") {
          var read = scalar(rest);
          if (read.error || typeof read.value !== "string" || !NAME.test(read.value)) return fail(number, "forme");
          if (key === "entente") {
            entente = read.value;
            if (entente !== form.dataset.entente) fail(number, "entente", entente);
          }
        } else {
          fail(number, NAME.test(key) ? "champ" : "forme", key);
        }
        return;
      }
      if (section === "retirer") {
        var dash = /^\s+-\s+(.*)$/.exec(line);
        var item = dash ? scalar(dash[1]) : { error: true };
        if (item.error || typeof item.value !== "string") return fail(number, "forme");
        if (optional.indexOf(item.value) < 0) return fail(number, "section", item.value);
        retirer.push(item.value);
        return;
      }
      if (section !== "champs" || !pair) return fail(number, "forme");
      var id = pair[1];
      var given = pair[2] || "";
      if (!fields[id]) return fail(number, "champ", id);
      if (given.trim() === "" || given.trim()[0] === "{") {
        nested = indent;
        return fail(number, "langues", id);
      }
      var value = scalar(given);
      if (value.error) return fail(number, "forme");
      if (value.value === null) return; // left out: a line to fill in by hand
      if (Object.prototype.hasOwnProperty.call(champs, id)) return fail(number, "double", id);
      var kind = kindOf(fields[id]);
      if (kind === "date" && !isDate(value.value)) return fail(number, "date", id);
      if (kind === "nombre" && !NUMBER.test(value.value)) return fail(number, "nombre", id);
      champs[id] = value.value;
    });
    if (entente === null && !errors.length) fail(0, "forme");
    return { champs: champs, retirer: retirer, errors: errors };
  }

  /* -- The form -- */

  function message(status, key, values) {
    var text = status.dataset["message" + key[0].toUpperCase() + key.slice(1)] || key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? values[name] : all;
    });
  }

  function setUp(form) {
    var text = document.querySelector(".guide-agreement");
    if (!text) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("[data-champ]"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("[data-garder]"));
    var fields = {};
    inputs.forEach(function (input) {
      fields[input.dataset.champ] = input;
    });
    var optional = boxes.map(function (box) {
      return box.dataset.garder;
    });
    var status = form.querySelector(".guide-fill-status");
    var remember = form.querySelector('[data-action="retenir"]');
    var forget = form.querySelector('[data-action="oublier"]');
    var picker = form.querySelector('[data-action="fichier"]');
    var storeKey = "guide-entente:" + form.dataset.entente + ":" + form.dataset.langue;

    function say(lines) {
      if (!status) return;
      status.textContent = "";
      lines.forEach(function (line, i) {
        var span = document.createElement("span");
        span.textContent = line;
        if (i) span.className = "guide-fill-error";
        status.appendChild(span);
      });
    }

    function state() {
      var found = { champs: {}, kinds: {}, retirer: [] };
      inputs.forEach(function (input) {
        var value = input.value.trim();
        if (value) {
          found.champs[input.dataset.champ] = value;
          found.kinds[input.dataset.champ] = kindOf(input);
        }
      });
      boxes.forEach(function (box) {
        if (!box.checked) found.retirer.push(box.dataset.garder);
      });
      return found;
    }

    function apply(values) {
      inputs.forEach(function (input) {
        var value = values.champs[input.dataset.champ];
        input.value = typeof value === "string" ? value : "";
      });
      boxes.forEach(function (box) {
        box.checked = values.retirer.indexOf(box.dataset.garder) < 0;
      });
      update();
    }

    function keep() {
      if (!remember || !remember.checked) return;
      try {
        var found = state();
        window.localStorage.setItem(storeKey, JSON.stringify({ champs: found.champs, retirer: found.retirer }));
        if (forget) forget.hidden = false;
      } catch (error) {
        remember.checked = false; // storage is off in this browser: nothing is kept
      }
    }

    function drop() {
      try {
        window.localStorage.removeItem(storeKey);
      } catch (error) {
        // nothing was kept
      }
      if (forget) forget.hidden = true;
    }

    function update() {
      inputs.forEach(function (input) {
        var value = input.value.trim();
        var shown = value ? written(value, kindOf(input), form) : "";
        text.querySelectorAll('.guide-blank[data-champ="' + input.dataset.champ + '"]').forEach(function (blank) {
          var place = blank.querySelector(".guide-blank-value");
          if (place && place.textContent !== shown) place.textContent = shown; // unchanged: nothing to redraw
          blank.classList.toggle("guide-blank--filled", shown !== "");
        });
      });
      boxes.forEach(function (box) {
        var section = text.querySelector('[data-section="' + box.dataset.garder + '"]');
        if (section && section.hidden !== !box.checked) section.hidden = !box.checked;
      });
      // Sections left out do not leave a gap in the numbering.
      var number = 0;
      text.querySelectorAll("[data-section]").forEach(function (section) {
        if (section.hidden) return;
        number += 1;
        section.querySelectorAll(".guide-num").forEach(function (span) {
          if (span.textContent !== String(number)) span.textContent = String(number);
        });
      });
      keep();
    }

    function save() {
      var name = form.dataset.entente + ".yaml";
      var file = new Blob([dataFile(state(), form, name)], { type: "text/yaml;charset=utf-8" });
      var url = URL.createObjectURL(file);
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 1000);
    }

    function load(file) {
      var refused = function (errors) {
        var lines = [message(status, "refuse", { fichier: file.name })];
        errors.slice(0, 10).forEach(function (error) {
          var said = message(status, error.key, { valeur: error.value });
          lines.push(error.line ? message(status, "ligne", { ligne: error.line, erreur: said }) : said);
        });
        say(lines);
      };
      if (file.size > MAX_BYTES) return refused([{ line: 0, key: "forme" }]);
      file.text().then(function (source) {
        var read = parse(source, form, fields, optional);
        if (read.errors.length) return refused(read.errors);
        apply(read);
        say([message(status, "charge", { fichier: file.name })]);
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", function (event) {
      if (event.target === picker) return;
      if (event.target === remember) {
        if (remember.checked) keep();
        else drop();
        return;
      }
      update();
    });
    form.addEventListener("reset", function () {
      drop(); // everything cleared, what this browser kept too
      say([]);
      window.setTimeout(update, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.dataset.action;
      if (action === "imprimer") window.print();
      else if (action === "enregistrer") save();
      else if (action === "charger" && picker) picker.click();
      else if (action === "oublier") {
        drop();
        if (remember) remember.checked = false;
        say([message(status, "oublie")]);
      } else if (action === "suivante") {
        var current = button.closest("details");
        var next = current && current.nextElementSibling;
        if (next && next.tagName === "DETAILS") {
          current.open = false;
          next.open = true;
          next.querySelector("summary").focus();
          next.scrollIntoView({ block: "start" });
        }
      }
    });
    if (picker) {
      picker.addEventListener("change", function () {
        if (picker.files && picker.files[0]) load(picker.files[0]);
        picker.value = "";
      });
    }

    var kept = null;
    try {
      kept = JSON.parse(window.localStorage.getItem(storeKey) || "null");
    } catch (error) {
      kept = null;
    }
    if (kept && typeof kept.champs === "object" && kept.champs && Array.isArray(kept.retirer)) {
      if (remember) remember.checked = true;
      apply({ champs: kept.champs, retirer: kept.retirer });
      if (forget) forget.hidden = false;
      say([message(status, "retrouve")]);
    } else {
      update();
    }
  }

  // In a task of its own, right after the one where Material's script starts its components: each stays short
  // enough for the page to answer a tap in between (Lighthouse's total blocking time). The page was parsed.
  window.setTimeout(function () {
    document.querySelectorAll("form.guide-fill").forEach(setUp);
  }, 0);
})();
