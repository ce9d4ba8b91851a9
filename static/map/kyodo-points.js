/*
 * kyodo-map: the map's points, loaded with the base map after kyodo-shapes.js and
 * before kyodo.js, whose L.kyodo.points and L.kyodo.counts make them: many points of
 * one style as one path (L.KyodoDots), gathered per square below a zoom
 * (L.KyodoClusters), and the counts of a large layer as labelled circles.
 */
(function (L) {
    "use strict";
    if (L.KyodoPoints) { return; }

    // --- shapes ------------------------------------------------------------------------

    // Traces a shape centred on (x, y) in a box of half-side r (the same shapes as
    // shape_path in geo/map/style.py) with a pen: a canvas's context, or svgPen().
    function traceShape(pen, kind, x, y, r) {
        if (kind === "square") {
            var s = r * 0.9;
            pen.moveTo(x - s, y - s); pen.lineTo(x + s, y - s); pen.lineTo(x + s, y + s);
            pen.lineTo(x - s, y + s);
        } else if (kind === "diamond") {
            pen.moveTo(x, y - r); pen.lineTo(x + r, y); pen.lineTo(x, y + r); pen.lineTo(x - r, y);
        } else if (kind === "triangle") {
            pen.moveTo(x, y - r); pen.lineTo(x + r, y + r * 0.7); pen.lineTo(x - r, y + r * 0.7);
        } else {
            pen.moveTo(x + r, y);
            pen.arc(x, y, r, 0, 2 * Math.PI);
        }
        pen.closePath();
    }

    // A pen that writes an SVG path's data (d()) as a canvas's context draws: its arc
    // is always a whole circle, from the point east of its centre.
    function svgPen() {
        var d = [];
        return {
            moveTo: function (x, y) { d.push("M" + x + "," + y); },
            lineTo: function (x, y) { d.push("L" + x + "," + y); },
            arc: function (x, y, r) {
                var half = "a" + r + "," + r + " 0 1,0 ";
                d.push(half + -2 * r + ",0" + half + 2 * r + ",0");
            },
            closePath: function () { d.push("z"); },
            d: function () { return d.join(""); }
        };
    }

    // Many points of one style as one SVG path, with a tooltip and a popup for the point
    // under the pointer: a thousand points cost the page one element. Over areas on a
    // canvas (L.KyodoShapes) they are painted on that canvas instead, on top of the
    // areas: one bitmap, and the canvas tells which of its layers is under the pointer.
    L.KyodoDots = L.Path.extend({
        options: {fill: true, fillRule: "nonzero"},
        initialize: function (at, titles, popup, style) {
            L.setOptions(this, style);
            var o = this.options;
            this._full = {radius: o.radius || 5, color: o.color, weight: o.weight};
            this._r = this._full.radius;
            this._at = at; this._titles = titles; this._popupOf = popup; this._xy = [];
            if (this.options.interactive === false) { return; }
            this._tip = L.tooltip({direction: "top"});  // just above the point (_restyle)
            this.on({mousemove: this._hover, mouseout: this._leave, click: this._open}, this);
        },
        getBounds: function () { return L.latLngBounds(this._at); },
        getCenter: function () { return this.getBounds().getCenter(); },
        // what a click on the layer reports: a point, never an area
        toGeoJSON: function () {
            var at = this._at[this._last >= 0 ? this._last : 0] || L.latLng(0, 0);
            return {type: "Feature", properties: {}, geometry: {type: "Point", coordinates: [at.lng, at.lat]}};
        },
        beforeAdd: function (map) {
            if (map.kyodoCanvas) { this.options.renderer = map.kyodoCanvas; } else { delete this.options.renderer; }
            L.Path.prototype.beforeAdd.call(this, map);
        },
        onAdd: function (map) {
            L.Path.prototype.onAdd.call(this, map);
            if (this._renderer === map.kyodoCanvas) { map.fire("kyodofront"); }  // counts stay on top
        },
        // The look at zoom z: below small.z a dense layer is drawn small, with a thin rim
        // (its points crowd over the whole city), from it on at full size.
        _restyle: function (z) {
            var s = this.options.small, look = s && z < s.z ? s : this._full;
            this._r = look.radius;
            if (this._tip) { this._tip.options.offset = L.point(0, -look.radius); }
            if (this.options.color === look.color && this.options.weight === look.weight) { return; }
            L.setOptions(this, {color: look.color, weight: look.weight});
            if (this._path) { this._renderer._updateStyle(this); }  // (SVG; a canvas reads it as it paints)
        },
        _project: function () {
            var map = this._map;
            this._restyle(map.getZoom());
            var r = this._r + (this.options.weight || 0);
            this._xy = this._at.map(function (p) { return map.latLngToLayerPoint(p); });
            var b = this._xy.length ? L.bounds(this._xy) : null;
            this._pxBounds = b && L.bounds(b.min.subtract([r, r]), b.max.add([r, r]));
        },
        _updateBounds: function () {},
        _containsPoint: function (p) { return this._under({layerPoint: p}) >= 0; },
        // Paints the points (on a canvas, as it draws its layers).
        _updatePath: function () {
            var renderer = this._renderer, ctx = renderer._ctx, b = renderer._bounds;
            if (!renderer._drawing || !ctx || !b) { return; }
            ctx.beginPath();
            this._trace(ctx, b);
            renderer._fillStroke(ctx, this);
        },
        // Traces the points whose shapes reach into the bounds b with the pen.
        _trace: function (pen, b) {
            var r = this._r, kind = this.options.shape || "circle";
            this._xy.forEach(function (p) {
                var off = p.x + r < b.min.x || p.x - r > b.max.x;
                if (!off && p.y + r >= b.min.y && p.y - r <= b.max.y) { traceShape(pen, kind, p.x, p.y, r); }
            });
        },
        _update: function () {
            if (!this._map || this._renderer instanceof L.Canvas) { return; }
            var pen = svgPen();
            this._trace(pen, this._renderer._bounds);
            this._renderer._setPath(this, pen.d() || "M0 0");
        },
        _under: function (e) {
            var p = e.layerPoint, r = this._r + (this.options.weight || 0) / 2;
            r += 1;  // a pixel of slack
            for (var i = this._xy.length - 1; i >= 0; i--) {
                var dx = this._xy[i].x - p.x, dy = this._xy[i].y - p.y;
                if (dx * dx + dy * dy <= r * r) { return i; }
            }
            return -1;
        },
        _hover: function (e) {
            var i = this._under(e);
            if (i < 0) { this._leave(); return; }
            this._tipAt(i, this._titles[i]);
        },
        _open: function (e) {
            var i = this._under(e);
            this._last = i;
            if (i < 0) { return; }
            this._leave();
            L.popup().setLatLng(this._at[i]).setContent(this._popupOf(i)).openOn(this._map);
        },
        onRemove: function () {
            this._leave();
            L.Path.prototype.onRemove.call(this);
        }
    });
    L.KyodoDots.include(L.KyodoShapes.itemTip);

    // --- points --------------------------------------------------------------------------

    // Notes (on) or forgets a layer whose marks the area names avoid where they can
    // (map.kyodoGathered: layers with boxes(), read by L.KyodoLabels).
    function marking(map, layer, on) {
        var list = (map.kyodoGathered || []).filter(function (g) { return g !== layer; });
        map.kyodoGathered = on ? list.concat([layer]) : list;
    }

    // Points gathered per square of o.c pixels of the map's zoom, below zoom o.z: a
    // square holding one point shows it (all such points are one L.KyodoDots path), a
    // square holding more shows one mark with their number (o.u: the escaped words
    // around the number for its tooltip), which a click zooms into. The squares are
    // fixed to the world and gathered once per zoom; only the marks in and around the
    // view are made (again after a pan that leaves them).
    L.KyodoClusters = L.FeatureGroup.extend({
        initialize: function (at, titles, popup, style, o) {
            L.FeatureGroup.prototype.initialize.call(this, []);
            this._at = at; this._titles = titles; this._popup = popup; this._style = style;
            this._o = o; this._byZoom = {};
        },
        onAdd: function (map) {
            L.FeatureGroup.prototype.onAdd.call(this, map);
            marking(map, this, true);
            map.on("zoomend", this._gather, this);
            map.on("moveend", this._follow, this);
            this._gather();
        },
        onRemove: function (map) {
            map.off("zoomend", this._gather, this);
            map.off("moveend", this._follow, this);
            marking(map, this, false);
            L.FeatureGroup.prototype.onRemove.call(this, map);
        },
        // The boxes (layer points) of the marks shown, for the names to avoid if they can.
        boxes: function () {
            var map = this._map, half = this._size / 2;
            if (!map) { return []; }
            return (this._centres || []).map(function (c) {
                var p = map.latLngToLayerPoint(c);
                return {x: p.x - half, y: p.y - half, w: 2 * half, h: 2 * half};
            });
        },
        // The squares of a zoom: [point indexes, their bounds] each, points alone first.
        _groups: function (zoom) {
            if (this._byZoom[zoom]) { return this._byZoom[zoom]; }
            var map = this._map, cell = this._o.c, cells = {}, keys = [], at = this._at;
            var whole = zoom >= this._o.z;
            at.forEach(function (p, i) {
                var xy = map.project(p, zoom);
                var key = whole ? i : Math.floor(xy.x / cell) + ":" + Math.floor(xy.y / cell);
                if (!cells[key]) { cells[key] = []; keys.push(key); }
                cells[key].push(i);
            });
            var single = [], marks = [];
            keys.forEach(function (k) {
                var g = cells[k];
                if (g.length === 1) { single.push(g[0]); return; }
                marks.push([g, L.latLngBounds(g.map(function (i) { return at[i]; }))]);
            });
            this._byZoom[zoom] = {single: single, marks: marks};
            return this._byZoom[zoom];
        },
        _gather: function () {
            var map = this._map, at = this._at, titles = this._titles, popup = this._popup;
            if (!map) { return; }
            this.clearLayers();
            var groups = this._groups(map.getZoom()), single = groups.single;
            this.addLayer(new L.KyodoDots(
                single.map(function (i) { return at[i]; }),
                single.map(function (i) { return titles[i]; }),
                function (j) { return popup(single[j]); },
                this._style
            ));
            this._marks = L.layerGroup().addTo(this);
            this._marked = null;
            this._follow();
        },
        // The marks in the view widened by a quarter of its size on every side.
        _follow: function () {
            var map = this._map;
            if (!map || !this._marks) { return; }
            var view = map.getBounds();
            if (this._marked && this._marked.contains(view)) { return; }
            var area = this._marked = view.pad(0.25), o = this._o;
            var active = this._style.interactive !== false;
            var size = this._size = L.DomUtil.hasClass(map.getContainer(), "kyodo-touch") ? 48 : 28;
            var marks = this._marks, centres = this._centres = [];
            marks.clearLayers();
            this._groups(map.getZoom()).marks.forEach(function (m) {
                var centre = m[1].getCenter(), n = m[0].length;
                if (!area.contains(centre)) { return; }
                centres.push(centre);
                var mark = L.marker(centre, {
                    interactive: active,
                    keyboard: active,
                    icon: L.divIcon({className: "kyodo-cluster", html: "<span>" + n + "</span>", iconSize: [size, size]})
                });
                if (active) {
                    mark.bindTooltip(o.u[0] + n + o.u[1]);
                    mark.on("click", function () { map.fitBounds(m[1].pad(0.3), {maxZoom: o.z}); });
                }
                marks.addLayer(mark);
            });
            map.fire("kyodolayout");  // the names may have to move
        }
    });

    // Points from one compact array, added to the group g. Each row of d.r is
    // [dlat, dlon, title, line, ...]: coordinates as integer steps of 1/d.k degree, a
    // title as text or [n, rest] (its first n characters are those of the title
    // before), a line as escaped text or an index into d.t. The popup shows the title
    // in bold, the layer's lines d.h, then the row's lines. All the points are one
    // L.KyodoDots path; with d.g they are gathered (L.KyodoClusters, d.g its options).
    // With d.s.interactive false the points take no clicks (they go to the area).
    function points(g, d) {
        var t = d.t, y = 0, x = 0, last = "", at = [], titles = [];
        function line(v) { return typeof v === "number" ? t[v] : v; }
        d.r.forEach(function (r) {
            var title = typeof r[2] === "string" ? r[2] : last.slice(0, r[2][0]) + r[2][1];
            last = title;
            y += r[0]; x += r[1];
            at.push(L.latLng(y / d.k, x / d.k));
            titles.push(title);
        });
        function popup(i) {
            var div = document.createElement("div"), h = "<b>" + titles[i] + "</b>";
            d.h.concat(d.r[i].slice(3)).forEach(function (v) {
                var s = line(v);
                if (s) { h += "<br>" + s; }
            });
            div.innerHTML = h;
            return div;
        }
        if (d.g) {
            g.addLayer(new L.KyodoClusters(at, titles, popup, d.s, d.g));
            return;
        }
        g.addLayer(new L.KyodoDots(at, titles, popup, d.s));
    }

    // Counts of a large layer as labelled circles, added to the group g. Each row of
    // d.r is [lat, lon, count, name] with name an index into d.t; the tooltip is the
    // name, d.u[0], the count and d.u[1] (L.KyodoCountDiscs.tip); a tap zooms in, down to zoom d.z at least.
    // With d.i false they take no clicks; d.m is their least size in pixels. Over
    // areas on a canvas they are painted on it (L.KyodoCountDiscs), else they are
    // markers. sizes: each circle's diameter (L.KyodoCountDiscs.size), worked out once.
    function markers(d, sizes) {
        var n = L.KyodoCountDiscs.text, active = d.i !== false;
        return d.r.map(function (r, i) {
            var size = sizes[i];
            var m = L.marker([r[0], r[1]], {
                keyboard: false,
                interactive: active,
                icon: L.divIcon({
                    className: "kyodo-count",
                    html: "<span style=\"border-color:" + d.c + "\">" + n(r[2]) + "</span>",
                    iconSize: [size, size]
                })
            });
            if (active) {
                m.bindTooltip(L.KyodoCountDiscs.tip(d, r));
                m.on("click", function (e) {
                    var map = e.target._map;
                    if (map) { map.setView(e.latlng, Math.max(map.getZoom() + 2, d.z)); }
                });
            }
            return m;
        });
    }

    // The counts on a map, as markers or on the areas' canvas; the names avoid their
    // circles where they can (as the marks of gathered points, map.kyodoGathered).
    var Counts = L.Layer.extend({
        initialize: function (d) {
            this._d = d;
            this._sizes = d.r.map(function (r) { return L.KyodoCountDiscs.size(d, r[2]); });
        },
        onAdd: function (map) {
            if (map.kyodoCanvas) {
                this._shown = new L.KyodoCountDiscs(this._d, this._sizes);
                this._shown.options.renderer = map.kyodoCanvas;
            } else {
                this._shown = L.featureGroup(markers(this._d, this._sizes));
            }
            map.addLayer(this._shown);
            marking(map, this, true);
            map.fire("kyodolayout");  // the names may have to move
            return this;
        },
        onRemove: function (map) {
            marking(map, this, false);
            map.removeLayer(this._shown);
            return this;
        },
        // The boxes (layer points) of the circles, for the names to avoid if they can.
        boxes: function () {
            var map = this._map, sizes = this._sizes;
            if (!map) { return []; }
            return this._d.r.map(function (r, i) {
                var p = map.latLngToLayerPoint([r[0], r[1]]), half = sizes[i] / 2;
                return {x: p.x - half, y: p.y - half, w: 2 * half, h: 2 * half};
            });
        },
        getBounds: function () { return L.latLngBounds(this._d.r.map(function (r) { return [r[0], r[1]]; })); }
    });

    function counts(g, d) { g.addLayer(new Counts(d)); }

    L.KyodoPoints = {points: points, counts: counts};
}(window.L));
