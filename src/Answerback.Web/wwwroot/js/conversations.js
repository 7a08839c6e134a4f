// Progressive enhancement of the conversation pages. Everything works without it (form posts and
// a refresh link); with it: votes go without a page reload, the near-duplicate prompt appears
// before a statement is sent, and the map page swaps in each new map as the server announces it.
(function () {
    "use strict";

    function bindVotes(area) {
        area.addEventListener("submit", function (event) {
            var form = event.target;
            if (!form.classList || !form.classList.contains("vote-form")) {
                return;
            }
            event.preventDefault();
            var data = new FormData(form);
            if (event.submitter && event.submitter.name) {
                data.append(event.submitter.name, event.submitter.value);
            }
            fetch(form.action, { method: "POST", body: data, headers: { "X-Answerback-Fragment": "1" }, credentials: "same-origin" })
                .then(function (response) { return response.text(); })
                .then(function (html) {
                    area.innerHTML = html;
                    var heading = document.getElementById("next-heading");
                    if (heading) {
                        heading.setAttribute("tabindex", "-1");
                        heading.focus();
                    }
                })
                .catch(function () { form.submit(); });
        });
    }

    function bindSimilar(form) {
        form.addEventListener("submit", function (event) {
            if (form.querySelector("input[name=confirmed]")) {
                return;
            }
            event.preventDefault();
            var text = form.querySelector("textarea").value;
            fetch(form.getAttribute("data-similar") + "?text=" + encodeURIComponent(text), { credentials: "same-origin" })
                .then(function (response) { return response.json(); })
                .then(function (similar) {
                    if (similar.length === 0) {
                        addConfirmed(form);
                        form.submit();
                        return;
                    }
                    var box = document.getElementById("similar");
                    box.textContent = "";
                    var heading = document.createElement("h3");
                    heading.textContent = "Is your point one of these?";
                    var hint = document.createElement("p");
                    hint.textContent = "If it is, vote on it instead. If yours says something else, add it anyway.";
                    var list = document.createElement("ul");
                    similar.forEach(function (s) {
                        var item = document.createElement("li");
                        item.textContent = s.text;
                        list.appendChild(item);
                    });
                    box.appendChild(heading);
                    box.appendChild(hint);
                    box.appendChild(list);
                    addConfirmed(form);
                    form.querySelector("button[type=submit]").textContent = "Add mine anyway";
                })
                .catch(function () { form.submit(); });
        });
    }

    function addConfirmed(form) {
        var confirmed = document.createElement("input");
        confirmed.type = "hidden";
        confirmed.name = "confirmed";
        confirmed.value = "true";
        form.appendChild(confirmed);
    }

    function bindLive(status) {
        if (!window.EventSource) {
            return;
        }
        var source = new EventSource(status.getAttribute("data-live"));
        source.onmessage = function (message) {
            var map = document.getElementById("map");
            if (map && Number(message.data) <= Number(map.getAttribute("data-version"))) {
                return;
            }
            fetch(status.getAttribute("data-fragment"), { credentials: "same-origin" })
                .then(function (response) { return response.text(); })
                .then(function (html) {
                    var current = document.getElementById("map");
                    if (current) {
                        current.outerHTML = html;
                    }
                });
        };
        source.onerror = function () {
            // The refresh link stays as the fallback; the browser retries on its own.
        };
    }

    var area = document.getElementById("vote-area");
    if (area) {
        bindVotes(area);
    }
    var add = document.querySelector("form.add-form");
    if (add) {
        bindSimilar(add);
    }
    var live = document.getElementById("live-status");
    if (live) {
        bindLive(live);
    }
}());
