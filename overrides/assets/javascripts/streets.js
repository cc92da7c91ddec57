// "Which neighbourhood am I in?": answers the street lookup form (overrides/plan/street-lookup.html)
// from strassen.json, written by the build in the reader's language (outputs/streetindex.py).
// Without this script the form leads to the A–Z list of streets. key() must stay the same as
// street_key() in hooks/actionplan/plan/streets.py: the build writes each street's key with it.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-plan-streets]");
  if (!forms.length || !window.fetch) return;

  // Case, ß/ss, umlauts (ä = ae), accents, "Str."/"Straße"/"strasse", spaces and hyphens.
  function key(text) {
    var folded = text.normalize("NFC").toLowerCase()
      .replace(/ß/g, "ss").replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue");
    folded = folded.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    folded = folded.replace(/strasse|str\./g, "str");
    return folded.replace(/[^\p{L}\p{N}]+/gu, "");
  }

  // "Lindenauer Str. 12", "Brückenstraße 40a", "Hafenstraße, 3": the street and the house number.
  function parse(query) {
    query = query.trim().replace(/[\s,;]+$/, "");
    var match = /^(.*?\D)[\s,]*(\d+)\s*[a-z]?(?:\s*[-/]\s*\d+\s*[a-z]?)?$/i.exec(query);
    if (match && key(match[1])) return { street: match[1].replace(/[\s,]+$/, ""), number: parseInt(match[2], 10) };
    return { street: query, number: null };
  }

  function distance(a, b) {
    var row = [], i, j, previous, current;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      previous = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  }

  // Near matches: streets beginning with what was typed, then those a few letters away.
  function similar(data, typed) {
    var scored = [];
    data.streets.forEach(function (street) {
      var score = null;
      if (street.key.indexOf(typed) === 0) score = 0;
      else if (typed.length >= 3 && street.key.indexOf(typed) > 0) score = 1;
      else {
        // against the key and against it spelt out ("…str" as "…strasse"): "Lindenaur Strase" is near
        var full = street.key.replace(/str$/, "strasse");
        var d = Math.min(distance(typed, street.key), distance(typed, full));
        if (d <= Math.max(2, Math.floor(full.length / 4))) score = 1 + d;
      }
      if (score !== null) scored.push({ street: street, score: score });
    });
    scored.sort(function (a, b) { return a.score - b.score || a.street.key.localeCompare(b.street.key); });
    return scored.slice(0, 5).map(function (item) { return item.street; });
  }

  function holds(section, number) {
    if (number < section.first || (section.last !== null && number > section.last)) return false;
    return section.side === null || (number % 2 === 0) === (section.side === "gerade");
  }

  // ---- Building the answer (text only through textContent: nothing from the data is parsed as HTML)

  function element(tag, text, lang) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (lang) {
      node.lang = lang;
      if (lang !== document.documentElement.lang) node.dir = "auto";
    }
    return node;
  }

  function germanName(name) {
    // street names are the official German ones: marked as German on the other languages' pages
    var span = element("span", name);
    if (document.documentElement.lang !== "de") { span.lang = "de"; span.dir = "ltr"; }
    return span;
  }

  function link(href, base, text) {
    var a = element("a", text[0], text[1]);
    a.href = new URL(href, base).href;
    return a;
  }

  // A label with {placeholders} filled by text or nodes.
  function sentence(tag, label, values) {
    var node = element(tag, null, label[1]);
    label[0].split(/(\{[a-z]+\})/).forEach(function (part) {
      var name = /^\{([a-z]+)\}$/.exec(part);
      var value = name ? values[name[1]] : part;
      if (value === undefined) value = part;
      node.appendChild(typeof value === "string" || typeof value === "number" ? document.createTextNode(String(value)) : value);
    });
    return node;
  }

  function numbers(data, section) {
    var labels = data.labels, text;
    if (section.last === null) text = sentence("span", labels["streets.numbers_from"], { first: section.first });
    else if (section.last === section.first) text = sentence("span", labels["streets.numbers_single"], { first: section.first });
    else text = sentence("span", labels["streets.numbers_range"], { first: section.first, last: section.last });
    if (section.side) {
      var side = element("span");
      side.appendChild(document.createTextNode(labels["streets.side." + section.side][0] + " "));
      side.appendChild(text);
      return side;
    }
    return text;
  }

  function quarterCard(data, base, id) {
    var quarter = data.quarters[id], labels = data.labels;
    var card = element("div");
    card.className = "plan-lookup__card";
    var contact = quarter.contact || (data.fallback && { email: data.fallback.email, phone: data.fallback.phone });
    card.appendChild(element("h3", labels["quarter.contact_title"][0], labels["quarter.contact_title"][1]));
    if (!quarter.contact) card.appendChild(element("p", labels["quarter.no_contact"][0], labels["quarter.no_contact"][1]));
    if (quarter.contact) {
      var who = element("p");
      who.appendChild(element("strong", contact.name));
      who.appendChild(document.createTextNode(", "));
      who.appendChild(element("span", contact.role[0], contact.role[1]));
      card.appendChild(who);
      var list = element("dl");
      list.className = "plan-glance";
      [["quarter.office", [contact.office, null]], ["quarter.hours", contact.hours], ["quarter.languages", [contact.languages, null]]]
        .forEach(function (row) {
          list.appendChild(element("dt", labels[row[0]][0], labels[row[0]][1]));
          list.appendChild(element("dd", row[1][0], row[1][1]));
        });
      card.appendChild(list);
    }
    if (contact && (contact.email || contact.phone)) {
      var reach = element("p");
      if (contact.email) {
        reach.appendChild(document.createTextNode(labels["contact.email"][0] + ": "));
        var mail = element("a", contact.email);
        mail.href = "mailto:" + contact.email;
        reach.appendChild(mail);
      }
      if (contact.phone) {
        if (contact.email) reach.appendChild(element("br"));
        reach.appendChild(document.createTextNode(labels["contact.phone"][0] + ": "));
        var phone = element("span", contact.phone);
        phone.dir = "ltr";
        reach.appendChild(phone);
      }
      card.appendChild(reach);
    }
    if (quarter.places.length) {
      card.appendChild(element("h3", labels["quarter.places_title"][0], labels["quarter.places_title"][1]));
      var places = element("ul");
      quarter.places.forEach(function (place) {
        var item = element("li");
        item.appendChild(place.url ? link(place.url, base, [place.name, null]) : element("span", place.name));
        item.appendChild(document.createTextNode(" – " + place.address));
        places.appendChild(item);
      });
      card.appendChild(places);
    }
    return card;
  }

  function answer(form, data, base) {
    var out = form.querySelector(".plan-lookup__result");
    var input = form.querySelector("input");
    var labels = data.labels;
    var query = parse(input.value);
    var typed = key(query.street);
    var nodes = [];
    var quarterLink = function (id) { return link(data.quarters[id].url, base, data.quarters[id].name); };
    if (!typed) {
      nodes.push(sentence("p", labels["streets.empty"], { example: germanName(data.example) }));
    } else {
      var street = data.streets.filter(function (s) { return s.key === typed; })[0];
      if (!street) {
        var found = similar(data, typed);
        if (found.length === 1 && found[0].key.indexOf(typed) === 0) street = found[0];  // "Lindenauer" → Lindenauer Straße
        else {
          nodes.push(sentence("p", labels["streets.not_found"], { query: query.street }));
          if (found.length) {
            nodes.push(element("p", labels["streets.suggest"][0], labels["streets.suggest"][1]));
            var choices = element("ul");
            choices.className = "plan-lookup__choices";
            found.forEach(function (s) {
              var button = element("button");
              button.type = "button";
              button.className = "plan-lookup__choice";
              button.appendChild(germanName(s.name));
              button.addEventListener("click", function () {
                input.value = s.name + (query.number !== null ? " " + query.number : "");
                answer(form, data, base);
                input.focus();
              });
              var item = element("li");
              item.appendChild(button);
              choices.appendChild(item);
            });
            nodes.push(choices);
          } else {
            nodes.push(element("p", labels["streets.no_suggestion"][0], labels["streets.no_suggestion"][1]));
          }
        }
      }
      if (street) {
        var quarters = street.quarter ? [street.quarter] : [];
        if (!street.quarter && query.number !== null) {
          quarters = street.sections.filter(function (s) { return holds(s, query.number); }).map(function (s) { return s.quarter; });
        }
        var address = germanName(street.name + (query.number !== null ? " " + query.number : ""));
        if (quarters.length === 1) {
          var result = sentence("p", labels["streets.found"], { address: address, quarter: quarterLink(quarters[0]) });
          result.className = "plan-lookup__found";
          nodes.push(result);
          nodes.push(quarterCard(data, base, quarters[0]));
        } else {
          if (query.number !== null) {
            nodes.push(sentence("p", labels["streets.number_unknown"], { number: query.number, street: germanName(street.name) }));
          }
          nodes.push(sentence("p", labels["streets.split"], { street: germanName(street.name) }));
          var parts = element("ul");
          street.sections.forEach(function (section) {
            var item = element("li");
            item.appendChild(numbers(data, section));
            item.appendChild(document.createTextNode(": "));
            item.appendChild(quarterLink(section.quarter));
            parts.appendChild(item);
          });
          nodes.push(parts);
          if (query.number === null) nodes.push(element("p", labels["streets.ask_number"][0], labels["streets.ask_number"][1]));
        }
      }
    }
    out.replaceChildren.apply(out, nodes);
  }

  Array.prototype.forEach.call(forms, function (form) {
    var source = new URL(form.getAttribute("data-plan-streets"), window.location.href).href;
    var loading = null;
    function load() {
      if (!loading) {
        loading = fetch(source).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(function (data) {
          var names = form.querySelector("datalist");
          if (names) {
            data.streets.forEach(function (street) {
              var option = document.createElement("option");
              option.value = street.name;
              names.appendChild(option);
            });
          }
          return data;
        });
      }
      return loading;
    }
    form.querySelector("input").addEventListener("focus", load, { once: true });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      load().then(function (data) { answer(form, data, source); }, function () {
        var out = form.querySelector(".plan-lookup__result");
        out.textContent = "";
        var note = element("p");
        var all = form.querySelector(".plan-lookup__all a");
        note.textContent = all ? all.getAttribute("data-unavailable") || "" : "";
        out.appendChild(note);
        if (all) all.focus();
      });
    });
  });
})();
