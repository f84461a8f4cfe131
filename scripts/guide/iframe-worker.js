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
      var self = this;
      var frame = this.iframe.contentWindow;
      frame.document.open();
      /* What a worker has and a window lacks (or has with another meaning), defined from this page: the
         site's Content-Security-Policy lets no inline script run, in the frame either. Messages arrive
         later, as from a real worker. */
      frame.postMessage = function (data) {
        window.setTimeout(function () {
          self._emit(new MessageEvent("message", { data: data }), self.onmessage);
        }, 0);
      };
      frame.importScripts = function () {
        return Array.prototype.reduce.call(arguments, function (loaded, url) {
          return loaded.then(function () {
            return new Promise(function (resolve, reject) {
              var script = frame.document.createElement("script");
              script.src = url;
              script.onload = resolve;
              script.onerror = reject;
              frame.document.head.appendChild(script);
            });
          });
        }, Promise.resolve());
      };
      frame.document.write(
        '<!DOCTYPE html><html><head><script src="' + attribute(url) + '"></script></head><body></body></html>'
      );
      frame.document.close();
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
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
