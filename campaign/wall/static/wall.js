// The live wall's page: renders each full state the server streams, reconnects by itself.
// Public text is only ever set as textContent, never as HTML.
"use strict";

(function () {
  const body = document.body;
  const words = body.dataset;
  const byId = (id) => document.getElementById(id);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderItem(item) {
    const entry = element("li", "item platform-" + item.platform.replace(/[^a-z]/g, ""));
    entry.dataset.key = item.key;
    if (item.pinned) entry.classList.add("pinned");
    const meta = element("p", "meta");
    meta.append(
      element("span", "name", item.name),
      element("span", "platform", item.platform_name),
      element("span", "time", item.time)
    );
    if (item.pinned) meta.append(element("span", "pin", words.pinned));
    entry.append(meta, element("p", "text", item.text));
    if (item.image) entry.append(renderImage(item.image));
    return entry;
  }

  // The image comes from the wall itself (/media/<item>); its box is sized by the style
  // sheet before it loads, so nothing jumps, and one that fails to load leaves quietly.
  function renderImage(picture) {
    const figure = element("figure", "image");
    const image = element("img");
    image.decoding = "async";
    image.alt = picture.alt;
    image.addEventListener("error", () => figure.remove(), { once: true });
    image.src = picture.src;
    figure.append(image);
    if (picture.alt) figure.append(element("figcaption", "alt", picture.alt));
    return figure;
  }

  function renderItems(items) {
    byId("items").replaceChildren(...items.map(renderItem));
    byId("empty").hidden = items.length > 0;
  }

  function renderCounters(counters) {
    byId("count-posts").textContent = counters.posts;
    byId("count-replies").textContent = counters.replies;
    byId("count-people").textContent = counters.people;
    byId("count-poll-votes").textContent = counters.poll_votes;
  }

  function renderMood(mood) {
    for (const label of ["positive", "neutral", "negative"]) {
      const share = mood[label + "_percent"];
      byId("mood-bar-" + label).style.flexGrow = String(share);
      byId("mood-" + label).textContent = mood.total ? share + " %" : "–";
    }
    byId("mood-bar").classList.toggle("empty", mood.total === 0);
    byId("mood-empty").hidden = mood.total > 0;
  }

  function renderPollBlock(block, title) {
    const part = element("div", "poll-platform");
    part.append(element("h3", "poll-platform-name", title + " · " + block.total + " " + words.pollVotes));
    const list = element("ul", "poll-options");
    for (const option of block.options) {
      const row = element("li", "poll-option");
      const bar = element("span", "poll-bar");
      bar.style.width = option.percent + "%";
      row.append(
        element("span", "poll-label", option.label),
        element("span", "poll-track"),
        element("strong", "poll-percent", option.percent + " %")
      );
      row.querySelector(".poll-track").append(bar);
      list.append(row);
    }
    part.append(list);
    return part;
  }

  function renderPoll(poll) {
    byId("poll-none").hidden = Boolean(poll);
    byId("poll-question").textContent = poll ? poll.question : "";
    const blocks = poll ? poll.platforms.map((block) => renderPollBlock(block, block.name)) : [];
    if (poll && poll.total) blocks.push(renderPollBlock(poll.total, words.pollTotal));
    byId("poll-results").replaceChildren(...blocks);
    byId("poll-audiences").hidden = !(poll && poll.total);
  }

  function renderNext(next) {
    byId("next-time").textContent = next ? next.time : "";
    byId("next-text").textContent = next ? next.text : words.nextNone;
  }

  function render(state) {
    renderItems(state.items);
    renderCounters(state.counters);
    renderMood(state.mood);
    renderPoll(state.poll);
    renderNext(state.next);
  }

  function online(yes) {
    byId("status").hidden = yes;
    body.classList.toggle("offline", !yes);
  }

  function connect() {
    const source = new EventSource("/events");
    source.addEventListener("state", (event) => {
      render(JSON.parse(event.data));
      online(true);
    });
    source.addEventListener("error", () => {
      online(false);
      // EventSource retries by itself unless the server refused it; then start anew.
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 2000);
      }
    });
  }

  connect();
})();
