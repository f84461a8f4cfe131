/* Search in the offline copy, opened from the disk (file://).
 *
 * A browser starts no Web Worker from a file:// page, and Material runs its search in one. On file://
 * only, this replaces `Worker` with an object that runs the worker's script in a hidden iframe of the
 * same page and passes the messages both ways. Material's search worker knows this case: it looks for
 * `IFrameWorker` in its parent, and waits for `importScripts`, which here loads scripts one after the
 * other and returns a promise. The guide's offline build (scripts/guide/offline.py) copies this file into
 * the copy and names it in `extra.polyfills`, in place of the one Material's offline plugin would load
 * from another host: the offline copy makes no request outside itself.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  /* What the iframe runs before the worker's script: the two functions a worker has and a window lacks
     (or has with another meaning). */
  var RUNTIME =
    "postMessage = function (data) { parent.postMessage(data, '*'); };" +
    "importScripts = function () {" +
    "  return Array.prototype.reduce.call(arguments, function (loaded, url) {" +
    "    return loaded.then(function () {" +
    "      return new Promise(function (resolve, reject) {" +
    "        var script = document.createElement('script');" +
    "        script.src = url; script.onload = resolve; script.onerror = reject;" +
    "        document.head.appendChild(script);" +
    "      });" +
    "    });" +
    "  }, Promise.resolve());" +
    "};";

  function attribute(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.iframe = document.createElement("iframe");
      this.iframe.hidden = true;
      document.body.appendChild(this.iframe);
      var frame = this.iframe.contentWindow;
      frame.document.open();
      frame.document.write(
        "<!DOCTYPE html><html><head><script>" + RUNTIME + "</script>" +
        '<script src="' + attribute(url) + '"></script></head><body></body></html>'
      );
      frame.document.close();
      var self = this;
      this.ready = new Promise(function (resolve) {
        if (frame.document.readyState === "complete") {
          resolve();
        } else {
          frame.addEventListener("load", function () { resolve(); });
        }
      });
      frame.addEventListener("error", function (event) {
        self._emit(new ErrorEvent("error", { message: event.message, error: event.error }), self.onerror);
      });
      this._listener = function (event) {
        if (event.source === frame) {
          self._emit(new MessageEvent("message", { data: event.data }), self.onmessage);
        }
      };
      window.addEventListener("message", this._listener);
    }

    _emit(event, handler) {
      this.dispatchEvent(event);
      if (typeof handler === "function") {
        handler.call(this, event);
      }
    }

    postMessage(data) {
      var frame = this.iframe.contentWindow;
      this.ready.then(function () {
        frame.dispatchEvent(new frame.MessageEvent("message", { data: data }));
      });
    }

    terminate() {
      window.removeEventListener("message", this._listener);
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
