/*
 * kyodo-map: the areas' names on the map (L.KyodoLabels), loaded with the base map
 * before kyodo.js, whose L.kyodo.labels makes them.
 */
(function (L) {
    "use strict";
    if (L.KyodoLabels) { return; }

    // Font size (px) of the names at a zoom: larger as the map zooms in; a touch screen's
    // names are read at arm's length.
    function labelSize(zoom, touch) {
        var size = 12 + Math.max(-2, Math.min(4, zoom - 10));
        return touch ? Math.max(20, size + 6) : size;
    }

    function overlaps(a, b) {
        return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    }

    // Where one label may go: at its point first, then further out on eight sides,
    // nearest first.
    function candidates(p, w, h) {
        var out = [{x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2), moved: false}];
        var dirs = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]];
        for (var k = 1; k <= 7; k++) {
            var step = k * (h * 0.8);
            dirs.forEach(function (dir) {
                var cx = p.x + dir[0] * (w / 2 + step * 0.6), cy = p.y + dir[1] * (h / 2 + step * 0.5);
                if (dir[1] === 0) { cx = p.x + dir[0] * (w / 2 + step * 0.5); }
                if (dir[0] === 0) { cy = p.y + dir[1] * (h / 2 + step * 0.4); }
                out.push({x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), moved: true});
            });
        }
        return out;
    }

    // More places for a label, for bringing it nearer its point once all are placed:
    // on sixteen sides at every quarter of its height out to six heights, the point on
    // or in the label's edge at the nearest.
    function around(p, w, h) {
        var out = [];
        for (var k = 0; k <= 24; k++) {
            var d = k * h / 4;
            for (var a = 0; a < 16; a++) {
                var c = Math.cos(a * Math.PI / 8), s = Math.sin(a * Math.PI / 8);
                var cx = p.x + c * (w / 2 + d), cy = p.y + s * (h / 2 + d);
                out.push({x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), moved: true});
            }
        }
        return out;
    }

    // The boxes (in layer points) the controls of the map cover and 2 px around them,
    // so names avoid them.
    function controlBoxes(map) {
        var boxes = [], origin = map.getContainer().getBoundingClientRect();
        var list = map.getContainer().querySelectorAll(".leaflet-control");
        Array.prototype.forEach.call(list, function (el) {
            var r = el.getBoundingClientRect();
            if (!r.width || !r.height) { return; }
            var tl = map.containerPointToLayerPoint([r.left - origin.left, r.top - origin.top]);
            boxes.push({x: tl.x - 2, y: tl.y - 2, w: r.width + 4, h: r.height + 4});  // 2 px clear
        });
        return boxes;
    }

    // About the width (px) of a text (escaped HTML) at a font size, told by its
    // characters alone (no layout, no canvas): a full-width character is one em, any
    // other about 0.6. Only the first placing uses it; the laid-out sizes follow
    // before the names are painted.
    function textWidth(html, size) {
        var text = html.replace(/<[^>]*>/g, "").replace(/&[#\w]+;/g, "x"), ems = 0;
        for (var i = 0; i < text.length; i++) {
            var c = text.charCodeAt(i);
            ems += (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7af) ||
                (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) ? 1 : 0.6;
        }
        return ems * size;
    }

    // How far a box stands from a point (0 when the point is in it).
    function off(box, p) {
        return Math.hypot(Math.max(box.x - p.x, 0, p.x - box.x - box.w),
            Math.max(box.y - p.y, 0, p.y - box.y - box.h));
    }

    // Two boxes on one line (sharing at least half the lower one's height) less than
    // ``gap`` apart.
    function beside(a, b, gap) {
        var across = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        return across >= Math.min(a.h, b.h) / 2 && a.x < b.x + b.w + gap && b.x < a.x + a.w + gap;
    }

    // Two names side by side on one line read as one (「湯田」「大歳」 as 「湯田大歳」):
    // one of such a pair moves to another of its places that is free (``fits(box,
    // others)``) and beside no other name, no more than a name's height further from its
    // point than it was; of the two, the one whose place is nearer its point moves.
    // Every other name keeps its place; a pair with no such place stays. names: {it, p,
    // spot, box, spots} as placed, the boxes in ``placed`` (with the controls' boxes).
    function apart(names, placed, gap, fits) {
        // n's first other place that will do, and how far it stands from n's point
        function other(n) {
            var others = placed.filter(function (box) { return box !== n.box; });
            var w = n.box.w, h = n.box.h, limit = off(n.box, n.p) + h;
            for (var k = 0; k < n.spots.length; k++) {
                var s = n.spots[k], box = {x: s.x, y: s.y, w: w, h: h};
                if (off(box, n.p) > limit) { continue; }
                var alone = !names.some(function (o) { return o !== n && beside(box, o.box, gap); });
                if (alone && fits(box, others)) { return {n: n, spot: s, off: off(box, n.p)}; }
            }
            return null;
        }
        names.forEach(function (a, i) {
            names.slice(i + 1).forEach(function (b) {
                if (!beside(a.box, b.box, gap)) { return; }
                var best = [other(a), other(b)].filter(Boolean).sort(function (x, y) { return x.off - y.off; })[0];
                if (!best) { return; }
                best.n.spot = best.spot;
                best.n.box.x = best.spot.x;
                best.n.box.y = best.spot.y;
            });
        });
    }

    // Names placed one by one take the places nearest their points in turn, and a name
    // placed late may find only a place far out, tied to its area by a long leader line
    // across others (on a crowded map: the kiosk's names with their counts). This pass
    // brings such names nearer, the farthest first, over finer places (n.more()): a name
    // takes a place nearer its point when the names in that place (at most two, none of
    // them standing on its own point) can move to other free places of their own, and
    // the names' distances from their points, squared (one far name counts for more
    // than several near ones), sum to less than before. A place is free when it fits
    // (``fits(box, [])``: clear of the controls and the marks) and stands ``room`` px
    // clear of the other names; a one-line name is not set beside another (``gap``).
    // names: {it, p, spot, box, more} as placed.
    function nearer(names, fits, gap, room) {
        function cost(n, x, y) {
            var dx = Math.max(x - n.p.x, 0, n.p.x - x - n.box.w), dy = Math.max(y - n.p.y, 0, n.p.y - y - n.box.h);
            return dx * dx + dy * dy;
        }
        // n's finer places ({x, y, c: cost})
        function places(n) {
            if (!n.places) {
                n.places = n.more();
                for (var k = 0; k < n.places.length; k++) { n.places[k].c = cost(n, n.places[k].x, n.places[k].y); }
            }
            return n.places;
        }
        // whether a box of n at x, y is clear of b by pad
        function clear(n, x, y, b, pad) {
            return x - pad >= b.x + b.w || b.x >= x + n.box.w + pad ||
                y - pad >= b.y + b.h || b.y >= y + n.box.h + pad;
        }
        // whether n's place s is free: it fits (asked once), stands a little apart from
        // the other names' boxes (all but those in skip, and those in more), and for a
        // one-line name is not beside another (read as one)
        function free(n, s, skip, more) {
            if (s.fits === undefined) { s.fits = fits({x: s.x, y: s.y, w: n.box.w, h: n.box.h}, []); }
            if (!s.fits) { return false; }
            var box = n.it.one ? {x: s.x, y: s.y, w: n.box.w, h: n.box.h} : null;
            function apartFrom(b) { return clear(n, s.x, s.y, b, room) && !(box && beside(box, b, gap)); }
            for (var i = 0; i < names.length; i++) {
                var o = names[i];
                if (o !== n && skip.indexOf(o) < 0 && !apartFrom(o.box)) { return false; }
            }
            return more.every(apartFrom);
        }
        // the nearest free place of n that costs less than most, or null
        function nearest(n, skip, more, most) {
            var list = places(n), best = null;
            for (var k = 0; k < list.length; k++) {
                if (list[k].c < most && free(n, list[k], skip, more)) { best = list[k]; most = best.c; }
            }
            return best;
        }
        // a at its place s and the names there at their nearest free places: the moves
        // ([name, place]) and what they gain, or null
        function swap(a, s) {
            var hit = [];
            for (var j = 0; j < names.length; j++) {
                var o = names[j];
                if (o === a || clear(a, s.x, s.y, o.box, 0)) { continue; }
                if (hit.length === 2 || !o.spot.moved) { return null; }
                hit.push(o);
            }
            var skip = hit.concat([a]);
            if (!free(a, s, skip, [])) { return null; }
            var gain = cost(a, a.box.x, a.box.y) - s.c, moves = [[a, s]];
            var taken = [{x: s.x, y: s.y, w: a.box.w, h: a.box.h}];
            for (var i = 0; i < hit.length; i++) {
                var was = cost(hit[i], hit[i].box.x, hit[i].box.y);
                var to = nearest(hit[i], skip, taken, was + gain - 4);
                if (!to) { return null; }
                moves.push([hit[i], to]);
                taken.push({x: to.x, y: to.y, w: hit[i].box.w, h: hit[i].box.h});
                gain += was - to.c;
            }
            return {moves: moves, gain: gain};
        }
        // the move that brings a nearer its point (by a little at least) and gains most
        function move(a) {
            var now = cost(a, a.box.x, a.box.y), best = null, list = places(a);
            for (var k = 0; k < list.length; k++) {
                if (list[k].c >= now - 4) { continue; }
                var found = swap(a, list[k]);
                if (found && (!best || found.gain > best.gain)) { best = found; }
            }
            return best;
        }
        // names tried again, farthest first, while some move; a name that found no
        // move is tried again only after another has moved
        var moves = 0;
        for (var round = 0; round < 4; round++) {
            var before = moves;
            names.slice().sort(function (x, y) { return cost(y, y.box.x, y.box.y) - cost(x, x.box.x, x.box.y); })
                .forEach(function (a) {
                    // (near enough: within half its height)
                    if (off(a.box, a.p) <= a.box.h / 2 || a.stuck === moves) { return; }
                    var best = move(a);
                    if (!best) { a.stuck = moves; return; }
                    best.moves.forEach(function (m) {
                        m[0].spot = m[1];
                        m[0].box.x = m[1].x;
                        m[0].box.y = m[1].y;
                    });
                    moves += 1;
                });
            if (moves === before) { return; }
        }
    }

    // The names placed one by one, in the order of ``items`` (each taking the place
    // nearest its point that is free), then brought nearer and set apart: [{it, p, spot,
    // box, spots, more}]. controls: the boxes the map's controls cover; marks: those of
    // gathered points (a name avoids them where it can); font: the names' size (px).
    function arrange(map, items, controls, marks, font) {
        var placed = controls.slice(), names = [];
        // the frame in layer points (the map's size is known since it was set up)
        var size = map.getSize(), corner = map.containerPointToLayerPoint([0, 0]);
        function shown(box) {
            return box.x >= corner.x && box.y >= corner.y &&
                box.x + box.w <= corner.x + size.x && box.y + box.h <= corner.y + size.y;
        }
        function free(box, soft) {
            return !placed.some(function (b) { return overlaps(box, b); }) &&
                !soft.some(function (b) { return overlaps(box, b); });
        }
        // a place clear of names and controls, and of the marks of gathered points
        // when there is one
        function find(spots, w, h, soft) {
            for (var j = 0; j < spots.length; j++) {
                if (free({x: spots[j].x, y: spots[j].y, w: w, h: h}, soft)) { return spots[j]; }
            }
            return null;
        }
        // the area's point, or, when it is out of the frame, the first of its other
        // places where the whole name is in the frame and clear of the controls and
        // the names placed (else the first in the frame)
        function anchor(it) {
            var p = map.latLngToLayerPoint(it.at), first = null;
            if (shown({x: p.x, y: p.y, w: 0, h: 0})) { return p; }
            for (var k = 0; k < it.spots.length; k++) {
                var q = map.latLngToLayerPoint(it.spots[k]);
                var box = {x: q.x - it.w / 2, y: q.y - it.h / 2, w: it.w, h: it.h};
                if (!shown(box)) { continue; }
                if (free(box, [])) { return q; }
                first = first || q;
            }
            return first || p;
        }
        items.forEach(function (it) {
            var p = anchor(it), w = it.w, h = it.h;
            // an area whose point is in the frame has its name inside the frame
            // where there is room (a name at the city's edge is not cut by it)
            var spots = candidates(p, w, h), inside = [];
            if (shown({x: p.x, y: p.y, w: 0, h: 0})) {
                inside = spots.filter(function (s) { return shown({x: s.x, y: s.y, w: w, h: h}); });
            }
            // (on a crowded map, the finer places further out; a name is never left
            // out: with no free place at all it stands on its point)
            var spot = find(inside, w, h, marks) || find(inside, w, h, []) ||
                find(spots, w, h, marks) || find(spots, w, h, []) ||
                find(around(p, w, h), w, h, []) || spots[0];
            var box = {x: spot.x, y: spot.y, w: w, h: h};
            placed.push(box);
            names.push({it: it, p: p, spot: spot, box: box, spots: inside.length ? inside : spots,
                more: function () {  // (only a name that is brought nearer needs them)
                    var more = around(p, w, h);
                    return !inside.length ? more : more.filter(function (s) {
                        return shown({x: s.x, y: s.y, w: w, h: h});
                    });
                }});
        });
        // a place for a name that moves after all are placed: clear of the others,
        // the controls and the marks
        function fits(box, others) {
            return !others.some(function (b) { return overlaps(box, b); }) &&
                !controls.some(function (b) { return overlaps(box, b); }) &&
                !marks.some(function (b) { return overlaps(box, b); });
        }
        nearer(names, fits, font / 2, Math.max(2, Math.round(font / 6)));
        // (a name with its count under it stands as a block of its own)
        apart(names.filter(function (n) { return n.it.one; }), placed, font / 2, fits);
        return names;
    }

    // The pieces ([x0, y0, x1, y1], from a towards b) of the segment from a to b that
    // lie under none of the boxes.
    function uncovered(a, b, boxes) {
        var dx = b.x - a.x, dy = b.y - a.y, cut = [];
        boxes.forEach(function (box) {
            // (Liang-Barsky: the part of the segment inside the box, as [t0, t1])
            var t0 = 0, t1 = 1;
            var sides = [[-dx, a.x - box.x], [dx, box.x + box.w - a.x], [-dy, a.y - box.y], [dy, box.y + box.h - a.y]];
            for (var i = 0; i < 4; i++) {
                var q = sides[i][0], rest = sides[i][1];
                if (q === 0) {
                    if (rest < 0) { return; }
                    continue;
                }
                var t = rest / q;
                if (q < 0) { t0 = Math.max(t0, t); } else { t1 = Math.min(t1, t); }
                if (t0 >= t1) { return; }
            }
            cut.push([t0, t1]);
        });
        cut.sort(function (u, v) { return u[0] - v[0]; });
        var out = [], from = 0;
        function piece(t0, t1) {
            if (t1 > t0) { out.push([a.x + dx * t0, a.y + dy * t0, a.x + dx * t1, a.y + dy * t1]); }
        }
        cut.forEach(function (c) {
            piece(from, c[0]);
            from = Math.max(from, c[1]);
        });
        piece(from, 1);
        return out;
    }

    // The line height of the names (as .kyodo-label in kyodo.css) and of the values
    // under them (.kyodo-label-value: 0.85 of the name's size).
    var LINE = 1.15, VALUE = 0.85;

    // Every area's name, always shown, in a pane of its own that takes no clicks. d.r:
    // [lat, lon, name, value, muted, spots] per area, smallest area first (the smallest
    // get the best places), spots being other places inside the area (flat pairs of
    // whole steps of 1/d.k degree from lat, lon, the most inward first) for a name
    // whose point is out of the frame: the first of them where the name fits in the
    // frame takes its place, so an area the map shows only in part is still named on
    // itself. The names are placed as they are added, at sizes told by the font (no
    // layout forced while the map loads), clear of each other and, where they can be,
    // inside the frame (none is left out: on a map too crowded to find a name a free
    // place, it stands on its point); names placed far out are then brought nearer (nearer) and
    // names that read as one set apart (apart). Once the
    // browser has laid them out, a ResizeObserver tells their true sizes (and again
    // when they change: a new zoom's font, a font arriving) and they are placed again,
    // clear of the controls too, before that frame is painted. A zoom, a pan (the
    // frame decides where a partly shown area is named), a resize of the map and a
    // change of its controls ("kyodolayout") place them again.
    L.KyodoLabels = L.Layer.extend({
        initialize: function (d) { this._d = d; },
        onAdd: function (map) {
            var pane = map.getPane("kyodoLabels") || map.createPane("kyodoLabels");
            var root = this._root = L.DomUtil.create("div", "kyodo-labels leaflet-zoom-hide", pane);
            root.setAttribute("aria-hidden", "true");
            root.style.visibility = "hidden";  // until placed
            var touch = L.DomUtil.hasClass(map.getContainer(), "kyodo-touch");
            this._font = labelSize(map.getZoom(), touch);
            root.style.fontSize = this._font + "px";
            var svg = this._svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
            svg.setAttribute("class", "kyodo-leaders");
            root.appendChild(svg);
            var scale = this._d.k;  // the spots' steps per degree
            this._items = this._d.r.map(function (r) {
                var el = L.DomUtil.create("div", "kyodo-label" + (r[4] ? " kyodo-label-muted" : ""), root);
                var html = "<span class=\"kyodo-label-name\">" + r[2] + "</span>";
                if (r[3]) { html += "<span class=\"kyodo-label-value\">" + r[3] + "</span>"; }
                el.innerHTML = html;
                var spots = [], flat = r[5] || [];
                for (var k = 0; k + 1 < flat.length; k += 2) {
                    spots.push(L.latLng(r[0] + flat[k] / scale, r[1] + flat[k + 1] / scale));
                }
                return {at: L.latLng(r[0], r[1]), spots: spots, el: el, w: 0, h: 0, one: !r[3]};
            });
            map.on("zoomend moveend viewreset resize kyodolayout", this._place, this);
            this._estimate();
            this._ready = true;
            this._place(true);
            if (window.ResizeObserver) {
                this._sizes = new window.ResizeObserver(L.bind(this._measured, this));
                this._items.forEach(function (it) { this._sizes.observe(it.el); }, this);
            } else {
                this._frame = L.Util.requestAnimFrame(this._measure, this);
            }
            return this;
        },
        onRemove: function (map) {
            map.off("zoomend moveend viewreset resize kyodolayout", this._place, this);
            if (this._sizes) { this._sizes.disconnect(); }
            L.Util.cancelAnimFrame(this._frame);
            L.DomUtil.remove(this._root);
            return this;
        },
        _measured: function (entries) {
            var byEl = new Map(this._items.map(function (it) { return [it.el, it]; }));
            entries.forEach(function (e) {
                var it = byEl.get(e.target), box = e.borderBoxSize && e.borderBoxSize[0];
                if (!it) { return; }
                it.w = (box ? box.inlineSize : e.target.offsetWidth) + 2;
                it.h = box ? box.blockSize : e.target.offsetHeight;
            });
            this._ready = this._laidOut = true;
            this._place();
        },
        // Sizes told by the names' characters and the font size.
        _estimate: function () {
            var size = this._font, rows = this._d.r;
            this._items.forEach(function (it, i) {
                var r = rows[i], w = textWidth(r[2], size), h = LINE * size;
                if (r[3]) {
                    w = Math.max(w, textWidth(r[3], VALUE * size));
                    h += LINE * VALUE * size;
                }
                it.w = Math.ceil(w) + 4;  // the padding, and as measured
                it.h = Math.ceil(h);
            });
        },
        _measure: function () {
            this._items.forEach(function (it) { it.w = it.el.offsetWidth + 2; it.h = it.el.offsetHeight; });
            this._ready = true;
            this._place();
        },
        // Places the names; before the first layout (early), not yet clear of the
        // controls, whose sizes only a layout tells.
        _place: function (early) {
            var map = this._map;
            if (!map || !this._ready) { return; }
            // until the first layout has told the sizes, only the early placing: the
            // controls' boxes would force a layout
            if (early !== true && this._sizes && !this._laidOut) { return; }
            var touch = L.DomUtil.hasClass(map.getContainer(), "kyodo-touch");
            var font = labelSize(map.getZoom(), touch);
            if (font !== this._font) {  // measured again, then placed
                this._font = font;
                this._root.style.fontSize = font + "px";
                if (!this._sizes) { this._measure(); }
                return;
            }
            this._root.style.visibility = "";
            var controls = early === true ? [] : controlBoxes(map), marks = [];
            (map.kyodoGathered || []).forEach(function (g) { marks = marks.concat(g.boxes()); });
            var names = arrange(map, this._items, controls, marks, font);
            this._draw(names, font);
        },
        // Sets the names at their places. A name moved further off its point than it is
        // high is tied to it by a line that ends in a dot on the point (in its area), so
        // that on a crowded map the name reads as that area's, not as the name of the
        // area under it. A name nearer its point needs no line: a short line reads as a
        // dash, and with a dot, as one of the map's points. A line stops a little short
        // of its name and, coming from the side, meets the name's first line, never its
        // count (a line ending at 「61団体」 read as 「−61」). A line is cut where it
        // passes under another name or nearer to it than it ends from its own, so it
        // never strikes through or underlines a name or a count; a point that near
        // another name counts as hidden under it, and its line has no dot.
        // this._leaders: {p, dot, pieces: [[x0, y0, x1, y1]], box} as drawn.
        _draw: function (names, font) {
            var lines = [], dots = [], r = Math.max(2, Math.round(font / 6));
            var shortest = font, row = Math.ceil(LINE * font), gap = r;
            var leaders = this._leaders = [];
            function at(v) { return Math.round(v * 10) / 10; }
            // the names' boxes as set, wider each side than the space a line keeps from
            // its own name, by the halo of their text and a pixel
            var pad = gap + 2;
            var boxes = names.map(function (n) {
                var x = Math.round(n.spot.x), y = Math.round(n.spot.y);
                L.DomUtil.setPosition(n.it.el, L.point(x, y));
                return {x: x - pad, y: y - pad, w: n.box.w + 2 * pad, h: n.box.h + 2 * pad};
            });
            names.forEach(function (n, i) {
                var p = n.p, x = Math.round(n.spot.x), y = Math.round(n.spot.y), w = n.box.w, h = n.box.h;
                if (!n.spot.moved) { return; }
                // (from the side when the point stands further off sideways than up or
                // down; the end ``gap`` px off the name, so the line never touches it)
                var gx = Math.max(x - p.x, 0, p.x - x - w), gy = Math.max(y - p.y, 0, p.y - y - h), end;
                if (gx > gy) {
                    var low = n.it.one ? y + h : y + Math.min(h, row);
                    end = {x: p.x < x ? x - gap : x + w + gap, y: Math.max(y, Math.min(p.y, low))};
                } else {
                    end = {x: Math.max(x, Math.min(p.x, x + w)), y: p.y < y ? y - gap : y + h + gap};
                }
                var len = Math.hypot(end.x - p.x, end.y - p.y);
                if (Math.max(gx, gy) <= gap || len <= h) { return; }
                var others = boxes.filter(function (b, j) { return j !== i; });
                // (from a point in view, every piece: the line leads from the point under the
                // names in its way to its name; from a point under another name, only pieces
                // of an em or more, and the one that meets its name: a short piece between
                // two names would read as a stroke of their text). A line cut short of its
                // name by another name near it would read as that name's: none.
                var seen = !others.some(function (b) { return off(b, p) === 0; });
                var all = uncovered(p, end, others), last = all[all.length - 1];
                var reaches = last !== undefined && last[2] === end.x && last[3] === end.y;
                var pieces = !reaches ? [] : seen ? all : all.filter(function (s) {
                    return Math.hypot(s[2] - s[0], s[3] - s[1]) >= shortest;
                });
                if (pieces.length && pieces[pieces.length - 1] !== last) { pieces.push(last); }
                var dot = seen && pieces.length > 0 && pieces[0][0] === p.x && pieces[0][1] === p.y;
                leaders.push({p: p, dot: dot, pieces: pieces, box: {x: x, y: y, w: w, h: h}});
                pieces.forEach(function (s) {
                    lines.push("M" + at(s[0]) + "," + at(s[1]) + "L" + at(s[2]) + "," + at(s[3]));
                });
                if (dot) {
                    dots.push("M" + at(p.x - r) + "," + at(p.y) + "a" + r + "," + r + " 0 1,0 " + 2 * r +
                        ",0a" + r + "," + r + " 0 1,0 " + -2 * r + ",0");
                }
            });
            var d = lines.join(""), o = dots.join("");
            this._svg.innerHTML = d ? "<path class=\"kyodo-leader-halo\" d=\"" + d + o +
                "\"/><path class=\"kyodo-leader\" d=\"" + d + "\"/><path class=\"kyodo-leader-dot\" d=\"" +
                o + "\"/>" : "";
        }
    });
}(window.L));
