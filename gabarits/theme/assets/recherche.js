/* Search starts when the reader reaches for it, not with every page: most readers never search.
 *
 * Material's script asks for the search index (a few hundred kB per language: search/search_index.json, or
 * en/search/search_index.json, main.html's guide_search_base) with an XMLHttpRequest, and starts its search
 * worker, as soon as it runs. Both wait here until the reader presses or focuses the search field or the
 * search button (Material's shortcuts / and s focus the field), opens search, or arrives from an address that
 * searches (?q=) or highlights (?h=, what a search result leads to). Then the request is sent and the worker
 * started as Material made them: when the index is ready, Material searches for what was typed meanwhile.
 *
 * This script runs before Material's (main.html loads both deferred, in that order). From the disk (the offline
 * copy), Material loads the index as a script and only once search is opened: nothing is held there. If
 * Material stops using either, nothing is held and search starts with the page, as it did before.
 */
(function () {
  "use strict";
  if (location.protocol === "file:") return;

  var wanted = /[?&][qh]=/.test(location.search);
  var waiting = []; // what starts search, held until it is wanted

  function isSearch(url, pattern) {
    return pattern.test(new URL(url, location.href).pathname);
  }

  var request = XMLHttpRequest.prototype;
  var open = request.open;
  var send = request.send;
  request.open = function (method, url) {
    this.guideIndex = isSearch(url, /\/search\/search_index\.json$/);
    return open.apply(this, arguments);
  };
  request.send = function () {
    var held = this;
    var args = arguments;
    if (!held.guideIndex || wanted) return send.apply(held, args);
    waiting.push(function () {
      send.apply(held, args);
    });
  };

  /* Material listens to its worker's messages (addEventListener) and posts to it: a stand-in does both until
     the real worker starts, then passes its messages on. */
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (wanted || !isSearch(url, /\/workers\/search\.[^/]+\.js$/)) return new RealWorker(url, options);
    var standIn = new EventTarget();
    var worker = null;
    var queued = [];
    standIn.postMessage = function () {
      if (worker) worker.postMessage.apply(worker, arguments);
      else queued.push(arguments);
    };
    standIn.terminate = function () {
      if (worker) worker.terminate();
    };
    waiting.push(function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("error", function (event) {
        standIn.dispatchEvent(new ErrorEvent("error", { message: event.message, error: event.error }));
      });
      queued.splice(0).forEach(function (args) {
        worker.postMessage.apply(worker, args);
      });
    });
    return standIn;
  };

  var events = ["pointerdown", "focusin", "change"];
  function reach(event) {
    var target = event.target;
    var searching =
      event.type === "change"
        ? target.id === "__search"
        : Boolean(target.closest && target.closest("form[name=search], label[for=__search]"));
    if (!searching) return;
    wanted = true;
    events.forEach(function (type) {
      document.removeEventListener(type, reach, true);
    });
    waiting.splice(0).forEach(function (start) {
      start();
    });
  }
  events.forEach(function (type) {
    document.addEventListener(type, reach, true);
  });
})();
