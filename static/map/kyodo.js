/*
 * kyodo-map: the map's own Leaflet code, loaded once with the base map (Leaflet 1.6 to
 * 1.9), before any layer. The layers the page swaps in place only call into L.kyodo
 * with their data (built in geo/map/elements.py), so a new view needs no new code.
 */
(function (L) {
    "use strict";
    if (L.kyodo) { return; }

    // --- controls as buttons, focus without scrolling ------------------------------------

    // The text of escaped HTML (the texts arrive escaped; attributes want them plain).
    function plain(html) {
        var t = document.createElement("textarea");
        t.innerHTML = html;
        return t.value;
    }

    // A <button> (never a link): keyboard reachable, announced as a button, going nowhere.
    // label: escaped text.
    function button(className, label, container) {
        var b = L.DomUtil.create("button", className, container);
        b.type = "button";
        if (label) { b.title = plain(label); b.setAttribute("aria-label", plain(label)); }
        L.DomEvent.disableClickPropagation(b);
        L.DomEvent.on(b, "click", L.DomEvent.stop);
        return b;
    }

    // Focus an element without scrolling any page. A click on the map focuses it (for the
    // keyboard); a plain focus() made the page around the map's frame scroll it into view
    // between the press and the release, so the first click on a partly hidden map was
    // taken for a drag and lost.
    function focusQuietly(el) {
        try { el.focus({preventScroll: true}); } catch (err) { el.focus(); }
    }

    if (L.Map.Keyboard) {
        L.Map.Keyboard.prototype._onMouseDown = function () {
            if (!this._focused) { focusQuietly(this._map._container); }
        };
    }

    // Zoom buttons as buttons.
    L.Control.Zoom.prototype._createButton = function (html, title, className, container, fn) {
        var b = button(className, title, container);
        b.innerHTML = html;
        L.DomEvent.on(b, "click", fn, this);
        return b;
    };

    // A popup's close button as a button.
    var popupLayout = L.Popup.prototype._initLayout;
    L.Popup.prototype._initLayout = function () {
        popupLayout.call(this);
        var old = this._closeButton;
        if (!old || old.tagName !== "A") { return; }
        var b = button(old.className, L.kyodo.words.close, null);
        b.innerHTML = "<span aria-hidden=\"true\">&#215;</span>";
        L.DomEvent.on(b, "click", function () {
            if (this._map) { this._map.closePopup(this); }
        }, this);
        old.parentNode.replaceChild(b, old);
        this._closeButton = b;
    };

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

    // --- the areas -----------------------------------------------------------------------

    // The one canvas the areas are painted on when there are many of them (one map per
    // page), kept on the map when the layers are swapped.
    var canvas = null;
    var hatches = {};

    // A canvas pattern of the gaps' hatching: red lines over the class colour, the same
    // tile as the SVG patterns of geo/map/style.py.
    function hatch(colour, line) {
        var key = colour + line;
        if (hatches[key]) { return hatches[key]; }
        var tile = document.createElement("canvas");
        tile.width = tile.height = 10;
        var ctx = tile.getContext("2d");
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 10, 10);
        ctx.strokeStyle = line;
        ctx.lineWidth = 2;
        ctx.beginPath();
        [[-2, 2, 2, -2], [0, 10, 10, 0], [8, 12, 12, 8]].forEach(function (l) {
            ctx.moveTo(l[0], l[1]);
            ctx.lineTo(l[2], l[3]);
        });
        ctx.stroke();
        hatches[key] = ctx.createPattern(tile, "repeat");
        return hatches[key];
    }

    // The areas as one GeoJSON layer. d.f: [properties, [type, rings]] per area, each
    // ring as integer steps of 1/scale degree; d.k: the distinct styles; d.s: each
    // area's index into them; d.c: many areas, painted on a canvas as one
    // L.KyodoShapes, the gaps hatched in colour d.c. Otherwise each area is an SVG
    // polygon made straight from its rings (no GeoJSON object in between). A click
    // notes the area on the map, so that selecting it does not move the view.
    function areas(d, scale) {
        function ring(r) {
            var out = new Array(r.length / 2), x = 0, y = 0;
            for (var i = 0, j = 0; i < r.length; i += 2, j++) {
                x += r[i]; y += r[i + 1];
                out[j] = new L.LatLng(y / scale, x / scale);
            }
            return out;
        }
        function style(f) { return d.k[d.s[f.properties.area_id]]; }
        var layer = L.geoJson(null, {style: style});
        if (d.c) {
            if (!canvas) { canvas = L.canvas({padding: 0.1}); }
            var shapes = new L.KyodoShapes(d, scale, function (s) {
                return s.className.indexOf("kyodo-gap") >= 0 ? L.extend({}, s, {fillColor: hatch(s.fillColor, d.c)}) : s;
            });
            shapes.options.renderer = canvas;
            shapes._group = layer;
            shapes.on("click", function () {
                if (shapes._hit >= 0 && shapes._map) { shapes._map.kyodoPicked = shapes.properties(shapes._hit).area_id; }
            });
            layer.addLayer(shapes);
            return layer;
        }
        d.f.forEach(function (f) {
            var g = f[1], feature = {type: "Feature", properties: f[0]};
            var latlngs = g[0] === "Polygon" ? g[1].map(ring) : g[1].map(function (p) { return p.map(ring); });
            var area = L.polygon(latlngs, style(feature));
            area.feature = feature;
            area.defaultOptions = area.options;
            area.on({
                mouseover: function () { area.setStyle({weight: style(feature).weight + 2}); },
                mouseout: function () { layer.resetStyle(area); },
                click: function () { if (area._map) { area._map.kyodoPicked = f[0].area_id; } }
            });
            layer.addLayer(area);
        });
        return layer;
    }

    // The areas' names (kyodo-labels.js).
    function labels(d) { return new L.KyodoLabels(d); }

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
    // name, d.u[0], the count and d.u[1]; a tap zooms in, down to zoom d.z at least.
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
                m.bindTooltip(d.t[r[3]] + d.u[0] + n(r[2]) + d.u[1]);
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

    // --- controls that come and go with the layers -----------------------------------------

    // A layer that shows a control while it is on a map, and nothing else: removing
    // its group removes the control too.
    var Shown = L.Layer.extend({
        initialize: function (control) { this._control = control; },
        onAdd: function (map) { this._control.addTo(map); return this; },
        onRemove: function () { this._control.remove(); return this; },
        getBounds: function () { return L.latLngBounds([]); }
    });

    // A button that opens and closes a part of a control (aria-expanded says which).
    function toggle(container, className, label, body, open) {
        var b = button(className, label, null);
        container.insertBefore(b, container.firstChild);
        function set(value) {
            b.setAttribute("aria-expanded", value ? "true" : "false");
            body.hidden = !value;
            L.DomUtil[value ? "addClass" : "removeClass"](container, "kyodo-open");
        }
        L.DomEvent.on(b, "click", function () {
            b.kyodoTouched = true;
            set(body.hidden);
        });
        set(open);
        b.kyodoSet = set;
        return b;
    }

    // A map this narrow (px) shows its legend and layer control collapsed whatever the
    // page asked for: open, they would cover it.
    var NARROW = 600;

    function narrow(map) { return map.getSize().x < NARROW; }

    // A map shorter than this (px) starts with its legend folded (the button stays, so
    // it opens with one click): open, the legend would cover a third of it. A frame of
    // no height yet (drawn before its layout) counts as tall.
    var SHORT = 560;

    function short(map) {
        var y = map.getSize().y;
        return y > 0 && y < SHORT;
    }

    // Whether an "open" legend starts (and, untouched, stays) folded on this map.
    function folds(map) { return narrow(map) || short(map); }

    // The legend (prepared, escaped HTML) at the bottom right, at most o.width px wide
    // (longer entries wrap); o.mode "collapsed" (or a narrow or short map) puts it
    // behind a button named o.label. The map asks it whether it is open
    // (map.kyodoLegendOpen) when it fits a view beside it.
    function legend(html, o) {
        o = o || {mode: "open"};
        var control = L.control({position: "bottomright"});
        control.onAdd = function (map) {
            var div = L.DomUtil.create("div", "kyodo-legend");
            if (o.width) { div.style.maxWidth = o.width + "px"; }
            var body = L.DomUtil.create("div", "kyodo-legend-body", div);
            body.innerHTML = html;
            map.kyodoLegendOpen = function () { return true; };
            if (o.label) {
                // always behind a button of its own; an "open" legend starts open
                // unless the map is narrow or short, and follows the map's size
                // until the visitor uses the button
                L.DomUtil.addClass(div, "kyodo-legend-collapsible");
                var folded = o.mode === "collapsed";
                var b = toggle(div, "kyodo-legend-toggle", o.label, body, !folded && !folds(map));
                b.textContent = plain(o.label);
                // open as the visitor left it, else as the map's size will have it
                map.kyodoLegendOpen = function () {
                    return b.kyodoTouched || folded ? !body.hidden : !folds(map);
                };
                if (!folded) {
                    var follow = function () {
                        if (!b.kyodoTouched) { b.kyodoSet(!folds(map)); }
                    };
                    map.on("resize", follow);
                    control.onRemove = function (m) { m.off("resize", follow); };
                }
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        return new Shown(control);
    }

    // The layer control: one checkbox per point layer, its name after its swatch (e:
    // [label HTML, layer] each); its toggle is a button named o.label. Collapsed when
    // asked, or on a narrow map.
    function layers(map, e, o) {
        var overlays = {};
        e.forEach(function (x) { overlays[x[0]] = x[1]; });
        var collapsed = !!o.collapsed || narrow(map);
        var control = L.control.layers({}, overlays, {
            collapsed: collapsed, position: "topright", autoZIndex: true
        });
        // opened by its class alone (the list scrolls by its style): Leaflet's own
        // expand() measures the page, forcing a layout while the map loads
        control.expand = function () {
            L.DomUtil.addClass(this._container, "leaflet-control-layers-expanded");
            return this;
        };
        control.addTo(map);
        var old = control._layersLink;
        if (old && old.tagName === "A") {
            var b = button(old.className + " kyodo-layers-toggle", o.label, null);
            b.setAttribute("aria-expanded", collapsed ? "false" : "true");
            L.DomEvent.on(b, "click", function () {
                var open = L.DomUtil.hasClass(control._container, "leaflet-control-layers-expanded");
                if (open) { control.collapse(); } else { control.expand(); }
                b.setAttribute("aria-expanded", open ? "false" : "true");
            });
            old.parentNode.replaceChild(b, old);
            control._layersLink = b;
        }
        if (o.label) {
            control.getContainer().setAttribute("role", "group");
            control.getContainer().setAttribute("aria-label", plain(o.label));
        }
        return control;
    }

    // The whole-city button (top left, under the zoom buttons): back to bounds.
    function home(o) {
        var control = L.control({position: "topleft"});
        control.onAdd = function (map) {
            var div = L.DomUtil.create("div", "leaflet-bar kyodo-home");
            var b = button("kyodo-home-button", o.label, div);
            // four corners: "fit the whole", not a box to tick
            b.innerHTML = "<svg class=\"kyodo-home-icon\" viewBox=\"0 0 12 12\" aria-hidden=\"true\" focusable=\"false\">" +
                "<path d=\"M1 4.5V1h3.5M7.5 1H11v3.5M11 7.5V11H7.5M4.5 11H1V7.5\"/></svg>" +
                "<span class=\"kyodo-home-text\">" + o.label + "</span>";
            b.removeAttribute("title");
            L.DomEvent.on(b, "click", function () { map.fitBounds(o.bounds, fitted(map, o.bounds)); });
            return div;
        };
        return new Shown(control);
    }

    // Options of a view fitted to bounds: clear of the sources' lines at the map's foot
    // and of the frame's other edges (the padding told by setup), and beside an open
    // legend (the room told by the view) when that costs no zoom.
    function fitted(map, bounds, o) {
        var edge = L.point(map.kyodoEdge || [0, 0]), room = L.point(map.kyodoRoom || [0, 0]);
        var side = legendRoom(map), most = o && o.maxZoom !== undefined ? o.maxZoom : Infinity;
        if (side) {
            var b = L.latLngBounds(bounds), pad = edge.add(room);
            var beside = Math.min(most, map.getBoundsZoom(b, false, pad.add([side, 0])));
            if (beside >= Math.min(most, map.getBoundsZoom(b, false, pad))) {
                room = room.add([side, 0]);
            }
        }
        return L.extend({paddingTopLeft: edge, paddingBottomRight: room}, o);
    }

    // Whether bounds are wholly in the part of the map that a fit with options o uses
    // (inside its padding: clear of the edges, the sources and an open legend).
    function clear(map, bounds, o) {
        var b = L.latLngBounds(bounds), size = map.getSize();
        var box = L.bounds(L.point(o.paddingTopLeft), size.subtract(L.point(o.paddingBottomRight)));
        return box.contains(map.latLngToContainerPoint(b.getNorthWest()))
            && box.contains(map.latLngToContainerPoint(b.getSouthEast()));
    }

    // Pixels an open legend takes at the map's right (0 when folded or none). A legend
    // not on the map yet (a view fitted as the layers arrive) will open unless the map
    // is narrow or short.
    function legendRoom(map) {
        var room = map.kyodoLegendRoom || 0;
        if (!room) { return 0; }
        var open = map.kyodoLegendOpen ? map.kyodoLegendOpen() : !folds(map);
        return open ? room : 0;
    }

    // Fits the map to bounds at once, and again whenever its frame changes size until
    // the map is moved (setup): a frame that takes its height from the window after
    // the map opened still shows the whole of what the map opened on.
    function openOn(map, bounds) {
        map.fitBounds(bounds, fitted(map, bounds, {animate: false}));
        map.kyodoOpening = bounds;
    }

    function refit(map) {
        var bounds = map.kyodoOpening;
        if (bounds) { openOn(map, bounds); }
    }

    // Moves the map when added: a fresh map opens on the selected area (else on the
    // home bounds: the focused areas or the whole city); a new focus shows it; an area
    // selected elsewhere on the page is brought into view, clear of the frame's edges
    // and of an open legend, as fitted views are (without zooming in); an area
    // clicked on the map leaves the view as it is.
    var View = L.Layer.extend({
        initialize: function (d) { this._d = d; },
        onAdd: function (map) {
            var d = this._d, last = map.kyodoView, picked = map.kyodoPicked;
            map.kyodoView = {home: d.home, area: d.area};
            map.kyodoPicked = null;
            map.kyodoLegendRoom = d.legend;  // the legend comes with these layers
            map.kyodoLegendOpen = null;
            if (!last) {  // at once: nothing is drawn yet, nothing to glide over
                openOn(map, d.bounds || d.homeBounds);
            } else if (last.home !== d.home) {
                map.fitBounds(d.homeBounds, fitted(map, d.homeBounds));
            } else if (last.area !== d.area && d.bounds && picked !== d.area) {
                var o = fitted(map, d.bounds, {maxZoom: map.getZoom()});
                if (!clear(map, d.bounds, o)) { map.fitBounds(d.bounds, o); }
            }
            return this;
        },
        onRemove: function () { return this; },
        getBounds: function () { return L.latLngBounds([]); }
    });

    function view(d) { return new View(d); }

    // The texts of the map in the page's language, while the layers are on it: the
    // frame's title and language, the zoom buttons' names, the attribution lines (the
    // base map first; as plain text without links), the ⓘ button that shows them on a
    // touch screen or a narrow map, the notice for missing base-map tiles, and whether
    // points take clicks.
    var Texts = L.Layer.extend({
        initialize: function (d) { this._d = d; },
        onAdd: function (map) {
            var d = this._d, att = map.attributionControl, c = map.getContainer();
            L.kyodo.words.close = d.close;
            var title = plain(d.title);
            document.documentElement.lang = d.lang;
            document.title = title;
            try {
                var frame = window.frameElement;
                if (frame) { frame.title = title; frame.setAttribute("data-kyodo-map", d.lang); }
            } catch (err) { /* a frame of another origin keeps its title */ }
            c.setAttribute("aria-label", title);
            if (map.zoomControl) {
                var zoom = map.zoomControl;
                [[zoom._zoomInButton, d.zoomIn], [zoom._zoomOutButton, d.zoomOut]].forEach(function (x) {
                    if (x[0]) { x[0].title = plain(x[1]); x[0].setAttribute("aria-label", plain(x[1])); }
                });
            }
            if (att) {
                if (map.kyodoPrefix === undefined) { map.kyodoPrefix = att.options.prefix; }
                att.setPrefix(d.links ? map.kyodoPrefix : "Leaflet");
                if (d.lines.length) { att.addAttribution(d.lines.join(" | ")); }  // one update
                // shown on a touch screen and on a narrow map (styles), the lines then folded
                if (d.lines.length) { this._info = info(att, d.sources).addTo(map); }
            }
            L.DomUtil[d.passive ? "addClass" : "removeClass"](c, "kyodo-passive-points");
            map.kyodoOfflineText = d.offline;
            if (map.kyodoOfflineNote && d.offline) { map.kyodoOfflineNote.textContent = plain(d.offline); }
            return this;
        },
        onRemove: function (map) {
            var att = map.attributionControl;
            if (att && this._d.lines.length) { att.removeAttribution(this._d.lines.join(" | ")); }
            if (this._info) { this._info.remove(); this._info = null; }
            return this;
        },
        getBounds: function () { return L.latLngBounds([]); }
    });

    // The ⓘ button that shows and hides the attribution (on a touch screen and on a
    // narrow map; elsewhere the lines are always shown and the button is not).
    function info(att, label) {
        var control = L.control({position: "bottomright"});
        control.onAdd = function () {
            var div = L.DomUtil.create("div", "leaflet-bar kyodo-info");
            var b = button("kyodo-info-button", label, div);
            b.textContent = "ⓘ";
            b.setAttribute("aria-expanded", "false");
            L.DomEvent.on(b, "click", function () {
                var open = !L.DomUtil.hasClass(att.getContainer(), "kyodo-open");
                L.DomUtil[open ? "addClass" : "removeClass"](att.getContainer(), "kyodo-open");
                b.setAttribute("aria-expanded", open ? "true" : "false");
            });
            return div;
        };
        return control;
    }

    function texts(d) { return new Texts(d); }

    // --- the base map ----------------------------------------------------------------------

    // The controls at the bottom left (the scale) stand above the
    // sources' lines when these reach under them (long sources on a narrow map). Run
    // when a corner changes size, after the browser's layout, so reading the sizes
    // forces none.
    function lift(map) {
        var att = map.attributionControl, left = map._controlCorners && map._controlCorners.bottomleft;
        if (!att || !left) { return; }
        var lines = att.getContainer();
        var under = lines.offsetWidth + left.offsetWidth > map.getContainer().clientWidth;
        var bottom = (under ? lines.offsetHeight : 0) + "px";
        if (left.style.bottom !== bottom) { left.style.bottom = bottom; }
    }

    // Once per map: a touch screen's class, the scale (metres only; o.scale: its longest
    // bar), the pane of the names, the map reflowed
    // whenever its frame changes size (and fitted again to what it opened on, until
    // it is moved: openOn), and "kyodolayout" fired whenever the controls
    // change size (their styles arrive after the map's script in a component's frame;
    // a legend opens): the names avoid the controls, and those at the bottom left stand
    // above the sources (lift). Sizes are told by ResizeObservers, after the browser's
    // own layout, so none of it forces one.
    function setup(map, o) {
        var c = map.getContainer();
        if (o.touch) { L.DomUtil.addClass(c, "kyodo-touch"); }
        map.kyodoEdge = o.edge;
        map.kyodoRoom = o.room;
        L.control.scale({imperial: false, maxWidth: o.scale}).addTo(map);
        if (!map.getPane("kyodoLabels")) { map.createPane("kyodoLabels"); }
        map.on("movestart", function () { map.kyodoOpening = null; });
        map.on("resize", function () { refit(map); });
        if (!window.ResizeObserver) { return; }
        new window.ResizeObserver(function () { map.invalidateSize({pan: false}); }).observe(c);
        var corners = new window.ResizeObserver(function () {
            lift(map);
            map.fire("kyodolayout");
        });
        Object.keys(map._controlCorners || {}).forEach(function (k) {
            corners.observe(map._controlCorners[k]);
        });
    }

    // Says so on the map (once) when base-map tiles fail to load, in the language of the
    // map's texts (text: in both, until they are on the map), under the buttons at the
    // top left, where the city's shape (running from south-west to north-east) leaves
    // the map empty.
    function offline(map, text) {
        var shown = false;
        map.eachLayer(function (layer) {
            if (!(layer instanceof L.TileLayer)) { return; }
            layer.on("tileerror", function () {
                if (shown) { return; }
                shown = true;
                var note = L.control({position: "topleft"});
                note.onAdd = function () {
                    var div = map.kyodoOfflineNote = L.DomUtil.create("div", "kyodo-offline");
                    div.setAttribute("role", "status");
                    div.textContent = plain(map.kyodoOfflineText || text);
                    return div;
                };
                note.addTo(map);
            });
        });
    }

    L.kyodo = {
        words: {close: "×"},
        areas: areas,
        labels: labels,
        points: points,
        counts: counts,
        legend: legend,
        layers: layers,
        home: home,
        view: view,
        texts: texts,
        setup: setup,
        offline: offline
    };
}(window.L));
