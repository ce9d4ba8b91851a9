/*
 * kyodo-map: the map's own Leaflet code, loaded once with the base map (Leaflet 1.6 to
 * 1.9), before any layer. The layers the page swaps in place only call into L.kyodo
 * with their data (built in geo/map/elements.py), so a new view needs no new code.
 */
(function (L) {
    "use strict";
    if (L.kyodo) { return; }

    // Many circles of one style as one SVG path, with a tooltip and a popup for the
    // circle under the pointer: a thousand points cost the page one element.
    L.KyodoDots = L.Path.extend({
        options: {fill: true, fillRule: "nonzero"},
        initialize: function (at, titles, popup, style) {
            L.setOptions(this, style);
            this._at = at; this._titles = titles; this._popupOf = popup; this._xy = [];
            this._tip = L.tooltip({direction: "top", offset: [0, -(style.radius || 5)]});
            this.on({mousemove: this._hover, mouseout: this._leave, click: this._open}, this);
        },
        getBounds: function () { return L.latLngBounds(this._at); },
        getCenter: function () { return this.getBounds().getCenter(); },
        _project: function () {
            var map = this._map;
            this._xy = this._at.map(function (p) { return map.latLngToLayerPoint(p); });
        },
        _updateBounds: function () {},
        _update: function () {
            if (!this._map) { return; }
            var b = this._renderer._bounds, r = this.options.radius || 5, out = [];
            var arc = "a" + r + "," + r + " 0 1,0 ";
            this._xy.forEach(function (p) {
                var off = p.x + r < b.min.x || p.x - r > b.max.x;
                if (off || p.y + r < b.min.y || p.y - r > b.max.y) { return; }
                out.push("M" + (p.x - r) + "," + p.y + arc + 2 * r + ",0" + arc + -2 * r + ",0");
            });
            this._renderer._setPath(this, out.length ? out.join("") : "M0 0");
        },
        _under: function (e) {
            var p = e.layerPoint, r = (this.options.radius || 5) + (this.options.weight || 0) / 2;
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
            if (i !== this._shown) {
                this._shown = i;
                this._tip.setContent(this._titles[i]);
                this._map.openTooltip(this._tip, this._at[i]);
            }
        },
        _leave: function () {
            this._shown = -1;
            if (this._map) { this._map.closeTooltip(this._tip); }
        },
        _open: function (e) {
            var i = this._under(e);
            if (i < 0) { return; }
            this._leave();
            L.popup().setLatLng(this._at[i]).setContent(this._popupOf(i)).openOn(this._map);
        },
        onRemove: function () {
            this._leave();
            L.Path.prototype.onRemove.call(this);
        }
    });

    // The areas as one GeoJSON layer. d.f: [properties, [type, rings]] per area, each
    // ring as integer steps of 1/scale degree; d.k: the distinct styles; d.s: each
    // area's index into them.
    function areas(d, scale) {
        function ring(r) {
            var out = [], x = 0, y = 0;
            for (var i = 0; i < r.length; i += 2) {
                x += r[i]; y += r[i + 1];
                out.push([x / scale, y / scale]);
            }
            return out;
        }
        function geometry(g) {
            if (g[0] === "Polygon") { return {type: "Polygon", coordinates: g[1].map(ring)}; }
            return {type: "MultiPolygon", coordinates: g[1].map(function (p) { return p.map(ring); })};
        }
        var layer = L.geoJson({
            type: "FeatureCollection",
            features: d.f.map(function (f) {
                return {type: "Feature", properties: f[0], geometry: geometry(f[1])};
            })
        }, {
            style: function (f) { return d.k[d.s[f.properties.area_id]]; },
            onEachFeature: function (f, l) {
                l.on({
                    mouseover: function (e) { e.target.setStyle({fillOpacity: 0.85}); },
                    mouseout: function (e) { layer.resetStyle(e.target); }
                });
            }
        });
        return layer;
    }

    // Circles from one compact array, added to the group g. Each row of d.r is
    // [dlat, dlon, title, line, ...]: coordinates as integer steps of 1/d.k degree, a
    // title as text or [n, rest] (its first n characters are those of the title
    // before), a line as escaped text or an index into d.t. The popup shows the title
    // in bold, the layer's lines d.h, then the row's lines. In a cluster group each
    // point is a circle marker; otherwise all are one L.KyodoDots path.
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
        if (g.addLayers) {
            g.addLayers(at.map(function (p, i) {
                var m = L.circleMarker(p, d.s);
                m.bindTooltip(titles[i]);
                m.bindPopup(function () { return popup(i); });
                return m;
            }));
            return;
        }
        g.addLayer(new L.KyodoDots(at, titles, popup, d.s));
    }

    // Counts of a large layer as labelled circles, added to the group g. Each row of
    // d.r is [lat, lon, count, name] with name an index into d.t; the tooltip is the
    // name, d.u[0], the count and d.u[1]; a tap zooms in, down to zoom d.z at least.
    function counts(g, d) {
        function n(v) { return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
        d.r.forEach(function (r) {
            var size = Math.round(26 + 6 * Math.log(r[2]) / Math.LN10);
            var m = L.marker([r[0], r[1]], {
                keyboard: false,
                icon: L.divIcon({
                    className: "kyodo-count",
                    html: "<span style=\"border-color:" + d.c + "\">" + n(r[2]) + "</span>",
                    iconSize: [size, size]
                })
            });
            m.bindTooltip(d.t[r[3]] + d.u[0] + n(r[2]) + d.u[1]);
            m.on("click", function (e) {
                var map = e.target._map;
                if (map) { map.setView(e.latlng, Math.max(map.getZoom() + 2, d.z)); }
            });
            g.addLayer(m);
        });
    }

    // A layer that shows a control while it is on a map, and nothing else: removing
    // its group removes the control too.
    var Shown = L.Layer.extend({
        initialize: function (control) { this._control = control; },
        onAdd: function (map) { this._control.addTo(map); return this; },
        onRemove: function () { this._control.remove(); return this; },
        getBounds: function () { return L.latLngBounds([]); }
    });

    // The legend (prepared, escaped HTML) at the bottom right.
    function legend(html) {
        var control = L.control({position: "bottomright"});
        control.onAdd = function () {
            var div = L.DomUtil.create("div", "kyodo-legend");
            div.innerHTML = html;
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        return new Shown(control);
    }

    // Moves the map onto bounds ([[south, west], [north, east]] or null) when added,
    // once per key: swapping the layers for another metric keeps the user's view.
    var Focus = L.Layer.extend({
        initialize: function (key, bounds) { this._key = key; this._bounds = bounds; },
        onAdd: function (map) {
            if (map.kyodoFocus !== this._key) {
                map.kyodoFocus = this._key;
                if (this._bounds) { map.fitBounds(this._bounds); }
            }
            return this;
        },
        onRemove: function () { return this; },
        getBounds: function () { return L.latLngBounds([]); }
    });

    function focus(key, bounds) { return new Focus(key, bounds); }

    // Says so on the map (once) when base-map tiles fail to load.
    function offline(map, text) {
        var shown = false;
        map.eachLayer(function (layer) {
            if (!(layer instanceof L.TileLayer)) { return; }
            layer.on("tileerror", function () {
                if (shown) { return; }
                shown = true;
                var note = L.control({position: "bottomleft"});
                note.onAdd = function () {
                    var div = L.DomUtil.create("div", "kyodo-offline");
                    div.setAttribute("role", "status");
                    div.textContent = text;
                    return div;
                };
                note.addTo(map);
            });
        });
    }

    L.kyodo = {
        areas: areas,
        points: points,
        counts: counts,
        legend: legend,
        focus: focus,
        offline: offline
    };
}(window.L));
