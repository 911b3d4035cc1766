/* Autobrief search: the header box on every page and the search page (/search/).
 *
 * Queries go to Pagefind (pagefind/pagefind.js, written by the build), which
 * fetches only the index chunks and result fragments it needs. A view with
 * filters and no query is answered from the build's browse data (search/):
 * Pagefind's filter-only search would load its whole word index.
 *
 * Plain JavaScript, no dependencies, nothing from another host. Every value
 * from the index reaches the page as text (textContent), never as markup.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href); // this file is assets/autobrief/search.js
  var PAGE_SIZE = 10;
  var HEADER_RESULTS = 8;
  var FACET_SHOWN = 8;

  /* ------------------------------------------------------------------ loading */

  // The full-text index is in shards (pagefind/shards.json, oldest first), each a
  // Pagefind bundle: the first is loaded as Pagefind's own and the others merged
  // into it (mergeIndex), each tagged with a filter "shard" of its number, so that
  // a date-sorted list can be read shard after shard (a merged list is in score order).
  var pagefindLoading = null;
  function pagefind() {
    if (!pagefindLoading) {
      // Pagefind searches in its web worker: a common word over 10,000 briefings
      // takes a few hundred milliseconds, and typing must not wait for it.
      pagefindLoading = json("pagefind/shards.json").then(function (manifest) {
        var shards = manifest.shards;
        return import(new URL(shards[0].path + "pagefind.js", ROOT).href).then(function (pf) {
          // Results link from the site root ("/briefings/..."), whatever folder a shard is in.
          var tagged = shards.length > 1 ? { baseUrl: "/", mergeFilter: { shard: "0" } } : { baseUrl: "/" };
          return pf.options(tagged).then(function () { return pf.init(); }).then(function () {
            return Promise.all(shards.slice(1).map(function (shard, i) {
              return pf.mergeIndex(new URL(shard.path, ROOT).href, { baseUrl: "/", mergeFilter: { shard: String(i + 1) } });
            }));
          }).then(function () { return { pf: pf, shards: shards.length }; });
        });
      });
      pagefindLoading.catch(function () { pagefindLoading = null; });
    }
    return pagefindLoading;
  }

  var jsonCache = {};
  function json(path) {
    if (!jsonCache[path]) {
      jsonCache[path] = fetch(new URL(path, ROOT).href).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      jsonCache[path].catch(function () { delete jsonCache[path]; });
    }
    return jsonCache[path];
  }

  // The browse data's head: filter values, and the statuses' descriptions and icons as the site shows them.
  function facetsData() { return json("search/facets.json"); }

  function href(url) {
    // Pagefind's URLs start at the site root ("/briefings/..."); ours are relative to it.
    return new URL(String(url).replace(/^\//, ""), ROOT).href;
  }

  /* ------------------------------------------------------------------ DOM helpers */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function badge(status, icons, descriptions) {
    var span = el("span", "ab-status ab-status--" + status);
    if (descriptions && descriptions[status]) span.title = descriptions[status];
    var icon = el("span", "ab-status__icon", (icons && icons[status]) || "");
    icon.setAttribute("aria-hidden", "true");
    span.appendChild(icon);
    span.appendChild(document.createTextNode(" " + status.charAt(0).toUpperCase() + status.slice(1)));
    return span;
  }

  // One Latin letter matches most of the index and says little: wait for the next.
  function tooShort(q) { return q.length < 2 && !/[^\u0000-\u2e7f]/.test(q); }

  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  /* A result as both sources describe it: {url, title, date, iso, status, summary, companies}. */
  function fromPagefind(data) {
    var m = data.meta || {};
    return { url: data.url, title: m.title || data.url, date: m.date || "", iso: m.iso || "",
             status: m.status || "", summary: m.summary || "", companies: m.companies || "" };
  }
  // A records row holds the fields facets.json names, in that order.
  function fromRecord(row, fields) {
    var item = {};
    fields.forEach(function (field, i) { item[field] = row[i]; });
    return item;
  }

  /* ------------------------------------------------------------------ answering */

  // Filters as Pagefind takes them: every selected value must match (AND).
  function pagefindFilters(filters) {
    var out = {};
    Object.keys(filters).forEach(function (kind) {
      if (filters[kind].length) out[kind] = filters[kind].slice();
    });
    return out;
  }

  // compact.py numbers a shard's pages in date order and drops Pagefind's date sort: a page
  // named "..t<hex>" has its place in time as that number. Pagefind then answers in score
  // order, and the list is put in date order here (a shard it left as Pagefind wrote it
  // keeps the sort, and Pagefind's order is the answer).
  var TIME_ORDER = /t([0-9a-f]+)$/;

  function inDateOrder(results, sort) {
    if (!sort || !results.every(function (r) { return TIME_ORDER.test(r.id); })) return results;
    var sign = sort.date === "desc" ? -1 : 1;
    function place(r) { return parseInt(TIME_ORDER.exec(r.id)[1], 16); }
    return results.slice().sort(function (a, b) { return sign * (place(a) - place(b)); });
  }

  // Counts come only for the filter keys whose index Pagefind has loaded, and at
  // 10,000 briefings all six weigh ~230 kB: a key is loaded when it is filtered
  // on, or when asked for with the no-op condition {none: []}.
  function byQuery(state, countKinds) {
    var sort = state.sort === "newest" ? { date: "desc" } : state.sort === "oldest" ? { date: "asc" } : null;
    function options(extra) {
      var out = { filters: pagefindFilters(state.filters) };
      (countKinds || []).forEach(function (kind) {
        if (!out.filters[kind]) out.filters[kind] = { none: [] };
      });
      if (extra) Object.keys(extra).forEach(function (key) { out.filters[key] = extra[key]; });
      if (sort) out.sort = sort;
      return out;
    }
    return pagefind().then(function (loaded) {
      return loaded.pf.search(state.q, options()).then(function (search) {
        return search && { loaded: loaded, search: search };
      });
    }).then(function (got) {
      if (!got) return null; // superseded by a newer search
      var pf = got.loaded.pf, shards = got.loaded.shards, search = got.search;
      var results = shards > 1 ? search.results : inDateOrder(search.results, sort);
      var counted = (countKinds || []).concat(Object.keys(pagefindFilters(state.filters)));
      var counts = search.filters || {};
      // In relevance order, or with one shard, Pagefind's own list is the answer (put in
      // date order when sorted, as inDateOrder does). Sorted by date over several shards,
      // the list is read shard after shard (newest or oldest first), each shard's results
      // fetched when the page reaches them.
      var ordered = null;
      if (sort && shards > 1) {
        var perShard = counts.shard || {}, order = [];
        for (var k = 0; k < shards; k++) order.push(sort.date === "desc" ? shards - 1 - k : k);
        var inShard = {};
        ordered = function (start, size) {
          var wanted = [], at = 0;
          order.forEach(function (k) {
            var n = perShard[String(k)] || 0, from = Math.max(start, at), to = Math.min(start + size, at + n);
            if (from < to) wanted.push({ k: k, from: from - at, to: to - at });
            at += n;
          });
          return Promise.all(wanted.map(function (part) {
            if (!inShard[part.k]) {
              inShard[part.k] = pf.search(state.q, options({ shard: String(part.k) })).then(function (s) { return inDateOrder(s.results, sort); });
            }
            return inShard[part.k].then(function (list) { return list.slice(part.from, part.to); });
          })).then(function (parts) { return [].concat.apply([], parts); });
        };
      }
      return {
        total: results.length,
        counts: counts,
        counted: counted,
        page: function (start, size) {
          var slice = ordered ? ordered(start, size) : Promise.resolve(results.slice(start, start + size));
          return slice.then(function (list) {
            return Promise.all(list.map(function (r) { return r.data(); }));
          }).then(function (items) { return items.map(fromPagefind); });
        }
      };
    });
  }

  function undelta(deltas) {
    var out = new Array(deltas.length), at = 0;
    for (var i = 0; i < deltas.length; i++) { at += deltas[i]; out[i] = at; }
    return out;
  }

  // Filter-only views, from search/facets.json and search/terms/: a few small files.
  function byFilters(state) {
    return facetsData().then(function (facets) {
      var kinds = facets.kinds.map(function (k) { return k[0]; });
      var selected = [];
      var missing = false;
      kinds.forEach(function (kind, k) {
        (state.filters[kind] || []).forEach(function (value) {
          var n = indexOf(facets, kind, value);
          if (n < 0) missing = true; else selected.push({ kind: kind, k: k, n: n, count: facets.values[kind][n][1] });
        });
      });
      function counts(pairsByKind) {
        var out = {};
        kinds.forEach(function (kind) {
          var named = {}, pairs = pairsByKind[kind] || [];
          for (var i = 0; i < pairs.length; i += 2) named[facets.values[kind][pairs[i]][0]] = pairs[i + 1];
          out[kind] = named;
        });
        return out;
      }
      if (missing) return answer([], counts({}));
      if (!selected.length) {
        var totals = {};
        kinds.forEach(function (kind) {
          var pairs = [];
          facets.values[kind].forEach(function (v, n) { pairs.push(n, v[1]); });
          totals[kind] = pairs;
        });
        var all = new Array(facets.count);
        for (var i = 0; i < facets.count; i++) all[i] = i;
        return answer(all, counts(totals));
      }
      if (selected.length === 1) {
        var one = selected[0];
        return json("search/terms/" + one.kind + "/" + one.n + ".json").then(function (term) {
          return answer(undelta(term.ids), counts(term.counts));
        });
      }
      // Two or more: start from the value with the fewest briefings, keep the rows that have the others.
      selected.sort(function (a, b) { return a.count - b.count; });
      var base = selected[0];
      return json("search/terms/" + base.kind + "/" + base.n + ".rows.json").then(function (rows) {
        var ids = [], tally = kinds.map(function () { return {}; });
        rows.forEach(function (row) {
          for (var s = 1; s < selected.length; s++) {
            if (row[1 + selected[s].k].indexOf(selected[s].n) < 0) return;
          }
          ids.push(row[0]);
          for (var k = 0; k < kinds.length; k++) {
            row[1 + k].forEach(function (m) { tally[k][m] = (tally[k][m] || 0) + 1; });
          }
        });
        var pairs = {};
        kinds.forEach(function (kind, k) {
          pairs[kind] = [];
          Object.keys(tally[k]).forEach(function (m) { pairs[kind].push(+m, tally[k][m]); });
        });
        return answer(ids, counts(pairs));
      });

      function answer(ids, counted) {
        if (state.sort === "oldest") ids = ids.slice().reverse();
        return {
          total: ids.length,
          counts: counted,
          counted: kinds,
          page: function (start, size) {
            var wanted = ids.slice(start, start + size);
            var chunks = {};
            wanted.forEach(function (id) { chunks[Math.floor(id / facets.chunk)] = true; });
            return Promise.all(Object.keys(chunks).map(function (c) {
              return json("search/records/" + c + ".json").then(function (records) { return [+c, records]; });
            })).then(function (loaded) {
              var byChunk = {};
              loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
              return wanted.map(function (id) {
                return fromRecord(byChunk[Math.floor(id / facets.chunk)][id % facets.chunk], facets.fields);
              });
            });
          }
        };
      }
    });
  }

  function indexOf(facets, kind, value) {
    var values = facets.values[kind] || [];
    for (var n = 0; n < values.length; n++) if (values[n][0] === value) return n;
    return -1;
  }

  /* ------------------------------------------------------------------ state in the URL */

  function readState(kinds) {
    var params = new URLSearchParams(location.search);
    var state = { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters: {} };
    if (["", "newest", "oldest"].indexOf(state.sort) < 0) state.sort = "";
    kinds.forEach(function (kind) {
      state.filters[kind] = params.getAll(kind).filter(function (v, i, all) { return v && all.indexOf(v) === i; });
    });
    return state;
  }

  function writeState(state, kinds, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    kinds.forEach(function (kind) { state.filters[kind].forEach(function (v) { params.append(kind, v); }); });
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (url === location.pathname + location.search) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  /* ------------------------------------------------------------------ the search page */

  function SearchPage(root) {
    this.root = root;
    this.form = root.querySelector(".ab-search__form");
    this.input = root.querySelector("#ab-q");
    this.sort = root.querySelector("#ab-sort");
    this.clear = root.querySelector(".ab-search__clear");
    this.groups = root.querySelector(".ab-facets__groups");
    this.status = root.querySelector(".ab-results__status");
    this.list = root.querySelector(".ab-results__list");
    this.more = root.querySelector(".ab-results__more");
    this.expanded = {}; // kinds whose every value is listed
    this.open = { status: true, year: true }; // kinds counted with a query (their index is small)
    this.generation = 0;
    this.shown = 0;
    this.answer = null;
  }

  SearchPage.prototype.start = function () {
    var self = this;
    facetsData().then(function (facets) {
      self.facets = facets;
      self.kinds = facets.kinds.map(function (k) { return k[0]; });
      self.labels = {};
      facets.kinds.forEach(function (k) { self.labels[k[0]] = k[1]; });
      self.state = readState(self.kinds);
      self.input.value = self.state.q;
      var typing = null;
      self.input.addEventListener("input", function () {
        clearTimeout(typing);
        typing = setTimeout(function () { self.setQuery(self.input.value, false); }, 120);
      });
      self.form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        clearTimeout(typing);
        self.setQuery(self.input.value, true);
      });
      self.sort.addEventListener("change", function () {
        self.state.sort = self.sort.value;
        self.update(true);
      });
      self.clear.addEventListener("click", function () {
        self.kinds.forEach(function (kind) { self.state.filters[kind] = []; });
        self.update(true);
        self.input.focus();
      });
      self.more.addEventListener("click", function () { self.showMore(); });
      window.addEventListener("popstate", function () {
        self.state = readState(self.kinds);
        self.input.value = self.state.q;
        self.run();
      });
      if (self.state.q) pagefind();
      self.run();
    }).catch(function (error) {
      self.status.textContent = "Search is not available on this copy of the site (" + error.message + ").";
    });
  };

  SearchPage.prototype.setQuery = function (value, push) {
    value = value.trim();
    if (value === this.state.q && !push) return;
    this.state.q = value;
    this.update(push);
  };

  SearchPage.prototype.update = function (push) {
    writeState(this.state, this.kinds, push);
    this.run();
  };

  SearchPage.prototype.toggle = function (kind, value, on) {
    var values = this.state.filters[kind];
    var at = values.indexOf(value);
    if (on && at < 0) values.push(value);
    if (!on && at >= 0) values.splice(at, 1);
    this.update(true);
  };

  SearchPage.prototype.run = function () {
    var self = this, generation = ++this.generation;
    // One Latin letter is not searched yet: the filters alone answer.
    var state = { q: tooShort(this.state.q) ? "" : this.state.q, sort: this.state.sort, filters: this.state.filters };
    this.effective = state;
    var filtered = this.kinds.some(function (kind) { return state.filters[kind].length; });
    this.clear.hidden = !filtered;
    // Without words there is nothing to rank: newest first, unless oldest is asked for.
    this.sort.options[0].disabled = !state.q;
    this.sort.value = state.sort || (state.q ? "" : "newest");
    this.root.setAttribute("aria-busy", "true");
    var counted = this.kinds.filter(function (kind) { return self.open[kind]; });
    var work = state.q ? byQuery(state, counted) : byFilters(state);
    work.then(function (answer) {
      if (generation !== self.generation || !answer) return;
      self.answer = answer;
      self.renderFacets(answer);
      return answer.page(0, PAGE_SIZE).then(function (items) {
        if (generation !== self.generation) return;
        self.list.textContent = "";
        self.shown = 0;
        self.renderItems(items);
        self.renderStatus();
      });
    }).catch(function (error) {
      if (generation !== self.generation) return;
      self.list.textContent = "";
      self.more.hidden = true;
      self.status.textContent = "Search failed: " + error.message;
    }).then(function () {
      if (generation === self.generation) self.root.removeAttribute("aria-busy");
    });
  };

  SearchPage.prototype.describe = function () {
    var state = this.state, self = this, parts = [];
    this.kinds.forEach(function (kind) {
      state.filters[kind].forEach(function (v) { parts.push(self.labels[kind].toLowerCase() + " " + v); });
    });
    return parts;
  };

  SearchPage.prototype.renderStatus = function () {
    var total = this.answer.total, q = this.effective.q, filters = this.describe();
    var text;
    if (total === 0) {
      text = "No briefing matches" + (q ? " \u201c" + q + "\u201d" : "") +
        (filters.length ? (q ? " with " : " ") + filters.join(", ") : "") + ". " +
        (filters.length ? "Remove a filter, or try other words." : "Try other words, or fewer of them.");
      this.status.className = "ab-results__status ab-results__status--empty";
    } else {
      text = plural(total, "briefing") + (q ? " match \u201c" + q + "\u201d" : (filters.length ? "" : ", newest first")) +
        (filters.length ? " with " + filters.join(", ") : "") + ".";
      if (total === 1) text = text.replace(" match ", " matches ");
      this.status.className = "ab-results__status";
    }
    this.status.textContent = text;
  };

  SearchPage.prototype.renderItems = function (items) {
    var self = this;
    items.forEach(function (item) {
      var li = el("li", "ab-result");
      var h = el("h3", "ab-result__title");
      var a = el("a", null, item.title);
      a.href = href(item.url);
      h.appendChild(a);
      li.appendChild(h);
      var meta = el("p", "ab-result__meta");
      if (item.status) meta.appendChild(badge(item.status, self.facets.icons, self.facets.statuses));
      if (item.date) {
        var time = el("time", null, item.date);
        if (item.iso) time.dateTime = item.iso;
        meta.appendChild(time);
      }
      if (item.companies) meta.appendChild(el("span", "ab-result__companies", item.companies));
      li.appendChild(meta);
      if (item.summary) li.appendChild(el("p", "ab-result__summary", item.summary));
      self.list.appendChild(li);
    });
    this.shown += items.length;
    this.more.hidden = this.shown >= this.answer.total;
    if (!this.more.hidden) {
      this.more.textContent = "Show " + Math.min(PAGE_SIZE, this.answer.total - this.shown) + " more";
    }
  };

  SearchPage.prototype.showMore = function () {
    var self = this, generation = this.generation, first = this.shown;
    this.answer.page(this.shown, PAGE_SIZE).then(function (items) {
      if (generation !== self.generation) return;
      self.renderItems(items);
      var link = self.list.children[first] && self.list.children[first].querySelector("a");
      if (link) link.focus();
    });
  };

  SearchPage.prototype.renderFacets = function (answer) {
    var self = this, state = this.state, counts = answer.counts;
    var focused = document.activeElement && document.activeElement.id;
    this.groups.textContent = "";
    this.kinds.forEach(function (kind) {
      var selected = state.filters[kind];
      var all = self.facets.values[kind].map(function (v) {
        return { value: v[0], count: (counts[kind] && counts[kind][v[0]]) || 0 };
      });
      // Values present in the results (or selected); statuses always, in their order.
      var values = all.filter(function (v) {
        return kind === "status" || v.count > 0 || selected.indexOf(v.value) >= 0;
      });
      if (kind !== "status" && kind !== "year") {
        values.sort(function (a, b) {
          var sa = selected.indexOf(a.value) >= 0, sb = selected.indexOf(b.value) >= 0;
          return (sb - sa) || (b.count - a.count);
        });
      }
      var fieldset = el("fieldset", "ab-facet ab-facet--" + kind);
      fieldset.appendChild(el("legend", "ab-facet__legend", self.labels[kind]));
      if (answer.counted.indexOf(kind) < 0) {
        // Not counted yet for this query: one click loads this key's index.
        var show = el("button", "ab-facet__open", "Show " + self.labels[kind].toLowerCase() + " filters");
        show.type = "button";
        show.id = "ab-facet-open-" + kind;
        show.addEventListener("click", function () {
          self.open[kind] = true;
          self.pendingFocus = "ab-facet-" + kind;
          self.run();
        });
        fieldset.appendChild(show);
        self.groups.appendChild(fieldset);
        return;
      }
      if (!values.length) {
        fieldset.appendChild(el("p", "ab-facet__none", "None in these results."));
        self.groups.appendChild(fieldset);
        return;
      }
      var ul = el("ul", "ab-facet__values");
      ul.id = "ab-facet-" + kind;
      var limit = self.expanded[kind] ? values.length : Math.max(FACET_SHOWN, selected.length);
      values.slice(0, limit).forEach(function (v, i) {
        var li = el("li", "ab-facet__value");
        var id = "ab-f-" + kind + "-" + self.facets.values[kind].findIndex(function (x) { return x[0] === v.value; });
        var box = el("input");
        box.type = "checkbox";
        box.id = id;
        box.name = kind;
        box.value = v.value;
        box.checked = selected.indexOf(v.value) >= 0;
        box.disabled = !box.checked && v.count === 0;
        box.addEventListener("change", function () { self.toggle(kind, v.value, box.checked); });
        var label = el("label");
        label.htmlFor = id;
        if (kind === "status") label.appendChild(badge(v.value, self.facets.icons, self.facets.statuses));
        else label.appendChild(el("span", "ab-facet__name", v.value));
        var count = el("span", "ab-facet__count", v.count.toLocaleString("en"));
        count.setAttribute("aria-label", plural(v.count, "briefing"));
        label.appendChild(document.createTextNode(" "));
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        ul.appendChild(li);
      });
      fieldset.appendChild(ul);
      if (values.length > FACET_SHOWN) {
        var button = el("button", "ab-facet__more", self.expanded[kind] ? "Show fewer" : "Show all " + values.length);
        button.type = "button";
        button.id = "ab-facet-more-" + kind;
        button.setAttribute("aria-expanded", self.expanded[kind] ? "true" : "false");
        button.setAttribute("aria-controls", ul.id);
        button.addEventListener("click", function () {
          self.expanded[kind] = !self.expanded[kind];
          self.renderFacets(answer);
          var again = document.getElementById(button.id);
          if (again) again.focus();
        });
        fieldset.appendChild(button);
      }
      self.groups.appendChild(fieldset);
    });
    if (this.pendingFocus) {
      var list = document.getElementById(this.pendingFocus);
      var first = list && list.querySelector("input:not([disabled])");
      this.pendingFocus = null;
      if (first) { first.focus(); return; }
    }
    if (focused) {
      var again = document.getElementById(focused);
      if (again && again !== document.activeElement) again.focus();
    }
  };

  /* ------------------------------------------------------------------ the header box */

  function HeaderBox(box, page) {
    this.box = box;
    this.page = page;
    this.form = box.querySelector("form");
    this.input = box.querySelector(".md-search__input");
    this.meta = box.querySelector(".md-search-result__meta");
    this.list = box.querySelector(".md-search-result__list");
    this.all = box.querySelector(".ab-header-search__all");
    this.allLink = this.all.querySelector("a");
    this.toggle = document.getElementById("__search");
    this.generation = 0;
  }

  HeaderBox.prototype.open = function (on) {
    if (this.toggle && this.toggle.checked !== on) this.toggle.checked = on;
  };

  HeaderBox.prototype.start = function () {
    var self = this, typing = null;
    this.input.addEventListener("focus", function () {
      self.open(true);
      if (!self.page) pagefind().catch(function () {}); // start loading while the reader types
    });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked && document.activeElement !== self.input) self.input.focus();
      });
    }
    this.input.addEventListener("input", function () {
      clearTimeout(typing);
      if (self.page) { // on the search page, the page answers
        typing = setTimeout(function () { self.page.input.value = self.input.value; self.page.setQuery(self.input.value, false); }, 120);
        return;
      }
      typing = setTimeout(function () { self.run(); }, 100);
    });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { self.render(null); self.input.focus(); }, 0);
    });
    this.form.addEventListener("submit", function (ev) {
      clearTimeout(typing);
      if (self.page) {
        ev.preventDefault();
        self.page.input.value = self.input.value;
        self.page.setQuery(self.input.value, true);
        self.open(false);
        self.page.input.focus();
        return;
      }
      // Enter goes to the best result, as in Material; with none, to the search page.
      var first = self.list.querySelector("a");
      if (first && self.input.value.trim() === self.shownFor) {
        ev.preventDefault();
        first.click();
      }
    });
    this.box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        self.open(false);
        self.input.blur();
        ev.preventDefault();
      } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        var items = [self.input].concat([].slice.call(self.list.querySelectorAll("a")));
        if (!self.all.hidden) items.push(self.allLink);
        var at = items.indexOf(document.activeElement);
        var next = (Math.max(0, at) + items.length + (ev.key === "ArrowUp" ? -1 : 1)) % items.length;
        items[next].focus();
        ev.preventDefault();
      }
    });
    this.box.addEventListener("focusout", function (ev) {
      if (ev.relatedTarget && !self.box.contains(ev.relatedTarget)) self.open(false);
    });
  };

  HeaderBox.prototype.run = function () {
    var self = this, q = this.input.value.trim(), generation = ++this.generation;
    if (!q) { this.render(null); return; }
    if (tooShort(q)) { this.render(null); this.meta.textContent = "Keep typing\u2026"; return; }
    this.meta.textContent = "Searching\u2026";
    // The status icons come with the browse data, fetched beside the query (without them, badges show no icon).
    var icons = facetsData().then(function (facets) { return facets.icons; }, function () { return {}; });
    byQuery({ q: q, sort: "", filters: {} }, []).then(function (answer) {
      if (generation !== self.generation || !answer) return;
      return Promise.all([answer.page(0, HEADER_RESULTS), icons]).then(function (got) {
        if (generation !== self.generation) return;
        self.render({ q: q, total: answer.total, items: got[0], icons: got[1] });
      });
    }).catch(function (error) {
      if (generation === self.generation) self.meta.textContent = "Search is not available (" + error.message + ")";
    });
  };

  HeaderBox.prototype.render = function (found) {
    this.list.textContent = "";
    this.all.hidden = true;
    this.shownFor = null;
    if (!found) { this.meta.textContent = "Type to search the briefings"; return; }
    this.shownFor = found.q;
    this.meta.textContent = found.total ? plural(found.total, "matching briefing") : "No briefing matches \u201c" + found.q + "\u201d";
    var self = this;
    found.items.forEach(function (item) {
      var li = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link");
      a.href = href(item.url);
      var article = el("article", "md-search-result__article md-typeset ab-hit");
      article.appendChild(el("div", "ab-hit__title", item.title));
      var meta = el("p", "ab-hit__meta");
      if (item.status) meta.appendChild(badge(item.status, found.icons));
      if (item.date) meta.appendChild(el("span", "ab-hit__date", " " + item.date));
      article.appendChild(meta);
      if (item.summary) article.appendChild(el("p", "ab-hit__summary", item.summary));
      a.appendChild(article);
      li.appendChild(a);
      self.list.appendChild(li);
    });
    var page = new URL("search/", ROOT);
    page.searchParams.set("q", found.q);
    this.allLink.href = page.href;
    this.allLink.textContent = found.total > found.items.length
      ? "All " + plural(found.total, "result") + ", with filters" : "Open in search, with filters";
    this.all.hidden = false;
  };

  /* ------------------------------------------------------------------ start */

  function isTyping(node) {
    if (!node) return false;
    var tag = node.tagName;
    return node.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function start() {
    var pageRoot = document.querySelector("[data-ab-search-page]");
    var page = pageRoot ? new SearchPage(pageRoot) : null;
    var boxRoot = document.querySelector("[data-ab-search]");
    var box = boxRoot ? new HeaderBox(boxRoot, page) : null;
    if (page) page.start();
    if (box) box.start();
    // "/", "s" and "f" go to the search box, as in Material.
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(document.activeElement)) return;
      if (ev.key !== "/" && ev.key !== "s" && ev.key !== "f") return;
      var target = page ? page.input : box && box.input;
      if (!target) return;
      ev.preventDefault();
      target.focus();
      target.select();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
