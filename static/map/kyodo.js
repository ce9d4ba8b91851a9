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

    // Points and the counts of a large layer (kyodo-points.js).
    var points = L.KyodoPoints.points, counts = L.KyodoPoints.counts;

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
        var edge = L.point(map.kyodoEdge || [0, 0]);
        var room = L.point((map.kyodoRoom || [0, 0])[0], foot(map));
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

    // Pixels a fitted view leaves at the map's foot: the room told by setup, or the
    // sources' lines as tall as they were last laid out (three or four lines in a narrow
    // frame) with the frame's margin above them, whichever is more.
    function foot(map) {
        var room = L.point(map.kyodoRoom || [0, 0]), edge = L.point(map.kyodoEdge || [0, 0]);
        return Math.max(room.y, (map.kyodoCredits || 0) + edge.y);
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
                att.setPrefix(d.prefix);  // escaped HTML: a link only with links
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
        // the opening view fitted again (until the map is moved) when the sources' lines,
        // told after the view, need more (or less) room at the foot than they had
        var credits = map.attributionControl && map.attributionControl.getContainer();
        if (!credits) { return; }
        new window.ResizeObserver(function () {
            // opened by a tap on ⓘ (over the map, as a touch screen shows them): the
            // view stays as it is
            if (L.DomUtil.hasClass(credits, "kyodo-open")) { return; }
            var before = foot(map);
            map.kyodoCredits = credits.offsetHeight;
            if (foot(map) !== before) { refit(map); }
        }).observe(credits);
    }

    // Whether an area's shape lies under any of a few points of the element's box, told
    // by the shapes' geometry in the map's layer points, as the areas' SVG draws them
    // (not by what the page shows there: the frame may not be laid out, or in view, yet).
    function overArea(map, el) {
        var paths = map.getContainer().querySelectorAll("path.kyodo-area");
        var r = el.getBoundingClientRect(), c = map.getContainer().getBoundingClientRect();
        for (var i = 0; i <= 10; i++) {
            for (var j = 0; j <= 4; j++) {
                var p = map.containerPointToLayerPoint([
                    r.left - c.left + r.width * i / 10, r.top - c.top + r.height * j / 4]);
                var at = new DOMPoint(p.x, p.y);
                for (var k = 0; k < paths.length; k++) {
                    if (paths[k].isPointInFill(at)) { return true; }
                }
            }
        }
        return false;
    }

    // Says so on the map (once) when base-map tiles fail to load, in the language of the
    // map's texts (text: in both, until they are on the map), under the buttons at the
    // top left, where the city's shape (running from south-west to north-east) leaves
    // the map empty. Where it would cover an area's shape (a view of one area) it is a
    // sign as wide as the buttons, whose tap (or a click) opens it until the map moves
    // or gets new layers.
    function offline(map, text) {
        var shown = false;
        // the note as a sign (its words on hover too) or in words
        function shrink(note, small) {
            L.DomUtil[small ? "addClass" : "removeClass"](note, "kyodo-offline-small");
            note.setAttribute("aria-expanded", small ? "false" : "true");
            if (small) { note.title = note.textContent; } else { note.removeAttribute("title"); }
        }
        function fit(note) {
            shrink(note, false);
            shrink(note, overArea(map, note));
        }
        // fitted again, once a frame, when the map moves (its shapes are drawn again
        // then), gets layers (not a tooltip or a popup opening) or is laid out
        function follow(note) {
            var queued = false;
            function queue(e) {
                if (queued || e.layer instanceof L.Tooltip || e.layer instanceof L.Popup) { return; }
                queued = true;
                L.Util.requestAnimFrame(function () { queued = false; fit(note); });
            }
            map.on("moveend layeradd", queue);
            // and when the map is laid out (a frame shown only once its page is ready)
            if (window.ResizeObserver) {
                new window.ResizeObserver(function () { queue({}); }).observe(map.getContainer());
            }
            // and as each of the page's style sheets still loading arrives: before, the
            // note may stand anywhere on the page, not yet in its corner over the map
            document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
                if (!link.sheet) { link.addEventListener("load", function () { queue({}); }); }
            });
        }
        map.eachLayer(function (layer) {
            if (!(layer instanceof L.TileLayer)) { return; }
            layer.on("tileerror", function () {
                if (shown) { return; }
                shown = true;
                var control = L.control({position: "topleft"});
                control.onAdd = function () {
                    var box = L.DomUtil.create("div", "kyodo-offline-box");
                    box.setAttribute("role", "status");
                    var note = L.DomUtil.create("button", "kyodo-offline", box);
                    note.type = "button";
                    var words = map.kyodoOfflineNote = L.DomUtil.create("span", "kyodo-offline-text", note);
                    words.textContent = plain(map.kyodoOfflineText || text);
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.on(note, "click", function () {
                        shrink(note, !L.DomUtil.hasClass(note, "kyodo-offline-small"));
                    });
                    follow(note);
                    return box;
                };
                control.addTo(map);
                fit(control.getContainer().firstChild);
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
