// The search page: finds articles in window.BANTIN_TIM_KIEM (tim-kiem/chi-muc.js) without
// accents or case ("dong tho" finds Đông Thọ). Every word must begin a word of the article;
// when some articles have the words together, as written, only those are shown. Title first,
// then communes and authors, then the units a commune was formed from and the summary; newest
// first among equals. The query is in the
// address (?q=dong+tho), so results can be shared.
(function () {
  "use strict";
  // " words of the text " without accents, in lower case, split at anything but letters and digits.
  var fold = function (text) {
    return " " + text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim() + " ";
  };
  var input = document.getElementById("tim-kiem-q");
  var results = document.getElementById("tim-kiem-ket-qua");
  var status = document.getElementById("tim-kiem-trang-thai");
  if (!input || !results || !status) return;
  // [address, title, date, summary, communes, former units, authors]
  var entries = (window.BANTIN_TIM_KIEM || []).map(function (a, order) {
    return { a: a, order: order, title: fold(a[1]), places: fold(a[4]), former: fold(a[5]), authors: fold(a[6]), summary: fold(a[3]) };
  });

  function search(query) {
    var words = fold(query).trim().split(" ").filter(Boolean);
    if (!words.length) return [];
    var phrase = " " + words.join(" ");
    var found = [];
    entries.forEach(function (e) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = " " + words[i];
        var s = (e.title.indexOf(w) >= 0 ? 4 : 0) + (e.places.indexOf(w) >= 0 ? 3 : 0) + (e.authors.indexOf(w) >= 0 ? 3 : 0) + (e.former.indexOf(w) >= 0 || e.summary.indexOf(w) >= 0 ? 1 : 0);
        if (!s) return;
        score += s;
      }
      var together = [e.title, e.places, e.former, e.authors, e.summary].some(function (text) { return text.indexOf(phrase) >= 0; });
      found.push({ e: e, score: score + (together ? 10 : 0), together: together });
    });
    if (words.length > 1 && found.some(function (f) { return f.together; })) {
      found = found.filter(function (f) { return f.together; });
    }
    found.sort(function (x, y) { return y.score - x.score || x.e.order - y.e.order; });
    return found;
  }

  function show(query) {
    results.textContent = "";
    var found = search(query);
    status.textContent = !query.trim() ? "" : found.length
      ? found.length + " bài viết cho “" + query.trim() + "”" + (found.length > 100 ? " (100 bài đầu)" : "")
      : "Không tìm thấy bài viết nào cho “" + query.trim() + "”";
    found.slice(0, 100).forEach(function (f) {
      var a = f.e.a;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = a[0];
      link.textContent = a[1];
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + a[2] + (a[4] ? " · " + a[4] : "");
      item.appendChild(link);
      item.appendChild(meta);
      results.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  show(query);
  input.addEventListener("input", function () {
    show(input.value);
    var address = input.value ? "?q=" + encodeURIComponent(input.value).replace(/%20/g, "+") : window.location.pathname;
    try { window.history.replaceState(null, "", address); } catch (error) { /* file:// in some browsers */ }
  });
})();
